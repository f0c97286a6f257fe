import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardMaps, readCards, setCardBounds } from '@benchlearn/shared';
import { cardsUpdate, serverWithRoom, SILENT_EDITOR } from '../testing/boards';
import { createBoard } from '../testing/testkit';
import { CompactionWorker } from './compactionWorker';
import { IN_PLACE_MAX_BYTES, type SubmitResult } from './room';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('CompactionWorker', () => {
  it('encodes the rows, applied in order, as the document they make; a row that does not apply is skipped', async () => {
    const worker = new CompactionWorker();
    cleanups.push(() => worker.close());
    const doc = new Y.Doc();
    const rows: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => rows.push(update));
    const id = addCard(doc, { kind: 'lesson', x: 0, y: 0, text: 'Start small', authorId: 'a', authorName: 'A' });
    for (let i = 1; i <= 20; i++) setCardBounds(doc, [{ id, x: i, y: i }]);
    const snapshot = await worker.encode([...rows.slice(0, 5), new Uint8Array([1, 2, 3]), ...rows.slice(5)]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, snapshot);
    expect(readCards(copy)).toEqual(readCards(doc));
    expect(copy.getMap('cards').toJSON()).toEqual(doc.getMap('cards').toJSON());
    // Deleted content is gone, as in Y.encodeStateAsUpdate of the document itself.
    expect(snapshot.length).toBeLessThan(rows.reduce((sum, row) => sum + row.length, 0));
  });

  it('ends its thread once idle, giving the memory of the boards it built back, and starts again when asked', async () => {
    const worker = new CompactionWorker(50);
    cleanups.push(() => worker.close());
    const doc = new Y.Doc();
    const update = cardsUpdate(doc, 10);
    await worker.encode([update]);
    expect(worker.running).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(worker.running).toBe(false);
    const again = new Y.Doc();
    Y.applyUpdate(again, await worker.encode([update]));
    expect(readCards(again)).toHaveLength(10);
  });

  it('a job sent right after an idle worker ended goes to a new worker and is not failed by the old one ending', async () => {
    const worker = new CompactionWorker(20);
    cleanups.push(() => worker.close());
    const update = cardsUpdate(new Y.Doc(), 5);
    await worker.encode([update]);
    const deadline = Date.now() + 2000;
    while (worker.running && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(worker.running).toBe(false);
    // The old thread's exit arrives while this job waits for the new one.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, await worker.encode([update]));
    expect(readCards(copy)).toHaveLength(5);
  });

  it('compacts a big board on the worker thread and a small one in place, and both snapshots hold the board', async () => {
    const { server, room, boardId } = await serverWithRoom(cleanups);
    const worker = server.rooms.compactionWorker!;
    for (let i = 0; i < 4; i++) {
      const result = await new Promise<SubmitResult>((resolve) => room.submitUpdate(cardsUpdate(room.doc, 1500), SILENT_EDITOR, resolve));
      expect(result).toBe('applied');
    }
    expect(room.storedBytes).toBeGreaterThan(IN_PLACE_MAX_BYTES);
    await room.compactNow();
    // On the worker: the event loop never ran the whole-board encode (20 ms here, 20–70 ms in the relay ramp).
    expect(worker.encoded).toBe(1);
    const stored = await server.storage.loadDocument(boardId);
    expect(stored.updates).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, stored.updates[0]!);
    expect(boardMaps(copy).cards.size).toBe(6000);
    expect(readCards(copy)).toEqual(readCards(room.doc));

    // A small board: encoded in place, quicker than a round trip to the worker.
    const small = await createBoard(server);
    const smallRoom = (await server.rooms.hold(small.id))!;
    cleanups.push(() => server.rooms.release(smallRoom));
    await new Promise<SubmitResult>((resolve) => smallRoom.submitUpdate(cardsUpdate(smallRoom.doc, 10), SILENT_EDITOR, resolve));
    expect(smallRoom.storedBytes).toBeLessThan(IN_PLACE_MAX_BYTES);
    await smallRoom.compactNow();
    expect(worker.encoded).toBe(1);
    const smallStored = await server.storage.loadDocument(small.id);
    expect(smallStored.updates).toHaveLength(1);
    const smallCopy = new Y.Doc();
    Y.applyUpdate(smallCopy, smallStored.updates[0]!);
    expect(readCards(smallCopy)).toEqual(readCards(smallRoom.doc));
  });
});
