import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { addCard, newBoardDocs, readCards } from '@benchlearn/shared';
import { holdNewBoard, type HeldBoard } from '../testing/heldBoard';
import type { LoadedBoard } from './board';
import { pendingBytes } from './pending';
import { documentFromRows } from './storedRows';
import type { Room, RoomPeer, SubmitResult } from './room';

/**
 * Issue 11, the bit-flip gap: an altered update whose struct waits as pending content and
 * throws once Yjs can try to place it. Yjs retries pending content inside the update that makes
 * it placeable, so the next honest update threw, its editor was refused (4400), and on reload
 * its stored row was skipped. Pending content is now kept apart (pending.ts: applyApart).
 */
const WRITER = 4242;
const ATTACKER = 777;

/** One ContentString struct of ATTACKER whose origin is WRITER's first struct (so it waits) and whose right origin is its own clock 50, which does not exist (so placing it throws). */
function poison(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // clients
  encoding.writeVarUint(encoder, 1); // structs of the client
  encoding.writeVarUint(encoder, ATTACKER);
  encoding.writeVarUint(encoder, 0); // clock
  encoding.writeUint8(encoder, 0x80 | 0x40 | 4); // origin, right origin, ContentString
  encoding.writeVarUint(encoder, WRITER);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, ATTACKER);
  encoding.writeVarUint(encoder, 50);
  encoding.writeVarString(encoder, 'x');
  encoding.writeVarUint(encoder, 0); // delete set
  return encoding.toUint8Array(encoder);
}

/** The Yjs updates among sync messages (updates and step 2 answers). */
function updatesIn(messages: readonly Uint8Array[]): Uint8Array[] {
  return messages.flatMap((message) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) return [];
    return decoding.readVarUint(decoder) === 0 ? [] : [decoding.readVarUint8Array(decoder)];
  });
}

let held: HeldBoard;
let board: LoadedBoard;
let storage: HeldBoard['storage'];

beforeAll(async () => {
  held = await holdNewBoard('Poison', { maxBoardBytes: 32 * 1024 * 1024, compactEvery: 2000 });
  ({ board, storage } = held);
});

afterAll(() => held?.close());

function submit(room: Room, update: Uint8Array, from: RoomPeer): Promise<SubmitResult> {
  return new Promise((resolve, reject) => room.submitUpdate(update, from, (result, error) => (error === undefined ? resolve(result) : reject(error))));
}

function peer(inbox: Uint8Array[]): RoomPeer {
  return { role: 'editor', send: (message) => void inbox.push(message), close: () => {} };
}

describe('pending content that throws when placed (issue 11, bit-flipped updates)', () => {
  it('never costs the honest update that makes it placeable: applied, relayed, stored, reloaded; joiners never get it', async () => {
    const room = board.content;
    const attackerInbox: Uint8Array[] = [];
    const writerInbox: Uint8Array[] = [];
    const readerInbox: Uint8Array[] = [];
    const attacker = peer(attackerInbox);
    const writer = peer(writerInbox);
    const reader = peer(readerInbox);
    for (const each of [attacker, writer, reader]) room.join(each);
    try {
      // It decodes and waits for WRITER's first struct: taken, nothing relayed.
      expect(await submit(room, poison(), attacker)).toBe('applied');
      expect(pendingBytes(room.doc)).toBeGreaterThan(0);
      expect(updatesIn(readerInbox)).toEqual([]);
      // A joiner is not sent the pending content.
      const joiner = new Y.Doc();
      for (const update of updatesIn(room.syncStep2(Y.encodeStateVector(joiner)))) Y.applyUpdate(joiner, update);
      expect(Y.encodeStateVector(joiner)).toEqual(Y.encodeStateVector(new Y.Doc()));
      expect((joiner.store as unknown as { pendingStructs: unknown }).pendingStructs).toBeNull();

      // The honest editor's card: its first struct is what the pending one waits for.
      const local = newBoardDocs();
      local.content.clientID = WRITER;
      addCard(local, { kind: 'success', x: 0, y: 0, text: 'Honest work', authorId: 'w', authorName: 'Writer' });
      expect(await submit(room, Y.encodeStateAsUpdate(local.content), writer)).toBe('applied');
      expect(readCards({ content: room.doc, control: board.control.doc }).map((card) => card.text)).toEqual(['Honest work']);
      // The pending content that threw is gone, so it cannot break the next update either.
      expect(pendingBytes(room.doc)).toBe(0);

      // The reader got the card, and applying what it got never throws.
      const replica = new Y.Doc();
      for (const update of updatesIn(readerInbox)) Y.applyUpdate(replica, update);
      expect(readCards({ content: replica, control: new Y.Doc() }).map((card) => card.text)).toEqual(['Honest work']);

      // Storage reloads with the card: its row is not skipped.
      const stored = await storage.loadDocument(board.id, 'content');
      const badRows: number[] = [];
      const reloaded = documentFromRows(stored.updates, (_error, index) => badRows.push(index));
      expect(readCards({ content: reloaded, control: new Y.Doc() }).map((card) => card.text)).toEqual(['Honest work']);
      expect(badRows).toEqual([]);
      reloaded.destroy();
    } finally {
      for (const each of [attacker, writer, reader]) room.leave(each);
    }
  });
});
