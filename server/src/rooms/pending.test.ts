import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, newBoardDocs, newId } from '@benchlearn/shared';
import { createLogger } from '../logging';
import { createMetrics } from '../metrics';
import { SqliteStorage } from '../storage';
import { contentBoard } from '../testing/boards';
import { tempDataDir, waitFor } from '../testing/testkit';
import { RoomManager } from './manager';
import { pendingBytes } from './pending';
import { encodeBoard } from './storedRows';
import type { Room, SubmitResult } from './room';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CAP = 16 * 1024;

async function setUp() {
  const dataDir = tempDataDir();
  const storage = new SqliteStorage(dataDir);
  const metrics = createMetrics();
  const rooms = new RoomManager({
    storage,
    metrics,
    log: createLogger('silent'),
    idleMs: 60_000,
    settings: { maxBoardBytes: 32 << 20, maxPendingBytes: CAP, compactEvery: 500 },
  });
  cleanups.push(async () => {
    await rooms.shutdown();
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const boardId = newId();
  await storage.createBoard(boardId, { facilitator: 'f', editor: 'e', viewer: 'v' }, encodeBoard(newBoardDocs()), { title: 'P', createdAt: 1 });
  return { storage, rooms, boardId, metrics };
}

/** A card of `bytes` characters whose earlier part (a first card by the same client) never comes: Yjs keeps it pending. */
function orphan(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  addCard(contentBoard(doc), { kind: 'note', x: 0, y: 0, text: 'never sent', authorId: 'j', authorName: 'J' });
  const sent = Y.encodeStateVector(doc);
  // A card's text is at most 2,000 characters: as many cards as it takes.
  for (let left = bytes; left > 0; left -= 1000)
    addCard(contentBoard(doc), { kind: 'note', x: 0, y: 0, text: 'j'.repeat(Math.min(left, 1000)), authorId: 'j', authorName: 'J' });
  return Y.encodeStateAsUpdate(doc, sent);
}

const submit = (room: Room, update: Uint8Array) =>
  new Promise<SubmitResult>((resolve, reject) => room.submitUpdate(update, null, (result, error) => (error ? reject(error) : resolve(result))));

describe('pending content is capped per document (MAX_PENDING_BYTES)', () => {
  it('refuses an update that would pass the cap: nothing of it is stored, and the pending content is as before', async () => {
    const { rooms, boardId, storage } = await setUp();
    const board = (await rooms.hold(boardId))!;
    cleanups.push(() => rooms.release(board));
    const room = board.content;
    expect(await submit(room, orphan(CAP / 2))).toBe('applied');
    const before = pendingBytes(room.doc);
    expect(before).toBeGreaterThan(CAP / 2);
    const rows = (await storage.loadDocument(boardId, 'content')).updates.length;
    expect(await submit(room, orphan(CAP))).toBe('pending-full');
    expect(pendingBytes(room.doc)).toBe(before);
    expect((await storage.loadDocument(boardId, 'content')).updates.length).toBe(rows);
    // Honest edits go on.
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(room.doc));
    const sv = Y.encodeStateVector(editor);
    addCard(contentBoard(editor), { kind: 'lesson', x: 0, y: 0, text: 'honest', authorId: 'e', authorName: 'E' });
    expect(await submit(room, Y.encodeStateAsUpdate(editor, sv))).toBe('applied');
  });

  it('drops pending content over the cap that a board was stored with (an older server), counts it, and compacts it away', async () => {
    const { rooms, boardId, storage, metrics } = await setUp();
    // As the server before the cap stored it: rows whose pending content passes the cap.
    for (let i = 0; i < 3; i++) await storage.appendUpdate(boardId, 'content', orphan(CAP));
    const board = (await rooms.hold(boardId))!;
    cleanups.push(() => rooms.release(board));
    expect(pendingBytes(board.content.doc)).toBe(0);
    expect(Y.encodeStateAsUpdate(board.content.doc).length).toBeLessThan(1000);
    const errors = (await metrics.errors.get()).values.find((value) => value.labels.kind === 'pending')?.value;
    expect(errors).toBe(1);
    await waitFor(async () => (await storage.boardBytes(boardId, 'content')) < 1000, 'the stored rows compacted without the pending content');
  });
});
