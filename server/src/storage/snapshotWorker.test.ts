import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addFrame, newBoardDocs, readCards, readFrames, setCardBounds, type BoardDocs } from '@benchlearn/shared';
import { IN_PLACE_MAX_BYTES, type SubmitResult } from '../rooms/room';
import { cardsUpdate, serverWithRoom, SILENT_EDITOR } from '../testing/boards';
import { createBoard } from '../testing/testkit';
import { SqliteStorage } from './sqlite';
import { rowsSnapshotWorker } from './snapshotWorker';

/** A content document as a board, to read its cards (they live in the content document). */
const contentOf = (doc: Y.Doc): BoardDocs => ({ content: doc, control: new Y.Doc() });

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the storage adapters’ snapshot workers', () => {
  it('encodes the rows, applied in order, as the document they make; a row that does not apply is skipped', async () => {
    const worker = rowsSnapshotWorker();
    cleanups.push(() => worker.close());
    const board = newBoardDocs();
    const doc = board.content;
    const rows: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => rows.push(update));
    const id = addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Start small', authorId: 'a', authorName: 'A' });
    for (let i = 1; i <= 20; i++) setCardBounds(board, [{ id, x: i, y: i }]);
    const snapshot = await worker.run({ rows: [...rows.slice(0, 5), new Uint8Array([1, 2, 3]), ...rows.slice(5)] });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, snapshot);
    expect(readCards(contentOf(copy))).toEqual(readCards(board));
    expect(copy.getMap('cards').toJSON()).toEqual(doc.getMap('cards').toJSON());
    // Deleted content is gone, as in Y.encodeStateAsUpdate of the document itself.
    expect(snapshot.length).toBeLessThan(rows.reduce((sum, row) => sum + row.length, 0));
  });

  it('ends its thread once idle, giving the memory of the boards it built back, and starts again when asked', async () => {
    const worker = rowsSnapshotWorker(50);
    cleanups.push(() => worker.close());
    const doc = new Y.Doc();
    const update = cardsUpdate(doc, 10);
    await worker.run({ rows: [update] });
    expect(worker.running).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(worker.running).toBe(false);
    const again = new Y.Doc();
    Y.applyUpdate(again, await worker.run({ rows: [update] }));
    expect(readCards(contentOf(again))).toHaveLength(10);
  });

  it('a job sent right after an idle worker ended goes to a new worker and is not failed by the old one ending', async () => {
    const worker = rowsSnapshotWorker(20);
    cleanups.push(() => worker.close());
    const update = cardsUpdate(new Y.Doc(), 5);
    await worker.run({ rows: [update] });
    const deadline = Date.now() + 2000;
    while (worker.running && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(worker.running).toBe(false);
    // The old thread's exit arrives while this job waits for the new one.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, await worker.run({ rows: [update] }));
    expect(readCards(contentOf(copy))).toHaveLength(5);
  });

  it('SQLite\u2019s worker reads one document\u2019s rows of its file up to a sequence number, and none of the other document\u2019s', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'benchlearn-compaction-'));
    const storage = new SqliteStorage(dataDir);
    const worker = rowsSnapshotWorker();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => storage.close());
    cleanups.push(() => worker.close());
    const board = newBoardDocs();
    const rows = { content: [] as Uint8Array[], control: [] as Uint8Array[] };
    board.content.on('update', (update: Uint8Array) => rows.content.push(update));
    board.control.on('update', (update: Uint8Array) => rows.control.push(update));
    addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Start small', authorId: 'a', authorName: 'A' });
    addFrame(board, { title: 'Lessen', x: 0, y: 0, w: 400, h: 400, color: '#1565c0' });
    const id = 'compactionboard123456';
    await storage.createBoard(
      id,
      { facilitator: 'f', editor: 'e', viewer: 'v' },
      { content: rows.content[0]!, control: rows.control[0]! },
      { title: 'W', createdAt: 1 },
    );
    addCard(board, { kind: 'success', x: 0, y: 200, text: 'We cycled', authorId: 'a', authorName: 'A' });
    addFrame(board, { title: 'Successen', x: 500, y: 0, w: 400, h: 400, color: '#2e7d32' });
    await storage.appendUpdates([
      { boardId: id, doc: 'content', update: rows.content[1]! },
      { boardId: id, doc: 'control', update: rows.control[1]! },
    ]);
    const throughContent = (await storage.loadDocument(id, 'content')).lastSeq;
    // After the sequence number asked for: left out.
    addCard(board, { kind: 'note', x: 0, y: 400, text: 'Later', authorId: 'a', authorName: 'A' });
    await storage.appendUpdate(id, 'content', rows.content[2]!);

    const content = new Y.Doc();
    const snapshot = await storage.snapshotThrough(id, 'content', throughContent);
    Y.applyUpdate(content, snapshot.snapshot);
    expect(snapshot.seqs).toHaveLength(2);
    expect(snapshot.bytes).toBe(rows.content[0]!.length + rows.content[1]!.length);
    expect(storage.snapshots.done).toBe(1);
    expect(
      readCards(contentOf(content))
        .map((card) => card.text)
        .sort(),
    ).toEqual(['Start small', 'We cycled']);
    expect(content.getMap('frames').size).toBe(0);

    const control = newBoardDocs();
    Y.applyUpdate(control.control, (await storage.snapshotThrough(id, 'control', Number.MAX_SAFE_INTEGER)).snapshot);
    expect(
      readFrames(control)
        .map((frame) => frame.title)
        .sort(),
    ).toEqual(['Lessen', 'Successen']);
    expect(control.control.getMap('cards').size).toBe(0);
  });

  it('compacts a big board on the worker thread and a small one in place, and both snapshots hold the board', async () => {
    const { server, room, boardId } = await serverWithRoom(cleanups);
    if (!(server.storage instanceof SqliteStorage)) throw new Error('this test runs on SQLite');
    const worker = server.storage.snapshots;
    for (let i = 0; i < 4; i++) {
      const result = await new Promise<SubmitResult>((resolve) => room.submitUpdate(cardsUpdate(room.doc, 1500), SILENT_EDITOR, resolve));
      expect(result).toBe('applied');
    }
    expect(room.storedBytes).toBeGreaterThan(IN_PLACE_MAX_BYTES);
    await room.compactNow();
    // On the worker: the event loop never ran the whole-board encode (20 ms here, 20–70 ms in the relay ramp).
    expect(worker.done).toBe(1);
    const stored = await server.storage.loadDocument(boardId, 'content');
    expect(stored.updates).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, stored.updates[0]!);
    expect(copy.getMap('cards').size).toBe(6000);
    expect(readCards(contentOf(copy))).toEqual(readCards(contentOf(room.doc)));

    // A small board: encoded in place, quicker than a round trip to the worker.
    const small = await createBoard(server);
    const smallBoard = (await server.rooms.hold(small.id))!;
    cleanups.push(() => server.rooms.release(smallBoard));
    const smallRoom = smallBoard.content;
    await new Promise<SubmitResult>((resolve) => smallRoom.submitUpdate(cardsUpdate(smallRoom.doc, 10), SILENT_EDITOR, resolve));
    expect(smallRoom.storedBytes).toBeLessThan(IN_PLACE_MAX_BYTES);
    await smallRoom.compactNow();
    expect(worker.done).toBe(1);
    const smallStored = await server.storage.loadDocument(small.id, 'content');
    expect(smallStored.updates).toHaveLength(1);
    const smallCopy = new Y.Doc();
    Y.applyUpdate(smallCopy, smallStored.updates[0]!);
    expect(readCards(contentOf(smallCopy))).toEqual(readCards(contentOf(smallRoom.doc)));
  });
});
