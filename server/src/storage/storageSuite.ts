import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@benchlearn/shared';
import { hashToken } from '../auth/tokens';
import type { BoardDocument, Storage, StoredSnapshot } from './types';

/**
 * One behaviour, every adapter: sqlite.test.ts and postgres.test.ts both run this. `open`
 * gives a fresh storage; `reopen` a second instance on the same data (a restart).
 */
export function storageSuite(name: string, open: () => Promise<Storage>, reopen: () => Promise<Storage>): void {
  const hashes = { facilitator: hashToken('f'), editor: hashToken('e'), viewer: hashToken('v') };

  function textUpdate(doc: Y.Doc, text: string): Uint8Array {
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(doc.getText('t').length, text);
    return Y.encodeStateAsUpdate(doc, before);
  }

  /** The first rows of a board whose content document says `text` (its control document: `control`). */
  function firstRows(content: Y.Doc, text: string, control: Y.Doc = new Y.Doc()): Record<BoardDocument, Uint8Array> {
    return { content: textUpdate(content, text), control: textUpdate(control, 'control') };
  }

  async function load(storage: Storage, id: string, doc: BoardDocument = 'content'): Promise<Y.Doc> {
    const loaded = new Y.Doc();
    for (const update of (await storage.loadDocument(id, doc)).updates) Y.applyUpdate(loaded, update);
    return loaded;
  }

  describe(`storage: ${name}`, () => {
    it('creates a board with its meta, token hashes and the first row of each document', async () => {
      const storage = await open();
      try {
        const doc = new Y.Doc();
        const first = firstRows(doc, 'hello');
        const id = newId();
        await storage.createBoard(id, hashes, first, { title: 'Retro', createdAt: 1234 });
        expect(await storage.getBoard(id)).toEqual({
          id,
          title: 'Retro',
          createdAt: 1234,
          locked: false,
          deleted: false,
          tokenHashes: hashes,
        });
        expect((await load(storage, id)).getText('t').toString()).toBe('hello');
        expect((await load(storage, id, 'control')).getText('t').toString()).toBe('control');
        expect(await storage.boardBytes(id)).toBe(first.content.length + first.control.length);
        expect(await storage.getBoard(newId())).toBeNull();
      } finally {
        await storage.close();
      }
    });

    it('updates title and lock, and replaces a token hash', async () => {
      const storage = await open();
      try {
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(new Y.Doc(), 'x'), { title: 'A', createdAt: 1 });
        expect((await storage.updateBoard(id, { locked: true }))?.locked).toBe(true);
        const changed = await storage.updateBoard(id, { title: 'B' });
        expect(changed).toMatchObject({ title: 'B', locked: true });
        await storage.setTokenHash(id, 'editor', hashToken('new'));
        expect((await storage.getBoard(id))?.tokenHashes).toEqual({ ...hashes, editor: hashToken('new') });
        expect(await storage.updateBoard(newId(), { title: 'C' })).toBeNull();
      } finally {
        await storage.close();
      }
    });

    it('appends updates in order, returns growing sequence numbers and keeps them after a restart', async () => {
      const storage = await open();
      const doc = new Y.Doc();
      const id = newId();
      const seqs: number[] = [];
      try {
        await storage.createBoard(id, hashes, firstRows(doc, 'a'), { title: 'A', createdAt: 1 });
        for (const letter of ['b', 'c', 'd']) seqs.push(await storage.appendUpdate(id, 'content', textUpdate(doc, letter)));
      } finally {
        await storage.close();
      }
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      const again = await reopen();
      try {
        const stored = await again.loadDocument(id, 'content');
        expect(stored.updates).toHaveLength(4);
        expect(stored.lastSeq).toBe(seqs.at(-1));
        expect((await load(again, id)).getText('t').toString()).toBe('abcd');
      } finally {
        await again.close();
      }
    });

    it('appends a batch of rows of several boards in one call; a deleted board\u2019s rows are skipped, the others stored in order', async () => {
      const storage = await open();
      try {
        const first = newId();
        const second = newId();
        const gone = newId();
        const docA = new Y.Doc();
        const docB = new Y.Doc();
        const controlA = new Y.Doc();
        await storage.createBoard(first, hashes, firstRows(docA, 'a', controlA), { title: 'A', createdAt: 1 });
        await storage.createBoard(second, hashes, firstRows(docB, 'x'), { title: 'B', createdAt: 1 });
        await storage.createBoard(gone, hashes, firstRows(new Y.Doc(), 'g'), { title: 'G', createdAt: 1 });
        await storage.deleteBoard(gone);
        const seqs = await storage.appendUpdates([
          { boardId: first, doc: 'content', update: textUpdate(docA, 'b') },
          { boardId: second, doc: 'content', update: textUpdate(docB, 'y') },
          { boardId: gone, doc: 'content', update: textUpdate(new Y.Doc(), 'late') },
          { boardId: first, doc: 'control', update: textUpdate(controlA, ' frames') },
          { boardId: first, doc: 'content', update: textUpdate(docA, 'c') },
        ]);
        expect(seqs[2]).toBeNull();
        const stored = seqs.filter((seq): seq is number => seq !== null);
        expect(stored).toHaveLength(4);
        expect([...stored].sort((x, y) => x - y)).toEqual(stored);
        expect((await load(storage, first)).getText('t').toString()).toBe('abc');
        expect((await load(storage, first, 'control')).getText('t').toString()).toBe('control frames');
        expect((await load(storage, second)).getText('t').toString()).toBe('xy');
        expect((await storage.loadDocument(first, 'content')).lastSeq).toBe(seqs[4]);
        expect((await storage.loadDocument(first, 'control')).lastSeq).toBe(seqs[3]);
        expect((await storage.loadDocument(gone, 'content')).updates).toHaveLength(0);
        expect(await storage.appendUpdates([])).toEqual([]);
      } finally {
        await storage.close();
      }
    });

    it('compacts the rows up to a sequence number into one snapshot and keeps later rows', async () => {
      const storage = await open();
      try {
        const doc = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(doc, 'a'), { title: 'A', createdAt: 1 });
        let through = 0;
        for (const letter of ['b', 'c', 'd']) through = await storage.appendUpdate(id, 'content', textUpdate(doc, letter));
        const snapshot = Y.encodeStateAsUpdate(doc);
        // Written after the snapshot was taken: compaction must not drop it.
        await storage.appendUpdate(id, 'content', textUpdate(doc, 'e'));
        await storage.compact(id, 'content', snapshot, through);
        const stored = await storage.loadDocument(id, 'content');
        expect(stored.updates).toHaveLength(2);
        expect(stored.bytes).toBe(await storage.boardBytes(id, 'content'));
        expect((await load(storage, id)).getText('t').toString()).toBe('abcde');
        // Up to a sequence number (what a compaction worker reads): the snapshot, not the later row.
        const upTo = await storage.loadDocument(id, 'content', through);
        expect(upTo.updates).toHaveLength(1);
        expect(upTo.lastSeq).toBe(through);
        expect(Buffer.from(upTo.updates[0]!).equals(Buffer.from(snapshot))).toBe(true);
      } finally {
        await storage.close();
      }
    });

    it('builds a snapshot of one document\u2019s rows up to a sequence number on its worker, with the rows it covers', async () => {
      const storage = await open();
      try {
        const doc = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(doc, 'a'), { title: 'A', createdAt: 1 });
        const through = await storage.appendUpdate(id, 'content', textUpdate(doc, 'b'));
        await storage.appendUpdate(id, 'content', textUpdate(doc, 'c'));
        const read = await storage.loadDocument(id, 'content', through);
        const built = await storage.snapshotThrough(id, 'content', through);
        expect(built.seqs).toEqual(read.seqs);
        expect(built.bytes).toBe(read.bytes);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, built.snapshot);
        expect(copy.getText('t').toString()).toBe('ab');
        // The other document's rows are not in it.
        expect((await storage.snapshotThrough(id, 'control', Number.MAX_SAFE_INTEGER)).seqs).toHaveLength(1);
      } finally {
        await storage.close();
      }
    });

    it('replaces only the rows a snapshot was made from when it is told which (covered)', async () => {
      const storage = await open();
      try {
        const doc = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(doc, 'a'), { title: 'A', createdAt: 1 });
        const first = await storage.appendUpdate(id, 'content', textUpdate(doc, 'b'));
        // A row the snapshot will not hold (as if it committed after the snapshot's rows were read).
        const other = new Y.Doc();
        const missed = await storage.appendUpdate(id, 'content', textUpdate(other, 'x'));
        const through = await storage.appendUpdate(id, 'content', textUpdate(doc, 'c'));
        const read = await storage.loadDocument(id, 'content', through);
        const covered = read.seqs.filter((seq) => seq !== missed);
        expect(read.seqs).toEqual([...read.seqs].sort((x, y) => x - y));
        expect(read.seqs).toContain(first);
        await storage.compact(id, 'content', Y.encodeStateAsUpdate(doc), through, covered);
        const stored = await storage.loadDocument(id, 'content');
        expect(stored.seqs).toEqual([missed, through]);
        const loaded = new Y.Doc();
        for (const update of stored.updates) Y.applyUpdate(loaded, update);
        expect(loaded.getText('t').toString()).toContain('abc');
        expect(loaded.getText('t').toString()).toContain('x');
      } finally {
        await storage.close();
      }
    });

    it('keeps the two documents apart: a row of one never shows in the other\u2019s load, even interleaved', async () => {
      const storage = await open();
      try {
        const content = new Y.Doc();
        const control = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(content, 'a', control), { title: 'A', createdAt: 1 });
        const contentSeqs = [await storage.appendUpdate(id, 'content', textUpdate(content, 'b'))];
        const controlSeqs = [await storage.appendUpdate(id, 'control', textUpdate(control, '!'))];
        contentSeqs.push(await storage.appendUpdate(id, 'content', textUpdate(content, 'c')));
        const loadedContent = await storage.loadDocument(id, 'content');
        const loadedControl = await storage.loadDocument(id, 'control');
        expect(loadedContent.updates).toHaveLength(3);
        expect(loadedControl.updates).toHaveLength(2);
        expect(loadedContent.seqs.slice(1)).toEqual(contentSeqs);
        expect(loadedControl.seqs.slice(1)).toEqual(controlSeqs);
        expect(loadedContent.lastSeq).toBe(contentSeqs[1]);
        expect(loadedControl.lastSeq).toBe(controlSeqs[0]);
        expect((await load(storage, id, 'content')).getText('t').toString()).toBe('abc');
        expect((await load(storage, id, 'control')).getText('t').toString()).toBe('control!');
        // Up to a row of the other document: this document's rows up to there, none of the other's.
        const upTo = await storage.loadDocument(id, 'content', controlSeqs[0]);
        expect(upTo.seqs).toEqual([loadedContent.seqs[0], contentSeqs[0]]);
      } finally {
        await storage.close();
      }
    });

    it('compacts one document and leaves the other\u2019s rows as they are', async () => {
      const storage = await open();
      try {
        const content = new Y.Doc();
        const control = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(content, 'a', control), { title: 'A', createdAt: 1 });
        await storage.appendUpdate(id, 'control', textUpdate(control, '1'));
        const through = await storage.appendUpdate(id, 'content', textUpdate(content, 'b'));
        await storage.appendUpdate(id, 'control', textUpdate(control, '2'));
        const controlBefore = await storage.loadDocument(id, 'control');
        await storage.compact(id, 'content', Y.encodeStateAsUpdate(content), through);
        expect((await storage.loadDocument(id, 'content')).seqs).toEqual([through]);
        expect(await storage.loadDocument(id, 'control')).toEqual(controlBefore);
        // And the other way round, up to a number past the content's snapshot: the content stays.
        const controlThrough = controlBefore.lastSeq;
        await storage.appendUpdate(id, 'content', textUpdate(content, 'c'));
        await storage.compact(id, 'control', Y.encodeStateAsUpdate(control), controlThrough);
        expect((await storage.loadDocument(id, 'control')).seqs).toEqual([controlThrough]);
        expect((await storage.loadDocument(id, 'content')).updates).toHaveLength(2);
        expect((await load(storage, id, 'content')).getText('t').toString()).toBe('abc');
        expect((await load(storage, id, 'control')).getText('t').toString()).toBe('control12');
      } finally {
        await storage.close();
      }
    });

    it('counts the stored bytes of each document and of both', async () => {
      const storage = await open();
      try {
        const content = new Y.Doc();
        const control = new Y.Doc();
        const id = newId();
        const first = firstRows(content, 'hello', control);
        await storage.createBoard(id, hashes, first, { title: 'A', createdAt: 1 });
        const more = textUpdate(control, ' and frames');
        await storage.appendUpdate(id, 'control', more);
        expect(await storage.boardBytes(id, 'content')).toBe(first.content.length);
        expect(await storage.boardBytes(id, 'control')).toBe(first.control.length + more.length);
        expect(await storage.boardBytes(id)).toBe(first.content.length + first.control.length + more.length);
        expect((await storage.loadDocument(id, 'control')).bytes).toBe(first.control.length + more.length);
        expect(await storage.boardBytes(newId())).toBe(0);
        expect(await storage.boardBytes(newId(), 'control')).toBe(0);
      } finally {
        await storage.close();
      }
    });

    function snapshot(
      name: string,
      auto: boolean,
      data: Uint8Array,
      createdAt = Date.now(),
      control: Uint8Array | null = new Uint8Array([0, 0]),
    ): StoredSnapshot {
      return { id: newId(), name, auto, createdAt, counts: { success: 1, problem: 2, lesson: 3, note: 4, links: 5 }, data, control };
    }

    it('stores snapshots, lists them newest first without their documents, and reads one back', async () => {
      const storage = await open();
      try {
        const doc = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(doc, 'a'), { title: 'A', createdAt: 1 });
        const first = snapshot('Before lunch', false, Y.encodeStateAsUpdate(doc), 1000);
        await storage.createSnapshot(id, first, 50);
        textUpdate(doc, 'b');
        const second = snapshot('Automatic snapshot', true, Y.encodeStateAsUpdate(doc), 1000);
        await storage.createSnapshot(id, second, 50);
        const list = await storage.listSnapshots(id);
        // Same millisecond: still in the order they were taken.
        expect(list.map((entry) => entry.id)).toEqual([second.id, first.id]);
        expect(list[1]).toEqual({ id: first.id, name: 'Before lunch', createdAt: 1000, auto: false, counts: first.counts });
        expect(list[0]).not.toHaveProperty('data');
        const stored = await storage.getSnapshot(id, second.id);
        expect(stored?.name).toBe('Automatic snapshot');
        const restored = new Y.Doc();
        Y.applyUpdate(restored, stored!.data);
        expect(restored.getText('t').toString()).toBe('ab');
        expect(await storage.getSnapshot(id, newId())).toBeNull();
        // A snapshot belongs to its board.
        const other = newId();
        await storage.createBoard(other, hashes, firstRows(new Y.Doc(), 'x'), { title: 'B', createdAt: 1 });
        expect(await storage.getSnapshot(other, first.id)).toBeNull();
        expect(await storage.listSnapshots(other)).toEqual([]);
        await expect(storage.createSnapshot(newId(), snapshot('x', false, first.data), 50)).rejects.toThrow(/does not exist/);
      } finally {
        await storage.close();
      }
    });

    it('stores a snapshot\u2019s control document with it, and reads one stored without (schema 1) back as null', async () => {
      const storage = await open();
      try {
        const content = new Y.Doc();
        const control = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(content, 'cards', control), { title: 'A', createdAt: 1 });
        const both = snapshot('Both', false, Y.encodeStateAsUpdate(content), 1, Y.encodeStateAsUpdate(control));
        const v1 = snapshot('Old', true, Y.encodeStateAsUpdate(content), 2, null);
        await storage.createSnapshot(id, both, 50);
        await storage.createSnapshot(id, v1, 50);
        const stored = await storage.getSnapshot(id, both.id);
        expect(Buffer.from(stored!.data).equals(Buffer.from(both.data))).toBe(true);
        const restored = new Y.Doc();
        Y.applyUpdate(restored, stored!.control!);
        expect(restored.getText('t').toString()).toBe('control');
        expect((await storage.getSnapshot(id, v1.id))?.control).toBeNull();
        expect((await storage.listSnapshots(id))[0]).not.toHaveProperty('control');
      } finally {
        await storage.close();
      }
    });

    it('keeps the newest automatic snapshots up to the limit and every named one', async () => {
      const storage = await open();
      try {
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(new Y.Doc(), 'a'), { title: 'A', createdAt: 1 });
        const named = snapshot('Named', false, new Uint8Array([0, 0]));
        await storage.createSnapshot(id, named, 3);
        const autos: string[] = [];
        for (let i = 0; i < 6; i++) {
          const auto = snapshot(`auto ${i}`, true, new Uint8Array([0, 0]));
          autos.push(auto.id);
          await storage.createSnapshot(id, auto, 3);
        }
        const list = await storage.listSnapshots(id);
        expect(list.map((entry) => entry.name)).toEqual(['auto 5', 'auto 4', 'auto 3', 'Named']);
        expect(await storage.getSnapshot(id, autos[0]!)).toBeNull();
        // A named snapshot does not push out automatic ones.
        await storage.createSnapshot(id, snapshot('Named 2', false, new Uint8Array([0, 0])), 3);
        expect((await storage.listSnapshots(id)).filter((entry) => entry.auto)).toHaveLength(3);
      } finally {
        await storage.close();
      }
    });

    it('deletes a board: both its documents and its tokens are gone, and it takes no more updates', async () => {
      const storage = await open();
      try {
        const id = newId();
        await storage.createBoard(id, hashes, firstRows(new Y.Doc(), 'secret'), { title: 'Gone', createdAt: 1 });
        await storage.appendUpdate(id, 'control', textUpdate(new Y.Doc(), 'frames'));
        await storage.createSnapshot(id, snapshot('kept?', false, new Uint8Array([0, 0])), 50);
        expect(await storage.deleteBoard(id)).toBe(true);
        expect(await storage.listSnapshots(id)).toEqual([]);
        expect(await storage.deleteBoard(id)).toBe(false);
        const record = await storage.getBoard(id);
        expect(record).toMatchObject({ deleted: true, title: '' });
        expect(record?.tokenHashes).toEqual({ facilitator: '', editor: '', viewer: '' });
        expect((await storage.loadDocument(id, 'content')).updates).toHaveLength(0);
        expect((await storage.loadDocument(id, 'control')).updates).toHaveLength(0);
        expect(await storage.boardBytes(id)).toBe(0);
        await expect(storage.appendUpdate(id, 'content', textUpdate(new Y.Doc(), 'late'))).rejects.toThrow(/does not exist/);
        await expect(storage.appendUpdate(id, 'control', textUpdate(new Y.Doc(), 'late'))).rejects.toThrow(/does not exist/);
        await expect(storage.appendUpdate(newId(), 'content', textUpdate(new Y.Doc(), 'x'))).rejects.toThrow(/does not exist/);
        await expect(storage.setTokenHash(id, 'viewer', hashToken('x'))).rejects.toThrow(/does not exist/);
        expect(await storage.updateBoard(id, { locked: true })).toBeNull();
      } finally {
        await storage.close();
      }
    });
  });
}
