import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardsUpdate, serverWithRoom, SILENT_EDITOR } from '../testing/boards';
import type { SubmitResult } from './room';

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

describe('room memory', () => {
  it('does not keep the decoded copy of an update alive while it applies the update', async () => {
    const { room } = await serverWithRoom(cleanups);
    const update = cardsUpdate(room.doc, 1000);

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
    start = liveHeap();
    const result = await new Promise<SubmitResult>((resolve) => room.submitUpdate(update, SILENT_EDITOR, resolve));
    expect(result).toBe('applied');
    expect(plainBytes).toBeGreaterThan(1024 * 1024);
    expect(during - start).toBeLessThan(plainBytes * 1.5);
  });
});
