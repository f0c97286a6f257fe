import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@benchlearn/shared';
import { hashToken } from '../auth/tokens';
import type { Storage, StoredSnapshot } from './types';

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

  async function load(storage: Storage, id: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    for (const update of (await storage.loadDocument(id)).updates) Y.applyUpdate(doc, update);
    return doc;
  }

  describe(`storage: ${name}`, () => {
    it('creates a board with its meta, token hashes and first update', async () => {
      const storage = await open();
      try {
        const doc = new Y.Doc();
        const first = textUpdate(doc, 'hello');
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
        expect(await storage.boardBytes(id)).toBe(first.length);
        expect(await storage.getBoard(newId())).toBeNull();
      } finally {
        await storage.close();
      }
    });

    it('updates title and lock, and replaces a token hash', async () => {
      const storage = await open();
      try {
        const id = newId();
        await storage.createBoard(id, hashes, textUpdate(new Y.Doc(), 'x'), { title: 'A', createdAt: 1 });
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
        await storage.createBoard(id, hashes, textUpdate(doc, 'a'), { title: 'A', createdAt: 1 });
        for (const letter of ['b', 'c', 'd']) seqs.push(await storage.appendUpdate(id, textUpdate(doc, letter)));
      } finally {
        await storage.close();
      }
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      const again = await reopen();
      try {
        const stored = await again.loadDocument(id);
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
        await storage.createBoard(first, hashes, textUpdate(docA, 'a'), { title: 'A', createdAt: 1 });
        await storage.createBoard(second, hashes, textUpdate(docB, 'x'), { title: 'B', createdAt: 1 });
        await storage.createBoard(gone, hashes, textUpdate(new Y.Doc(), 'g'), { title: 'G', createdAt: 1 });
        await storage.deleteBoard(gone);
        const seqs = await storage.appendUpdates([
          { boardId: first, update: textUpdate(docA, 'b') },
          { boardId: second, update: textUpdate(docB, 'y') },
          { boardId: gone, update: textUpdate(new Y.Doc(), 'late') },
          { boardId: first, update: textUpdate(docA, 'c') },
        ]);
        expect(seqs[2]).toBeNull();
        const stored = seqs.filter((seq): seq is number => seq !== null);
        expect(stored).toHaveLength(3);
        expect([...stored].sort((x, y) => x - y)).toEqual(stored);
        expect((await load(storage, first)).getText('t').toString()).toBe('abc');
        expect((await load(storage, second)).getText('t').toString()).toBe('xy');
        expect((await storage.loadDocument(first)).lastSeq).toBe(seqs[3]);
        expect((await storage.loadDocument(gone)).updates).toHaveLength(0);
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
        await storage.createBoard(id, hashes, textUpdate(doc, 'a'), { title: 'A', createdAt: 1 });
        let through = 0;
        for (const letter of ['b', 'c', 'd']) through = await storage.appendUpdate(id, textUpdate(doc, letter));
        const snapshot = Y.encodeStateAsUpdate(doc);
        // Written after the snapshot was taken: compaction must not drop it.
        await storage.appendUpdate(id, textUpdate(doc, 'e'));
        await storage.compact(id, snapshot, through);
        const stored = await storage.loadDocument(id);
        expect(stored.updates).toHaveLength(2);
        expect(stored.bytes).toBe(await storage.boardBytes(id));
        expect((await load(storage, id)).getText('t').toString()).toBe('abcde');
        // Up to a sequence number (what a compaction worker reads): the snapshot, not the later row.
        const upTo = await storage.loadDocument(id, through);
        expect(upTo.updates).toHaveLength(1);
        expect(upTo.lastSeq).toBe(through);
        expect(Buffer.from(upTo.updates[0]!).equals(Buffer.from(snapshot))).toBe(true);
      } finally {
        await storage.close();
      }
    });

    it('replaces only the rows a snapshot was made from when it is told which (covered)', async () => {
      const storage = await open();
      try {
        const doc = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, textUpdate(doc, 'a'), { title: 'A', createdAt: 1 });
        const first = await storage.appendUpdate(id, textUpdate(doc, 'b'));
        // A row the snapshot will not hold (as if it committed after the snapshot's rows were read).
        const other = new Y.Doc();
        const missed = await storage.appendUpdate(id, textUpdate(other, 'x'));
        const through = await storage.appendUpdate(id, textUpdate(doc, 'c'));
        const read = await storage.loadDocument(id, through);
        const covered = read.seqs.filter((seq) => seq !== missed);
        expect(read.seqs).toEqual([...read.seqs].sort((x, y) => x - y));
        expect(read.seqs).toContain(first);
        await storage.compact(id, Y.encodeStateAsUpdate(doc), through, covered);
        const stored = await storage.loadDocument(id);
        expect(stored.seqs).toEqual([missed, through]);
        const loaded = new Y.Doc();
        for (const update of stored.updates) Y.applyUpdate(loaded, update);
        expect(loaded.getText('t').toString()).toContain('abc');
        expect(loaded.getText('t').toString()).toContain('x');
      } finally {
        await storage.close();
      }
    });

    function snapshot(name: string, auto: boolean, data: Uint8Array, createdAt = Date.now()): StoredSnapshot {
      return { id: newId(), name, auto, createdAt, counts: { success: 1, problem: 2, lesson: 3, note: 4, links: 5 }, data };
    }

    it('stores snapshots, lists them newest first without their documents, and reads one back', async () => {
      const storage = await open();
      try {
        const doc = new Y.Doc();
        const id = newId();
        await storage.createBoard(id, hashes, textUpdate(doc, 'a'), { title: 'A', createdAt: 1 });
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
        await storage.createBoard(other, hashes, textUpdate(new Y.Doc(), 'x'), { title: 'B', createdAt: 1 });
        expect(await storage.getSnapshot(other, first.id)).toBeNull();
        expect(await storage.listSnapshots(other)).toEqual([]);
        await expect(storage.createSnapshot(newId(), snapshot('x', false, first.data), 50)).rejects.toThrow(/does not exist/);
      } finally {
        await storage.close();
      }
    });

    it('keeps the newest automatic snapshots up to the limit and every named one', async () => {
      const storage = await open();
      try {
        const id = newId();
        await storage.createBoard(id, hashes, textUpdate(new Y.Doc(), 'a'), { title: 'A', createdAt: 1 });
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

    it('deletes a board: its document and tokens are gone, and it takes no more updates', async () => {
      const storage = await open();
      try {
        const id = newId();
        await storage.createBoard(id, hashes, textUpdate(new Y.Doc(), 'secret'), { title: 'Gone', createdAt: 1 });
        await storage.createSnapshot(id, snapshot('kept?', false, new Uint8Array([0, 0])), 50);
        expect(await storage.deleteBoard(id)).toBe(true);
        expect(await storage.listSnapshots(id)).toEqual([]);
        expect(await storage.deleteBoard(id)).toBe(false);
        const record = await storage.getBoard(id);
        expect(record).toMatchObject({ deleted: true, title: '' });
        expect(record?.tokenHashes).toEqual({ facilitator: '', editor: '', viewer: '' });
        expect((await storage.loadDocument(id)).updates).toHaveLength(0);
        expect(await storage.boardBytes(id)).toBe(0);
        await expect(storage.appendUpdate(id, textUpdate(new Y.Doc(), 'late'))).rejects.toThrow(/does not exist/);
        await expect(storage.appendUpdate(newId(), textUpdate(new Y.Doc(), 'x'))).rejects.toThrow(/does not exist/);
        await expect(storage.setTokenHash(id, 'viewer', hashToken('x'))).rejects.toThrow(/does not exist/);
        expect(await storage.updateBoard(id, { locked: true })).toBeNull();
      } finally {
        await storage.close();
      }
    });
  });
}
