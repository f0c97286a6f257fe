import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard } from '@benchlearn/shared';
import { createBoard, startServer, tempDataDir } from '../testing/testkit';
import type { RoomPeer, SubmitResult } from './room';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Live heap after a full collection. */
function liveHeap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** Many cards written on top of `base`, as one update. */
function manyCards(base: Y.Doc, count: number): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      addCard(doc, { kind: 'note', x: i * 10, y: 0, text: `Card ${i}: what we learned`, authorId: 'a', authorName: 'A' });
    }
  });
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

describe('room memory', () => {
  it('does not keep the decoded copy of an update alive while it applies the update', async () => {
    const server = await startServer({ dataDir: tempDataDir() });
    cleanups.push(() => server.stop());
    const board = await createBoard(server);
    const room = (await server.rooms.hold(board.id))!;
    cleanups.push(() => server.rooms.release(room));
    const update = manyCards(room.doc, 1000);

    // What the update weighs once applied to a plain document.
    let start = liveHeap();
    const plain = new Y.Doc();
    Y.applyUpdate(plain, update);
    const plainBytes = liveHeap() - start;
    plain.destroy();

    // The same in the room (an editor's update: its rights are checked on a decoded copy),
    // read while the update is being applied. A decoded copy still alive then weighs about as
    // much as the document itself, and it outlives its use in the old generation of the heap.
    let during = 0;
    room.doc.once('update', () => {
      during = liveHeap();
    });
    const editor: RoomPeer = { role: 'editor', send: () => {}, close: () => {} };
    start = liveHeap();
    const result = await new Promise<SubmitResult>((resolve) => room.submitUpdate(update, editor, resolve));
    expect(result).toBe('applied');
    expect(plainBytes).toBeGreaterThan(1024 * 1024);
    expect(during - start).toBeLessThan(plainBytes * 1.5);
  });
});
