import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, type Role } from '@benchlearn/shared';
import { SqliteStorage, type Storage, type UpdateRow } from '../storage';
import { createBoard, startServer, storedDoc, tempDataDir, waitFor, type TestServer } from '../testing/testkit';
import { contentBoard } from '../testing/boards';
import type { Room, RoomPeer, SubmitResult } from './room';
import { SyncType, syncMessage } from './messages';
import { updateLayout } from './updateLayout';
import { COMMIT_SPACING_MS, UpdateBatcher } from './batcher';
import { createMetrics } from '../metrics';
import { concatUpdates } from './relay';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A connection as the room sees it, recording what it is sent. */
function fakePeer(role: Role = 'editor'): RoomPeer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { role, received, send: (message) => received.push(message), close: () => {} };
}

/** A card added on top of the board as the server has it: an update that applies. */
function cardUpdate(room: Room, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const before = Y.encodeStateVector(doc);
  addCard(contentBoard(doc), { kind: 'lesson', x: 0, y: 0, text, authorId: 'a', authorName: 'A' });
  return Y.encodeStateAsUpdate(doc, before);
}

function submit(room: Room, update: Uint8Array, from: RoomPeer): Promise<SubmitResult> {
  return new Promise((resolve, reject) => room.submitUpdate(update, from, (result, error) => (error ? reject(error) : resolve(result))));
}

/** A server whose storage records each appendUpdates call and what every peer had been sent by then. */
async function recordingServer(peersToWatch: () => { received: Uint8Array[] }[]) {
  const dataDir = tempDataDir();
  const inner = new SqliteStorage(dataDir);
  const calls: { rows: number; sentBefore: number }[] = [];
  const storage: Storage = Object.assign(Object.create(inner) as Storage, {
    appendUpdates: (rows: readonly UpdateRow[]) => {
      calls.push({ rows: rows.length, sentBefore: peersToWatch().reduce((sum, peer) => sum + peer.received.length, 0) });
      return inner.appendUpdates(rows);
    },
  });
  const server: TestServer = await startServer({ dataDir }, { storage });
  cleanups.push(() => server.stop());
  return { server, calls };
}

describe('group commit', () => {
  it('stores updates of several connections arriving in one turn in one transaction, before relaying any', async () => {
    const alice = fakePeer();
    const bob = fakePeer();
    const carol = fakePeer('viewer');
    const { server, calls } = await recordingServer(() => [alice, bob, carol]);
    const board = await createBoard(server);
    const loaded = (await server.rooms.hold(board.id))!;
    cleanups.push(() => server.rooms.release(loaded));
    const room = loaded.content;
    for (const peer of [alice, bob, carol]) room.join(peer);

    const fromAlice = cardUpdate(room, 'from Alice');
    const fromBob = cardUpdate(room, 'from Bob');
    const results = await Promise.all([submit(room, fromAlice, alice), submit(room, fromBob, bob)]);

    expect(results).toEqual(['applied', 'applied']);
    expect(calls).toEqual([{ rows: 2, sentBefore: 0 }]);
    // Each is relayed to everyone but its sender, as the bytes of one update message; a peer
    // that sent neither gets both merged into one message.
    expect(alice.received).toEqual([syncMessage(SyncType.Update, fromBob)]);
    expect(bob.received).toEqual([syncMessage(SyncType.Update, fromAlice)]);
    const both = concatUpdates([fromAlice, fromBob].map((update) => ({ update, layout: updateLayout(update) })));
    expect(carol.received).toEqual([syncMessage(SyncType.Update, both!)]);
    const stored = readCards(contentBoard(await storedDoc(server, board.id))).map((card) => card.text);
    expect(stored).toEqual(expect.arrayContaining(['from Alice', 'from Bob']));
  });

  it('a malformed update in a batch is refused alone; the others in the same turn are stored and relayed', async () => {
    const alice = fakePeer();
    const mallory = fakePeer();
    const carol = fakePeer('viewer');
    const { server, calls } = await recordingServer(() => [alice, mallory, carol]);
    const board = await createBoard(server);
    const loaded = (await server.rooms.hold(board.id))!;
    cleanups.push(() => server.rooms.release(loaded));
    const room = loaded.content;
    for (const peer of [alice, mallory, carol]) room.join(peer);
    const rowsBefore = (await server.storage.loadDocument(board.id, 'content')).updates.length;

    const good = cardUpdate(room, 'kept');
    const truncated = cardUpdate(room, 'cut short').slice(0, 20);
    const results = await Promise.all([submit(room, truncated, mallory), submit(room, good, alice)]);

    expect(results).toEqual(['invalid', 'applied']);
    expect(calls).toEqual([{ rows: 1, sentBefore: 0 }]);
    expect(carol.received).toEqual([syncMessage(SyncType.Update, good)]);
    expect((await server.storage.loadDocument(board.id, 'content')).updates.length).toBe(rowsBefore + 1);
    expect(readCards(contentBoard(room.doc)).map((card) => card.text)).toContain('kept');
    expect(readCards(contentBoard(room.doc)).map((card) => card.text)).not.toContain('cut short');
  });

  it('a failed commit relays nothing and drops the room, so the next join loads what storage has', async () => {
    const dataDir = tempDataDir();
    const inner = new SqliteStorage(dataDir);
    let failing = false;
    const storage: Storage = Object.assign(Object.create(inner) as Storage, {
      appendUpdates: (rows: readonly UpdateRow[]) => (failing ? Promise.reject(new Error('disk full')) : inner.appendUpdates(rows)),
    });
    const server = await startServer({ dataDir }, { storage });
    cleanups.push(() => server.stop());
    const board = await createBoard(server);
    const loaded = (await server.rooms.hold(board.id))!;
    const room = loaded.content;
    const alice = fakePeer();
    const closes: number[] = [];
    const carol = { ...fakePeer('viewer'), close: (code: number) => closes.push(code) };
    room.join(alice);
    room.join(carol);

    failing = true;
    await expect(submit(room, cardUpdate(room, 'lost'), alice)).rejects.toThrow('disk full');
    expect(carol.received).toEqual([]);
    expect(closes).toEqual([1011]);
    await waitFor(() => room.closed, 'the room dropped');
    server.rooms.release(loaded);

    failing = false;
    const again = (await server.rooms.hold(board.id))!;
    expect(again).not.toBe(loaded);
    expect(readCards(contentBoard(again.content.doc)).map((card) => card.text)).not.toContain('lost');
    server.rooms.release(again);
  });
});

describe('commit spacing', () => {
  /** A batcher over a storage that records when each commit started and what it held. */
  function spacedBatcher() {
    const commits: { at: number; rows: number }[] = [];
    const storage = {
      appendUpdates: (rows: readonly UpdateRow[]) => {
        commits.push({ at: performance.now(), rows: rows.length });
        return Promise.resolve(rows.map((_, i) => i + 1));
      },
    } as unknown as Storage;
    const batcher = new UpdateBatcher(storage, createMetrics());
    const settled: number[] = [];
    /** One room's update: a row that settles with its time. */
    const submit = () =>
      batcher.schedule({
        takeBatch: () => ({
          rows: [{ boardId: 'b', doc: 'content', update: new Uint8Array([0, 0]) }],
          settle: () => settled.push(performance.now()),
        }),
      });
    return { commits, settled, submit };
  }

  it('commits a lone update in the next turn, and one arriving soon after a commit no sooner than COMMIT_SPACING_MS after it, with what came meanwhile', async () => {
    // The machine's own timing would make this flaky under load: the clock is the test's.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
    cleanups.push(() => void vi.useRealTimers());
    const { commits, settled, submit } = spacedBatcher();
    submit();
    await vi.advanceTimersByTimeAsync(0);
    expect(commits).toEqual([{ at: 0, rows: 1 }]);
    expect(settled).toEqual([0]);
    await vi.advanceTimersByTimeAsync(2);
    submit();
    await vi.advanceTimersByTimeAsync(5);
    submit();
    submit();
    await vi.advanceTimersByTimeAsync(COMMIT_SPACING_MS - 8);
    expect(commits).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(commits).toEqual([
      { at: 0, rows: 1 },
      { at: COMMIT_SPACING_MS, rows: 3 },
    ]);
    // Quiet for longer than the spacing: the next lone update does not wait.
    await vi.advanceTimersByTimeAsync(COMMIT_SPACING_MS * 2);
    submit();
    await vi.advanceTimersByTimeAsync(0);
    expect(commits[2]).toEqual({ at: COMMIT_SPACING_MS * 3, rows: 1 });
  });
});
