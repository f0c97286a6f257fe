import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, newBoardDocs } from '@benchlearn/shared';
import { holdNewBoard, type HeldBoard } from '../testing/heldBoard';
import { generator, honestUpdates, mutant, SELF_ORIGIN } from '../testing/fuzz';
import type { LoadedBoard } from './board';
import { encodeWithoutPending } from './pending';
import { documentFromRows } from './storedRows';
import type { Room, RoomPeer, SubmitResult } from './room';

/**
 * Hostile updates cost one refusal, never the process (issue 11): mutated and random updates go
 * through the path a socket's update takes into a real room with real SQLite storage
 * (Room.submitUpdate, group commit, relay to other peers, compaction), and every one must end
 * as a result (applied, unchanged, or a refusal), never an exception out of the room or an
 * answer that never comes. Seeded: FUZZ_SEED and FUZZ_COUNT run another or a longer one; a
 * failure prints the seed and the update (hex).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_0b11);
const COUNT = Number(process.env.FUZZ_COUNT ?? 100_000);
/** Updates handed to the room in one turn (one group commit). */
const BATCH = 400;
const RESULTS: readonly SubmitResult[] = ['applied', 'unchanged', 'invalid', 'too-large', 'pending-full', 'gone'];

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

let held: HeldBoard;
let board: LoadedBoard;
let storage: HeldBoard['storage'];

beforeAll(async () => {
  // A smaller pending cap than MAX_PENDING_BYTES: the same code, cheaper retries of pending content.
  held = await holdNewBoard('Fuzz', { maxBoardBytes: 32 * 1024 * 1024, maxPendingBytes: 8 * 1024, compactEvery: 2000 });
  ({ board, storage } = held);
});

afterAll(() => held?.close());

/** Submits updates as editors' sockets do, in one turn; resolves with each result, or fails when one never comes. */
function submitAll(room: Room, updates: readonly Uint8Array[], peers: readonly RoomPeer[]): Promise<SubmitResult[]> {
  return new Promise((resolve, reject) => {
    const results: SubmitResult[] = new Array<SubmitResult>(updates.length);
    let left = updates.length;
    const timer = setTimeout(() => reject(new Error(`${left} of ${updates.length} updates got no answer (a stuck queue)`)), 20_000);
    updates.forEach((update, index) => {
      room.submitUpdate(update, peers[index % peers.length]!, (result, error) => {
        if (error !== undefined) {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        results[index] = result;
        if (--left === 0) {
          clearTimeout(timer);
          resolve(results);
        }
      });
    });
  });
}

describe('hostile updates into a real room (seeded fuzz)', () => {
  it(
    `answers ${COUNT} mutated and random updates, and the 13-byte one, each with a result; the room goes on`,
    async () => {
      const random = generator(SEED);
      const honest = honestUpdates(random);
      const room = board.content;
      let relayed = 0;
      const peers: RoomPeer[] = Array.from({ length: 4 }, () => ({ role: 'editor', send: () => void (relayed += 1), close: () => {} }));
      for (const peer of peers) room.join(peer);
      const counts = new Map<SubmitResult, number>();
      const started = Date.now();
      try {
        for (let done = 0; done < COUNT; done += BATCH) {
          const updates = Array.from({ length: Math.min(BATCH, COUNT - done) }, (_, i) => (done + i === 0 ? SELF_ORIGIN : mutant(random, honest)));
          let results: SubmitResult[];
          try {
            results = await submitAll(room, updates, peers);
          } catch (error) {
            throw new Error(`fuzz seed ${SEED}: batch from update ${done}: ${String(error)}; first update ${hex(updates[0]!)}`);
          }
          results.forEach((result, i) => {
            if (!RESULTS.includes(result)) throw new Error(`fuzz seed ${SEED}: update ${done + i} (${hex(updates[i]!)}) ended as ${String(result)}`);
            counts.set(result, (counts.get(result) ?? 0) + 1);
          });
          expect(room.closed, `fuzz seed ${SEED}: the room closed`).toBe(false);
        }
      } finally {
        for (const peer of peers) room.leave(peer);
      }
      // The room still takes an honest editor's card, stores and relays it; storage still loads.
      // It joins as a client does: the room's answer to sync step 1 (never pending content).
      const editor = newBoardDocs();
      Y.applyUpdate(editor.content, encodeWithoutPending(room.doc));
      const before = Y.encodeStateVector(editor.content);
      addCard(editor, { kind: 'note', x: 0, y: 0, text: 'after the fuzz', authorId: 'e', authorName: 'E' });
      expect(await submitAll(room, [Y.encodeStateAsUpdate(editor.content, before)], peers)).toEqual(['applied']);
      // Storage still loads as a board loads (a row that does not apply is skipped and counted).
      const stored = await storage.loadDocument(board.id, 'content');
      let badRows = 0;
      const reloaded = documentFromRows(stored.updates, () => void (badRows += 1));
      let separately = 0;
      const again = new Y.Doc();
      for (const row of stored.updates) {
        try {
          Y.applyUpdate(again, row);
        } catch {
          separately += 1;
        }
      }
      console.info(
        `fuzz seed ${SEED}: ${COUNT} updates in ${Date.now() - started} ms: ${JSON.stringify(Object.fromEntries(counts))}; ` +
          `${relayed} messages relayed; ${stored.updates.length} rows, ${badRows} do not replay in one transaction, ${separately} one by one; ` +
          `cards ${reloaded.getMap('cards').size} reloaded / ${room.doc.getMap('cards').size} in the room`,
      );
      reloaded.destroy();
      again.destroy();
      expect(counts.get('applied') ?? 0).toBeGreaterThan(0);
      expect(counts.get('invalid') ?? 0).toBeGreaterThan(0);
    },
    Math.max(240_000, COUNT * 3),
  );
});
