import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { addCard, initBoard, newBoardDocs, newId } from '@benchlearn/shared';
import { createLogger } from '../logging';
import { createMetrics } from '../metrics';
import { SqliteStorage } from '../storage';
import { tempDataDir, waitFor } from '../testing/testkit';
import { RoomManager } from './manager';
import { encodeBoard } from './storedRows';
import { serverDir } from '../../launch.mjs';
import { CLOSED_SOCKET_BYTES, MemoryReleaser } from './releaser';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('memory of unloaded boards', () => {
  it('collects once after a burst of unloads holding enough board data, not for a little', async () => {
    let collected = 0;
    const releaser = new MemoryReleaser({ thresholdBytes: 1000, delayMs: 20, minIntervalMs: 0, shrinkAfterMs: 1000, collect: () => (collected += 1) });
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

  it('counts closed sockets as garbage too: many of them on a small board are collected after (issue 12)', async () => {
    let collected = 0;
    const releaser = new MemoryReleaser({
      thresholdBytes: 64 * CLOSED_SOCKET_BYTES,
      delayMs: 20,
      minIntervalMs: 0,
      shrinkAfterMs: 1000,
      collect: () => (collected += 1),
    });
    cleanups.push(() => releaser.stop());
    for (let i = 0; i < 63; i++) releaser.socketClosed();
    await sleep(50);
    expect(collected).toBe(0);
    releaser.socketClosed();
    await sleep(60);
    expect(collected).toBe(1);
  });

  it('follows the full collection with a young one, shrinkAfterMs later', async () => {
    const calls: string[] = [];
    const releaser = new MemoryReleaser({
      thresholdBytes: 1,
      delayMs: 10,
      minIntervalMs: 0,
      shrinkAfterMs: 80,
      collect: () => calls.push('full'),
      collectYoung: () => calls.push('young'),
    });
    cleanups.push(() => releaser.stop());
    releaser.unloaded(1);
    await sleep(40);
    expect(calls).toEqual(['full']);
    await waitFor(() => calls.length === 2, 'the young collection');
    expect(calls).toEqual(['full', 'young']);
  });

  it("gives V8's grown young generation and its fragmented pages back once no room is loaded (a real process)", () => {
    // In a process of its own: this test process allocates all the time, and V8 shrinks the
    // young generation only when the allocation rate of the last 5 s is low.
    const script = `
      import { getHeapSpaceStatistics } from 'node:v8';
      import { MemoryReleaser } from './src/rooms/releaser.ts';
      const space = (name) => getHeapSpaceStatistics().find((space) => space.space_name === name + '_space');
      // Many small objects of which one in twenty stays alive: old-space pages mostly empty, none free.
      let all = [];
      for (let i = 0; i < 1e6; i++) all.push({ i, text: 'card ' + i });
      const alive = all.filter((_, i) => i % 20 === 0);
      all = null;
      const before = { young: space('new').physical_space_size, old: space('old').physical_space_size };
      const releaser = new MemoryReleaser({ thresholdBytes: 1, delayMs: 200, minIntervalMs: 0, shrinkAfterMs: 5500 });
      releaser.countRoomsWith(() => 0);
      releaser.unloaded(1);
      await new Promise((resolve) => setTimeout(resolve, 6500));
      const old = space('old');
      console.log(JSON.stringify({ before, young: space('new').physical_space_size, old: old.physical_space_size, oldUsed: old.space_used_size, alive: alive.length }));
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: serverDir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const after = JSON.parse(output) as { before: { young: number; old: number }; young: number; old: number; oldUsed: number };
    const MiB = 1024 * 1024;
    expect(after.before.young).toBeGreaterThanOrEqual(16 * MiB);
    expect(after.young).toBeLessThanOrEqual(after.before.young / 4);
    expect(after.before.old).toBeGreaterThan(40 * MiB);
    // Compacted: the pages hold what is alive, not the pages the dead objects left.
    expect(after.old).toBeLessThan(after.oldUsed * 1.5 + 2 * MiB);
  }, 40_000);

  it('is told by the room manager when rooms unload: their boards leave memory and a collection follows', async () => {
    const storage = new SqliteStorage(tempDataDir());
    cleanups.push(() => storage.close());
    const collected: boolean[] = [];
    const releaser = new MemoryReleaser({
      thresholdBytes: 1,
      delayMs: 150,
      minIntervalMs: 0,
      shrinkAfterMs: 1000,
      collect: (compact) => collected.push(compact),
    });
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
    const boards: string[] = [];
    for (let board = 0; board < 6; board++) {
      const docs = newBoardDocs();
      initBoard(docs, { title: `Board ${board}`, template: 'blank', locale: 'en' });
      for (let card = 0; card < 40; card++) addCard(docs, { kind: 'note', x: card, y: 0, text: `card ${card}`.repeat(5), authorId: 'a', authorName: 'A' });
      const id = newId();
      await storage.createBoard(id, { facilitator: 'f', editor: 'e', viewer: 'v' }, encodeBoard(docs), { title: 'B', createdAt: 1 });
      boards.push(id);
    }
    const kept = (await rooms.hold(boards[5]!))!;
    for (const id of boards.slice(0, 5)) rooms.release((await rooms.hold(id))!);
    expect(rooms.size).toBe(6);
    await waitFor(() => rooms.size === 1, 'five rooms unloaded');
    await waitFor(() => collected.length === 1, 'one collection after the unloads');
    await sleep(50);
    // A room is still loaded: no compaction, whose pause it would feel.
    expect(collected).toEqual([false]);
    rooms.release(kept);
    await waitFor(() => rooms.size === 0, 'the last room unloaded');
    await waitFor(() => collected.length === 2, 'a collection after the last unload');
    // No room is left loaded: this one compacts.
    expect(collected).toEqual([false, true]);
  });
});
