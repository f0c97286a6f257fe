import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
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

    // The room's document, read while the update is being applied and again once it is: an
    // editor's update has its rights checked on a decoded copy. A copy still alive during the
    // apply weighs about as much as what the update adds to the document, and it outlives its
    // use in the old generation of the heap. (A yardstick from a separate plain document read a
    // fifth of its usual size once under load; both readings here come from the same room.)
    let during = 0;
    room.doc.once('update', () => {
      during = liveHeap();
    });
    const start = liveHeap();
    const result = await new Promise<SubmitResult>((resolve) => room.submitUpdate(update, SILENT_EDITOR, resolve));
    expect(result).toBe('applied');
    const added = liveHeap() - start;
    expect(added).toBeGreaterThan(1024 * 1024);
    expect(during - start).toBeLessThan(added * 1.5);
  });
});
