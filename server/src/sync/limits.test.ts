import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MAX_PRESENCE_MESSAGE_BYTES, MAX_PRESENCE_PER_ROOM, SYNC_REQUEST_BURST } from '@benchlearn/shared';
import { MessageType, SyncType } from '../rooms';
import {
  connectProvider,
  connectRaw,
  createBoard,
  presenceMessage,
  sleep,
  startServer,
  syncUrlFor,
  waitFor,
  type RawClient,
  type TestProvider,
  type TestServer,
} from '../testing/testkit';

// Issue 12, the socket side: what one connection may cost the server in presence and in
// requests for state.

let server: TestServer;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await server.stop();
});

function open(boardId: string, token: string): TestProvider {
  const client = connectProvider(server, boardId, token);
  cleanups.push(() => client.destroy());
  return client;
}

async function raw(boardId: string, token: string, options: { autoPong?: boolean } = {}): Promise<RawClient> {
  const client = connectRaw(syncUrlFor(server, boardId, token), {}, options);
  cleanups.push(() => client.ws.terminate());
  await client.opened;
  return client;
}

/** An awareness message of several entries. */
function presenceOf(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

function messageOf(type: number, subtype?: number, payload?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (subtype !== undefined) encoding.writeVarUint(encoder, subtype);
  if (payload) encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function isStep2(message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  return decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === SyncType.Step2;
}

function userName(client: TestProvider, clientId: number): unknown {
  return (client.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)?.user?.name;
}

async function watchedBoard() {
  const board = await createBoard(server);
  const bob = open(board.id, board.tokens.viewer);
  await bob.synced;
  return { board, bob };
}

describe('presence limits', () => {
  it('one connection speaks for one client id: a second id in the same message or later is dropped', async () => {
    const { board, bob } = await watchedBoard();
    const mallory = await raw(board.id, board.tokens.viewer);
    mallory.ws.send(presenceOf([1, 2, 3].map((n) => ({ clientId: 9000 + n, clock: 1, state: { user: { name: `M${n}` } } }))));
    await waitFor(() => userName(bob, 9001) === 'M1', 'the first id at Bob');
    mallory.ws.send(presenceMessage(9004, 1, { user: { name: 'M4' } }));
    mallory.ws.send(presenceMessage(9001, 2, { user: { name: 'M1 again' } }));
    await waitFor(() => userName(bob, 9001) === 'M1 again', 'the owned id updated at Bob');
    for (const id of [9002, 9003, 9004]) expect(bob.provider.awareness.getStates().has(id)).toBe(false);
  });

  it('drops unread a message of more entries than a room holds, and one over the presence size limit; the socket stays open', async () => {
    const { board, bob } = await watchedBoard();
    const flood = await raw(board.id, board.tokens.viewer);
    const many = Array.from({ length: MAX_PRESENCE_PER_ROOM + 1 }, (_, i) => ({ clientId: 20_000 + i, clock: 1, state: {} }));
    flood.ws.send(presenceOf(many));
    const big = presenceMessage(30_000, 1, { pad: 'x'.repeat(MAX_PRESENCE_MESSAGE_BYTES) });
    flood.ws.send(big);
    flood.ws.send(presenceMessage(30_001, 1, { user: { name: 'after' } }));
    await waitFor(() => userName(bob, 30_001) === 'after', 'the small message after the floods at Bob');
    expect(bob.provider.awareness.getStates().has(20_000)).toBe(false);
    expect(bob.provider.awareness.getStates().has(30_000)).toBe(false);
    expect(flood.ws.readyState).toBe(flood.ws.OPEN);
  });

  it('a viewer cannot take an editor’s client id while the editor reconnects; the editor gets it back', async () => {
    const { board, bob } = await watchedBoard();
    const editor = await raw(board.id, board.tokens.editor);
    editor.ws.send(presenceMessage(7171, 5, { user: { name: 'Erin' } }));
    await waitFor(() => userName(bob, 7171) === 'Erin', 'Erin at Bob');
    editor.ws.close();
    await waitFor(() => !bob.provider.awareness.getStates().has(7171), 'Erin gone at Bob');

    // The gap: the id has no owner, and a viewer claims it with a newer clock.
    const viewer = await raw(board.id, board.tokens.viewer);
    viewer.ws.send(presenceMessage(7171, 50, { user: { name: 'Mallory' } }));
    await sleep(300);
    expect(bob.provider.awareness.getStates().has(7171)).toBe(false);

    const back = await raw(board.id, board.tokens.editor);
    back.ws.send(presenceMessage(7171, 100, { user: { name: 'Erin back' } }));
    await waitFor(() => userName(bob, 7171) === 'Erin back', 'Erin back at Bob');
  });

  it('a stock client back on a new socket is shown again at once, not after its 15 s renewal', async () => {
    const { board, bob } = await watchedBoard();
    const carol = open(board.id, board.tokens.editor);
    carol.provider.awareness.setLocalStateField('user', { name: 'Carol' });
    await waitFor(() => userName(bob, carol.doc.clientID) === 'Carol', 'Carol at Bob');
    carol.provider.disconnect();
    await waitFor(() => !bob.provider.awareness.getStates().has(carol.doc.clientID), 'Carol gone at Bob');
    const mallory = await raw(board.id, board.tokens.viewer);
    mallory.ws.send(presenceMessage(carol.doc.clientID, 1_000_000, { user: { name: 'Mallory' } }));
    await sleep(200);
    void carol.provider.connect();
    await waitFor(() => userName(bob, carol.doc.clientID) === 'Carol', 'Carol back at Bob', 2_000);
    // And what she changes next still counts (her clocks are shifted, not just the first one).
    carol.provider.awareness.setLocalStateField('user', { name: 'Carol R.' });
    await waitFor(() => userName(bob, carol.doc.clientID) === 'Carol R.', 'Carol’s next change at Bob', 2_000);
  });

  it('a client id seen for the first time keeps its own clocks: its first change after joining counts', async () => {
    const { board, bob } = await watchedBoard();
    const dave = open(board.id, board.tokens.editor);
    await dave.synced;
    dave.provider.awareness.setLocalStateField('user', { name: 'Dave' });
    await waitFor(() => userName(bob, dave.doc.clientID) === 'Dave', 'Dave at Bob', 2_000);
  });

  it('a viewer claiming a connected editor’s id does not make the server probe the editor', async () => {
    const { board, bob } = await watchedBoard();
    // An owner that answers no ping: a probe would drop it within PROBE_TIMEOUT_MS.
    const editor = await raw(board.id, board.tokens.editor, { autoPong: false });
    editor.ws.send(presenceMessage(7272, 1, { user: { name: 'Erin' } }));
    await waitFor(() => userName(bob, 7272) === 'Erin', 'Erin at Bob');
    const viewer = await raw(board.id, board.tokens.viewer);
    viewer.ws.send(presenceMessage(7272, 2, { user: { name: 'Mallory' } }));
    await sleep(3_500);
    expect(editor.ws.readyState).toBe(editor.ws.OPEN);
    expect(userName(bob, 7272)).toBe('Erin');
  });
});

describe('requests for state', () => {
  it('answers a burst of sync step 1 requests, then drops them; the socket stays open and is answered again later', async () => {
    const board = await createBoard(server);
    const asker = await raw(board.id, board.tokens.viewer);
    const step1 = messageOf(MessageType.Sync, SyncType.Step1, Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 40; i++) asker.ws.send(step1);
    await sleep(300);
    const answered = asker.received.filter(isStep2).length;
    expect(answered).toBeGreaterThanOrEqual(SYNC_REQUEST_BURST);
    expect(answered).toBeLessThanOrEqual(SYNC_REQUEST_BURST + 1);
    await sleep(1_000);
    asker.ws.send(step1);
    await waitFor(() => asker.received.filter(isStep2).length > answered, 'an answer once the budget refilled');
    expect(asker.ws.readyState).toBe(asker.ws.OPEN);
  });

  it('presence queries share the budget', async () => {
    const board = await createBoard(server);
    const asker = await raw(board.id, board.tokens.viewer);
    await waitFor(() => asker.received.length >= 2, 'the server’s step 1 and presence');
    const before = asker.received.length;
    const query = messageOf(MessageType.QueryAwareness);
    for (let i = 0; i < 40; i++) asker.ws.send(query);
    await sleep(300);
    const answers = asker.received.length - before;
    expect(answers).toBeGreaterThanOrEqual(SYNC_REQUEST_BURST);
    expect(answers).toBeLessThanOrEqual(SYNC_REQUEST_BURST + 1);
  });

  it('a client that resyncs twice a second (y-websocket’s resyncInterval: 500) is answered every time', async () => {
    const board = await createBoard(server);
    const client = await raw(board.id, board.tokens.viewer);
    const step1 = messageOf(MessageType.Sync, SyncType.Step1, Y.encodeStateVector(new Y.Doc()));
    // More than the burst: without the refill the last ones would go unanswered.
    const requests = SYNC_REQUEST_BURST + 4;
    for (let i = 0; i < requests; i++) {
      client.ws.send(step1);
      await sleep(500);
    }
    await waitFor(() => client.received.filter(isStep2).length === requests, 'every request answered');
  });
});

describe('sockets per address', () => {
  it('closes a socket past the address’s limit with 1013; one closing makes room for the next', async () => {
    const limited = await startServer({ maxSocketsPerAddress: 4 });
    try {
      const board = await createBoard(limited);
      const url = syncUrlFor(limited, board.id, board.tokens.viewer);
      const first = Array.from({ length: 4 }, () => connectRaw(url));
      await Promise.all(first.map((client) => client.opened));
      await waitFor(() => first.every((client) => client.received.length > 0), 'the four sockets joined');
      const fifth = connectRaw(url);
      expect((await fifth.closed).code).toBe(1013);
      // The control socket counts too (a person opens both).
      const control = connectRaw(syncUrlFor(limited, board.id, board.tokens.viewer, 'control'));
      expect((await control.closed).code).toBe(1013);
      first[0]!.ws.close();
      await first[0]!.closed;
      await sleep(100);
      const next = connectRaw(url);
      await waitFor(() => next.received.length > 0, 'the next socket joined');
      for (const client of [...first, next]) client.ws.close();
    } finally {
      await limited.stop();
    }
  });
});
