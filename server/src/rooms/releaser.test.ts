import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, initBoard, newId } from '@benchlearn/shared';
import { createLogger } from '../logging';
import { createMetrics } from '../metrics';
import { SqliteStorage } from '../storage';
import { tempDataDir, waitFor } from '../testing/testkit';
import { RoomManager } from './manager';
import { MemoryReleaser } from './releaser';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('memory of unloaded boards', () => {
  it('collects once after a burst of unloads holding enough board data, not for a little', async () => {
    let collected = 0;
    const releaser = new MemoryReleaser({ thresholdBytes: 1000, delayMs: 20, minIntervalMs: 0, collect: () => (collected += 1) });
    cleanups.push(() => releaser.stop());
    releaser.unloaded(300);
    await sleep(50);
    expect(collected).toBe(0);
    releaser.unloaded(400);
    releaser.unloaded(400);
    releaser.unloaded(400);
    await sleep(60);
    expect(collected).toBe(1);
  });

  it('is told by the room manager when rooms unload: their boards leave memory and a collection follows', async () => {
    const storage = new SqliteStorage(tempDataDir());
    cleanups.push(() => storage.close());
    let collected = 0;
    const releaser = new MemoryReleaser({ thresholdBytes: 20_000, delayMs: 20, minIntervalMs: 0, collect: () => (collected += 1) });
    const metrics = createMetrics();
    const rooms = new RoomManager({
      storage,
      metrics,
      log: createLogger('silent'),
      idleMs: 10,
      settings: { maxBoardBytes: 32 * 1024 * 1024, compactEvery: 500 },
      releaser,
    });
    cleanups.push(() => rooms.shutdown());
    for (let board = 0; board < 5; board++) {
      const doc = new Y.Doc();
      initBoard(doc, { title: `Board ${board}`, template: 'blank', locale: 'en' });
      for (let card = 0; card < 40; card++) addCard(doc, { kind: 'note', x: card, y: 0, text: `card ${card}`.repeat(5), authorId: 'a', authorName: 'A' });
      const id = newId();
      await storage.createBoard(id, { facilitator: 'f', editor: 'e', viewer: 'v' }, Y.encodeStateAsUpdate(doc), { title: 'B', createdAt: 1 });
      const room = (await rooms.hold(id))!;
      rooms.release(room);
    }
    expect(rooms.size).toBe(5);
    await waitFor(() => rooms.size === 0, 'every room unloaded');
    await waitFor(() => collected === 1, 'one collection after the unloads');
    await sleep(50);
    expect(collected).toBe(1);
  });
});
