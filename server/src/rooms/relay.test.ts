import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addCard, boardMaps, deleteCards, readCards, type Role } from '@benchlearn/shared';
import { contentBoard } from '../testing/boards';
import { createBoard, startServer, type TestServer } from '../testing/testkit';
import type { Room, RoomPeer, SubmitResult } from './room';
import { updateLayout } from './updateLayout';
import { concatUpdates, MAX_MERGED, relayRuns } from './relay';
import { encodePresence, MessageType, SyncType } from './messages';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A connection as the room sees it, with a document of its own that applies every message it
 * is sent, in order (as a client does), and records each change it sees as one transaction.
 */
function clientPeer(room: Room, role: Role = 'editor') {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const received: Uint8Array[] = [];
  /** Per message applied: the texts of the cards it added, in the order the card map saw them. */
  const seen: string[][] = [];
  const peer: RoomPeer & { doc: Y.Doc; received: Uint8Array[]; seen: string[][] } = {
    role,
    doc,
    received,
    seen,
    send(message) {
      received.push(message);
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(MessageType.Sync);
      expect(decoding.readVarUint(decoder)).toBe(SyncType.Update);
      const added: string[] = [];
      const cards = boardMaps(contentBoard(doc)).cards;
      const observer: Parameters<typeof cards.observe>[0] = (event) => {
        for (const key of event.keysChanged) {
          const card = readCards(contentBoard(doc)).find((c) => c.id === key);
          if (card) added.push(card.text);
        }
      };
      cards.observe(observer);
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server');
      cards.unobserve(observer);
      seen.push(added);
    },
    close: () => {},
  };
  return peer;
}

/** What a peer's client sends when it adds a card with this text to its own document. */
function addOwn(peer: { doc: Y.Doc }, text: string): Uint8Array {
  const before = Y.encodeStateVector(peer.doc);
  addCard(contentBoard(peer.doc), { kind: 'lesson', x: 0, y: 0, text, authorId: 'a', authorName: 'A' });
  return Y.encodeStateAsUpdate(peer.doc, before);
}

function submit(room: Room, update: Uint8Array, from: RoomPeer | null): Promise<SubmitResult> {
  return new Promise((resolve, reject) => room.submitUpdate(update, from, (result, error) => (error ? reject(error) : resolve(result))));
}

const texts = (doc: Y.Doc) =>
  readCards(contentBoard(doc))
    .map((card) => card.text)
    .sort();

/** Whether the update carries any struct made by this Yjs client id. */
function carriesClient(message: Uint8Array, clientId: number): boolean {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  const { structs } = Y.decodeUpdate(decoding.readVarUint8Array(decoder));
  return structs.some((struct) => struct.id.client === clientId);
}

async function roomWithPeers(server: TestServer, roles: Role[]) {
  const board = await createBoard(server);
  const loaded = (await server.rooms.hold(board.id))!;
  cleanups.push(() => server.rooms.release(loaded));
  const room = loaded.content;
  const peers = roles.map((role) => clientPeer(room, role));
  for (const peer of peers) room.join(peer);
  return { room, peers };
}

describe('merged relay', () => {
  it('relays the updates of one turn as one message per client, every update, in order, never back to its sender', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const { room, peers } = await roomWithPeers(server, ['editor', 'editor', 'editor', 'viewer']);
    const [alice, bob, dave, carol] = peers as [ReturnType<typeof clientPeer>, ...ReturnType<typeof clientPeer>[]];

    // One turn: Alice sends twice (a drag), Bob and Dave once each.
    const a1 = addOwn(alice, 'a1');
    const b1 = addOwn(bob!, 'b1');
    const a2 = addOwn(alice, 'a2');
    const d1 = addOwn(dave!, 'd1');
    const results = await Promise.all([submit(room, a1, alice), submit(room, b1, bob!), submit(room, a2, alice), submit(room, d1, dave!)]);
    expect(results).toEqual(['applied', 'applied', 'applied', 'applied']);

    // Everybody converges on every update.
    for (const peer of peers) expect(texts(peer.doc)).toEqual(['a1', 'a2', 'b1', 'd1']);
    // Carol sent nothing: two messages for four updates; Alice's two stay two changes, in order.
    expect(carol!.received).toHaveLength(2);
    expect(carol!.seen.map((added) => added.sort())).toEqual([
      ['a1', 'b1'],
      ['a2', 'd1'],
    ]);
    // Nobody is sent an update it sent itself.
    for (const peer of [alice, bob!, dave!]) {
      for (const message of peer.received) expect(carriesClient(message, peer.doc.clientID)).toBe(false);
    }
    expect(alice.seen.flat().sort()).toEqual(['b1', 'd1']);
    expect(bob!.seen.flat().sort()).toEqual(['a1', 'a2', 'd1']);
  });

  it('a refused update of the same turn is neither stored nor relayed; the merge carries the others', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const { room, peers } = await roomWithPeers(server, ['editor', 'editor', 'editor', 'viewer']);
    const [alice, bob, mallory, carol] = peers as [ReturnType<typeof clientPeer>, ...ReturnType<typeof clientPeer>[]];

    const a1 = addOwn(alice, 'a1');
    const b1 = addOwn(bob!, 'b1');
    // An update that does not decode (cut short) is refused alone.
    const broken = addOwn(mallory!, 'm1').slice(0, 12);
    const results = await Promise.all([submit(room, a1, alice), submit(room, broken, mallory!), submit(room, b1, bob!)]);
    expect(results).toEqual(['applied', 'invalid', 'applied']);

    expect(carol!.received).toHaveLength(1);
    expect(texts(carol!.doc)).toEqual(['a1', 'b1']);
    expect(texts(room.doc)).not.toContain('m1');
    for (const message of carol!.received) expect(carriesClient(message, mallory!.doc.clientID)).toBe(false);
  });

  it('keeps working when many update at once: runs of at most MAX_MERGED, each sender once per run', () => {
    const a = {};
    const b = {};
    const entries = [
      ...Array.from({ length: MAX_MERGED + 2 }, (_, i) => ({ update: new Uint8Array([i]), message: null, from: {} })),
      { update: new Uint8Array([1]), message: null, from: a },
      { update: new Uint8Array([2]), message: null, from: b },
      { update: new Uint8Array([3]), message: null, from: a },
      { update: new Uint8Array([4]), message: null, from: null },
      { update: new Uint8Array([5]), message: null, from: null },
    ];
    const runs = relayRuns(entries);
    expect(runs.map((run) => run.length)).toEqual([MAX_MERGED, 4, 3]);
    expect(runs.flat()).toEqual(entries);
  });

  it('presence in a room of one is not encoded or sent back to its only connection; with two it is relayed', async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    const board = await createBoard(server);
    const loaded = (await server.rooms.hold(board.id))!;
    cleanups.push(() => server.rooms.release(loaded));
    const room = loaded.content;
    const sent = (peer: { received: Uint8Array[] }) => peer.received.length;
    const alone = {
      role: 'editor' as const,
      received: [] as Uint8Array[],
      send(m: Uint8Array) {
        this.received.push(m);
      },
      close: () => {},
    };
    room.join(alone);
    room.receivePresence(alone, encodePresence([{ clientId: 11, clock: 1, state: JSON.stringify({ user: { name: 'A' } }) }]));
    expect(sent(alone)).toBe(0);
    expect(room.awareness?.getStates().has(11)).toBe(true);

    const other = {
      role: 'viewer' as const,
      received: [] as Uint8Array[],
      send(m: Uint8Array) {
        this.received.push(m);
      },
      close: () => {},
    };
    room.join(other);
    room.receivePresence(alone, encodePresence([{ clientId: 11, clock: 2, state: JSON.stringify({ user: { name: 'B' } }) }]));
    expect(sent(other)).toBe(1);
  });

  it('joins updates of different clients without re-encoding, the same as Y.mergeUpdates; overlapping ones are left to it', () => {
    const base = new Y.Doc();
    const first = addCard(contentBoard(base), { kind: 'note', x: 0, y: 0, text: 'first', authorId: 'a', authorName: 'A' });
    const docs = [0, 1, 2].map(() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      return doc;
    });
    const change = (doc: Y.Doc, work: () => void) => {
      const before = Y.encodeStateVector(doc);
      work();
      const update = Y.encodeStateAsUpdate(doc, before);
      return { update, layout: updateLayout(update) };
    };
    const entries = [
      change(docs[0]!, () => addCard(contentBoard(docs[0]!), { kind: 'lesson', x: 1, y: 1, text: 'one', authorId: 'a', authorName: 'A' })),
      change(docs[1]!, () => deleteCards(contentBoard(docs[1]!), [first])),
      change(docs[2]!, () => addCard(contentBoard(docs[2]!), { kind: 'success', x: 2, y: 2, text: 'two', authorId: 'a', authorName: 'A' })),
    ];
    const joined = concatUpdates(entries);
    expect(joined).not.toBeNull();
    const viaConcat = new Y.Doc();
    const viaMerge = new Y.Doc();
    for (const doc of [viaConcat, viaMerge]) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(viaConcat, joined!);
    Y.applyUpdate(viaMerge, Y.mergeUpdates(entries.map((entry) => entry.update)));
    expect(texts(viaConcat)).toEqual(['one', 'two']);
    expect(readCards(contentBoard(viaConcat))).toEqual(readCards(contentBoard(viaMerge)));
    expect(Y.encodeStateVector(viaConcat)).toEqual(Y.encodeStateVector(viaMerge));

    // Two updates of one client: its blocks would collide.
    const again = change(docs[0]!, () => addCard(contentBoard(docs[0]!), { kind: 'note', x: 3, y: 3, text: 'three', authorId: 'a', authorName: 'A' }));
    expect(concatUpdates([entries[0]!, again])).toBeNull();
    expect(concatUpdates([{ update: entries[0]!.update }])).toBeNull();
  });

  it('joins deletions of one client made in two updates so that a receiver lacking the items still applies them all', () => {
    // Seed 515402158 of the two-instance convergence test: a reconnecting editor got, before the
    // board itself, a relay joining two deletions of text by one author; it kept them pending,
    // read back in the wrong order, and lost one for good (equal state vectors, other text).
    const author = new Y.Doc();
    author.clientID = 7;
    author.getText('t').insert(0, 'abcdefghijklmnopqrstuvwxyz');
    const typed = Y.encodeStateAsUpdate(author);
    const deletion = (clientID: number, at: number, length: number) => {
      const doc = new Y.Doc();
      doc.clientID = clientID;
      Y.applyUpdate(doc, typed);
      const before = Y.encodeStateVector(doc);
      doc.getText('t').delete(at, length);
      const update = Y.encodeStateAsUpdate(doc, before);
      return { update, layout: updateLayout(update) };
    };
    // The later range first: in the joined update the author's ranges would run backwards.
    const entries = [deletion(8, 20, 3), deletion(9, 2, 2), deletion(10, 21, 4)];
    const joined = concatUpdates(entries);
    expect(joined).not.toBeNull();
    const late = new Y.Doc();
    Y.applyUpdate(late, joined!);
    Y.applyUpdate(late, typed);
    const inOrder = new Y.Doc();
    Y.applyUpdate(inOrder, typed);
    for (const entry of entries) Y.applyUpdate(inOrder, entry.update);
    expect(inOrder.getText('t').toString()).toBe('abefghijklmnopqrstz');
    expect(late.getText('t').toString()).toBe(inOrder.getText('t').toString());
    expect(Y.encodeStateAsUpdate(late)).toEqual(Y.encodeStateAsUpdate(inOrder));
  });
});
