import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addFrame,
  boardMaps,
  CloseCode,
  deleteCards,
  newId,
  readCards,
  readFrames,
  setAnonymous,
  setBoardTitle,
  updateFrame,
  type BoardDocs,
} from '@benchlearn/shared';
import { contentBoard } from '../testing/boards';
import {
  connectBoard,
  connectProvider,
  connectRaw,
  createBoard,
  presenceMessage,
  sleep,
  startServer,
  storedDoc,
  syncUrlFor,
  updateMessage,
  waitFor,
  type TestBoardClient,
  type TestProvider,
  type TestServer,
} from '../testing/testkit';

let server: TestServer;
const providers: TestProvider[] = [];

/** The control document's y-websocket room name. */
const syncRoomNameOf = (boardId: string) => `${boardId}/control`;

function open(boardId: string, token: string | null, doc?: Y.Doc): TestProvider {
  const client = connectProvider(server, boardId, token, doc);
  providers.push(client);
  return client;
}

/** Both documents of a board, with one token (closed after the file). */
function openBoard(boardId: string, token: string): TestBoardClient {
  const client = connectBoard(server, boardId, token);
  providers.push(client.providers.content, client.providers.control);
  return client;
}

/** The card texts of a content document. */
function cardTexts(doc: Y.Doc): string[] {
  return readCards(contentBoard(doc)).map((card) => card.text);
}

/** An update that adds one card with `text`, made on a document of its own. */
function cardUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  addCard(contentBoard(doc), { kind: 'note', x: 0, y: 0, text, authorId: 'raw', authorName: 'Raw' });
  return Y.encodeStateAsUpdate(doc);
}

/** Adds a card to a stock client's content document. */
function addNote(doc: Y.Doc, text: string, kind: 'note' | 'lesson' | 'problem' | 'success' = 'note'): string {
  return addCard(contentBoard(doc), { kind, x: 0, y: 0, text, authorId: 'a', authorName: 'A' });
}

beforeAll(async () => {
  server = await startServer({ maxMessageBytes: 64 * 1024 });
});

afterAll(async () => {
  for (const client of providers) client.destroy();
  await server.stop();
});

describe('sync with a stock y-websocket client', () => {
  it('syncs the template and a card added through the board API between two clients', async () => {
    const board = await createBoard(server, { title: 'Retro', locale: 'nl' });
    const alice = openBoard(board.id, board.tokens.editor);
    const bob = openBoard(board.id, board.tokens.viewer);
    await Promise.all([alice.synced, bob.synced]);
    expect(readFrames(bob.board).map((frame) => frame.title)).toEqual(['Successen', 'Problemen', 'Lessen']);

    addCard(alice.board, { kind: 'success', x: 10, y: 20, text: 'Daily stand-up works', authorId: 'a', authorName: 'Alice' });
    await waitFor(() => cardTexts(bob.board.content).includes('Daily stand-up works'), 'the card at Bob');
    expect(readCards(bob.board)[0]).toMatchObject({ kind: 'success', x: 10, y: 20, authorName: 'Alice' });
    // Committed before relayed: storage has it by the time Bob does.
    expect(cardTexts(await storedDoc(server, board.id))).toContain('Daily stand-up works');
  });
});

describe('close codes', () => {
  it('closes an unknown board with 4404, and the stock client stops reconnecting', async () => {
    const raw = connectRaw(syncUrlFor(server, newId(), 'whatever'));
    expect((await raw.closed).code).toBe(CloseCode.BoardNotFound);

    const client = open(newId(), 'whatever');
    const closed = new Promise<number>((resolve) => client.provider.on('closed', (event: { code: number }) => resolve(event.code)));
    expect(await closed).toBe(CloseCode.BoardNotFound);
    expect(client.provider.shouldConnect).toBe(false);
  });

  it('closes a deleted board with 4404, also for sockets open when it is deleted', async () => {
    const board = await createBoard(server);
    const live = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    await live.opened;
    await waitFor(() => live.received.length > 0, 'the first sync message');
    const deleted = await server.app.inject({
      method: 'DELETE',
      url: `/api/boards/${board.id}`,
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await live.closed).code).toBe(CloseCode.BoardNotFound);
    const later = connectRaw(syncUrlFor(server, board.id, board.tokens.facilitator));
    expect((await later.closed).code).toBe(CloseCode.BoardNotFound);
  });

  it('closes with 4401 for a missing and for a wrong token', async () => {
    const board = await createBoard(server);
    expect((await connectRaw(syncUrlFor(server, board.id)).closed).code).toBe(CloseCode.Unauthorized);
    expect((await connectRaw(syncUrlFor(server, board.id, 'not-the-token')).closed).code).toBe(CloseCode.Unauthorized);
  });

  it('closes with 4403 for a browser origin that is not allowed, and accepts an allowed one', async () => {
    const board = await createBoard(server);
    const url = syncUrlFor(server, board.id, board.tokens.editor);
    expect((await connectRaw(url, { origin: 'http://evil.example' }).closed).code).toBe(CloseCode.ForbiddenOrigin);
    const allowed = connectRaw(url, { origin: server.config.allowedOrigins[0]! });
    await waitFor(() => allowed.received.length > 0, 'a sync message on the allowed origin');
    allowed.ws.close();
  });

  it('closes a message over MAX_MESSAGE_BYTES with 1009; the room and the other clients carry on', async () => {
    const board = await createBoard(server);
    const alice = open(board.id, board.tokens.editor);
    const bob = open(board.id, board.tokens.editor);
    await Promise.all([alice.synced, bob.synced]);
    const raw = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    await raw.opened;
    raw.ws.send(updateMessage(new Uint8Array(100 * 1024)));
    expect((await raw.closed).code).toBe(1009);

    addNote(alice.doc, 'still here', 'problem');
    await waitFor(() => cardTexts(bob.doc).includes('still here'), 'an edit after the oversize message');
    expect(alice.closes).toEqual([]);
    expect(bob.closes).toEqual([]);
  });

  it('closes with 4400 for a text frame, garbage, and an update that does not decode; nothing is stored', async () => {
    const board = await createBoard(server);
    const bob = open(board.id, board.tokens.editor);
    await bob.synced;
    const url = syncUrlFor(server, board.id, board.tokens.editor);
    const before = (await server.storage.loadDocument(board.id, 'content')).updates.length;

    const text = connectRaw(url);
    await text.opened;
    text.ws.send('4294967297');
    expect((await text.closed).code).toBe(CloseCode.BadMessage);

    const garbage = connectRaw(url);
    await garbage.opened;
    garbage.ws.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect((await garbage.closed).code).toBe(CloseCode.BadMessage);

    const badUpdate = connectRaw(url);
    await badUpdate.opened;
    badUpdate.ws.send(updateMessage(new Uint8Array([5, 200, 1, 2, 3, 4, 9, 9, 9])));
    expect((await badUpdate.closed).code).toBe(CloseCode.BadMessage);

    const truncated = connectRaw(url);
    await truncated.opened;
    truncated.ws.send(updateMessage(cardUpdate('cut short')).slice(0, 30));
    expect((await truncated.closed).code).toBe(CloseCode.BadMessage);

    expect((await server.storage.loadDocument(board.id, 'content')).updates.length).toBe(before);
    expect(bob.closes).toEqual([]);
    const health = await fetch(`${server.httpUrl}/healthz`);
    expect(await health.json()).toEqual({ ok: true });

    // The room still works for the well-behaved client.
    const alice = open(board.id, board.tokens.editor);
    await alice.synced;
    addNote(alice.doc, 'after the garbage', 'lesson');
    await waitFor(() => cardTexts(bob.doc).includes('after the garbage'), 'an edit after the bad messages');
  });

  it('closes an update that would grow the board past MAX_BOARD_BYTES with 4413; nothing is stored or relayed', async () => {
    const small = await startServer({ maxBoardBytes: 2048 });
    try {
      const board = await createBoard(small);
      const bob = connectProvider(small, board.id, board.tokens.viewer);
      providers.push(bob);
      await bob.synced;
      const bytesBefore = await small.storage.boardBytes(board.id);
      const raw = connectRaw(syncUrlFor(small, board.id, board.tokens.editor));
      await raw.opened;
      raw.ws.send(updateMessage(cardUpdate('y'.repeat(1990) + 'END')));
      expect((await raw.closed).code).toBe(CloseCode.BoardFull);
      expect(await small.storage.boardBytes(board.id)).toBe(bytesBefore);
      expect(cardTexts(await storedDoc(small, board.id))).toEqual([]);
      await sleep(100);
      expect(cardTexts(bob.doc)).toEqual([]);
      // A small edit still fits.
      const fits = connectRaw(syncUrlFor(small, board.id, board.tokens.editor));
      await fits.opened;
      fits.ws.send(updateMessage(cardUpdate('short')));
      await waitFor(() => cardTexts(bob.doc).includes('short'), 'a small edit on a nearly full board');
      fits.ws.close();
    } finally {
      await small.stop();
    }
  });
});

describe('read-only connections', () => {
  it('drops a viewer’s updates: they never reach another client nor storage, even after a reload', async () => {
    const board = await createBoard(server);
    const viewer = open(board.id, board.tokens.viewer);
    const editor = open(board.id, board.tokens.editor);
    await Promise.all([viewer.synced, editor.synced]);
    addNote(viewer.doc, 'viewer scribble', 'note');
    // A later edit from the editor is stored after anything the viewer sent before it.
    await sleep(50);
    addNote(editor.doc, 'editor note', 'note');
    await waitFor(() => cardTexts(viewer.doc).includes('editor note'), 'the editor note at the viewer');
    await sleep(100);
    expect(cardTexts(editor.doc)).toEqual(['editor note']);
    expect(cardTexts(await storedDoc(server, board.id))).toEqual(['editor note']);

    // Reload: a fresh client after the room is unloaded sees only what storage has.
    viewer.destroy();
    editor.destroy();
    const room = server.rooms.peek(board.id);
    if (room) await server.rooms.drop(board.id, 1001, 'test reload');
    const fresh = open(board.id, board.tokens.viewer);
    await fresh.synced;
    expect(cardTexts(fresh.doc)).toEqual(['editor note']);
  });

  it('drops an editor’s updates on a locked board while the facilitator’s pass', async () => {
    const board = await createBoard(server);
    const editor = open(board.id, board.tokens.editor);
    const facilitator = open(board.id, board.tokens.facilitator);
    await Promise.all([editor.synced, facilitator.synced]);
    // Locked while both are connected: the lock is checked per message.
    const locked = await server.app.inject({
      method: 'PATCH',
      url: `/api/boards/${board.id}`,
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      payload: { locked: true },
    });
    expect(locked.json()).toMatchObject({ locked: true });
    addNote(editor.doc, 'editor while locked', 'note');
    await sleep(50);
    addNote(facilitator.doc, 'facilitator while locked', 'lesson');
    await waitFor(() => cardTexts(editor.doc).includes('facilitator while locked'), 'the facilitator card at the editor');
    await sleep(100);
    expect(cardTexts(facilitator.doc)).toEqual(['facilitator while locked']);
    expect(cardTexts(await storedDoc(server, board.id))).toEqual(['facilitator while locked']);
  });
});

describe('the control document (meta, frames, session): facilitators write it', () => {
  /** A bare socket on the control document that sends one update made on a synced copy of it. */
  async function sendsControl(boardId: string, token: string, change: (board: BoardDocs) => void) {
    const board = { content: new Y.Doc(), control: await storedDoc(server, boardId, 'control') };
    const before = Y.encodeStateVector(board.control);
    change(board);
    const raw = connectRaw(syncUrlFor(server, boardId, token, 'control'));
    await raw.opened;
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(board.control, before)));
    return raw;
  }

  it('drops an editor’s and a viewer’s control updates: the socket stays open, nothing is stored or relayed', async () => {
    const board = await createBoard(server);
    const facilitator = openBoard(board.id, board.tokens.facilitator);
    await facilitator.synced;
    const frame = readFrames(facilitator.board)[0]!;
    const attempts: Array<(docs: BoardDocs) => void> = [
      (docs) => updateFrame(docs, frame.id, { title: 'Taken over' }),
      (docs) => addFrame(docs, { title: 'Extra', x: 0, y: 0, w: 10, h: 10 }),
      (docs) => setAnonymous(docs, true),
      (docs) => setBoardTitle(docs, 'Renamed'),
    ];
    const sockets = [];
    for (const token of [board.tokens.editor, board.tokens.viewer]) {
      for (const attempt of attempts) sockets.push(await sendsControl(board.id, token, attempt));
    }
    await sleep(200);
    for (const socket of sockets) expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    const stored = await storedDoc(server, board.id, 'control');
    const storedBoard = { content: new Y.Doc(), control: stored };
    expect(readFrames(storedBoard).map((f) => f.title)).toEqual(readFrames(facilitator.board).map((f) => f.title));
    expect(readFrames(storedBoard)).toHaveLength(3);
    expect(readFrames(facilitator.board)[0]?.title).toBe(frame.title);
    expect(stored.getMap('meta').get('title')).toBe('Test board');
    expect(stored.getMap('session').size).toBe(0);
    for (const socket of sockets) socket.ws.close();
  });

  it('a facilitator writes frames and the title; editors and viewers see them; editors write cards', async () => {
    const board = await createBoard(server);
    const editor = openBoard(board.id, board.tokens.editor);
    const viewer = openBoard(board.id, board.tokens.viewer);
    const facilitator = openBoard(board.id, board.tokens.facilitator);
    await Promise.all([editor.synced, viewer.synced, facilitator.synced]);
    const card = addCard(editor.board, { kind: 'note', x: 0, y: 0, text: 'an editor’s card', authorId: 'e', authorName: 'E' });
    const frame = readFrames(facilitator.board)[0]!;
    updateFrame(facilitator.board, frame.id, { title: 'Renamed by the facilitator' });
    setBoardTitle(facilitator.board, 'New title');
    for (const client of [editor, viewer]) {
      await waitFor(() => readFrames(client.board).some((f) => f.title === 'Renamed by the facilitator'), 'the frame at a client');
      await waitFor(() => boardMaps(client.board).meta.get('title') === 'New title', 'the title at a client');
    }
    await waitFor(() => cardTexts(facilitator.board.content).includes('an editor’s card'), 'the card at the facilitator');
    deleteCards(editor.board, [card]);
    await waitFor(() => cardTexts(facilitator.board.content).length === 0, 'the deletion at the facilitator');
    const stored = await storedDoc(server, board.id, 'control');
    expect(readFrames({ content: new Y.Doc(), control: stored }).map((f) => f.title)).toContain('Renamed by the facilitator');
    for (const client of [editor, viewer, facilitator]) expect(client.closes).toEqual({ content: [], control: [] });
  });

  it('the control socket has the same close codes, and drops presence (it lives on the content socket)', async () => {
    const board = await createBoard(server);
    expect((await connectRaw(syncUrlFor(server, newId(), 'x', 'control')).closed).code).toBe(CloseCode.BoardNotFound);
    expect((await connectRaw(syncUrlFor(server, board.id, 'wrong', 'control')).closed).code).toBe(CloseCode.Unauthorized);
    const foreign = connectRaw(syncUrlFor(server, board.id, board.tokens.editor, 'control'), { origin: 'http://evil.example' });
    expect((await foreign.closed).code).toBe(CloseCode.ForbiddenOrigin);
    const bad = connectRaw(syncUrlFor(server, board.id, board.tokens.facilitator, 'control'));
    await bad.opened;
    bad.ws.send(updateMessage(new Uint8Array([5, 200, 1, 2, 3])));
    expect((await bad.closed).code).toBe(CloseCode.BadMessage);

    const watcher = open(board.id, board.tokens.viewer);
    await watcher.synced;
    const control = connectRaw(syncUrlFor(server, board.id, board.tokens.editor, 'control'));
    await control.opened;
    control.ws.send(presenceMessage(8181, 1, { user: { name: 'On control' } }));
    const content = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    await content.opened;
    content.ws.send(presenceMessage(8282, 1, { user: { name: 'On content' } }));
    await waitFor(() => watcher.provider.awareness.getStates().has(8282), 'presence sent on the content socket');
    expect(watcher.provider.awareness.getStates().has(8181)).toBe(false);
    expect(control.ws.readyState).toBe(control.ws.OPEN);
    control.ws.close();
    content.ws.close();
  });
});

describe('hostile updates', () => {
  it('the 13-byte update whose item names itself as origin costs at most its own socket; the room and the others go on', async () => {
    const board = await createBoard(server);
    const bob = open(board.id, board.tokens.editor);
    await bob.synced;
    const raw = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    await raw.opened;
    raw.ws.send(updateMessage(Buffer.from('00020a01010500840500017800', 'hex')));
    const outcome = await Promise.race([raw.closed.then((closed) => closed.code), sleep(500).then(() => 'open')]);
    expect([CloseCode.BadMessage, 'open']).toContain(outcome);
    const alice = open(board.id, board.tokens.editor);
    await alice.synced;
    addNote(alice.doc, 'after the 13 bytes');
    await waitFor(() => cardTexts(bob.doc).includes('after the 13 bytes'), 'an edit after the hostile update');
    expect(bob.closes).toEqual([]);
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
    raw.ws.close();
  });
});

describe('presence', () => {
  async function presenceBoard() {
    const board = await createBoard(server);
    const alice = open(board.id, board.tokens.editor);
    const bob = open(board.id, board.tokens.viewer);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    await Promise.all([alice.synced, bob.synced]);
    await waitFor(() => bob.provider.awareness.getStates().get(alice.doc.clientID) !== undefined, 'Alice at Bob');
    return { board, alice, bob };
  }

  function userName(client: TestProvider, clientId: number): unknown {
    return (client.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)?.user?.name;
  }

  it('relays a viewer’s presence, drops presence for a client id another connection owns, and removes it on close', async () => {
    const { board, alice, bob } = await presenceBoard();
    const mallory = connectRaw(syncUrlFor(server, board.id, board.tokens.viewer));
    await mallory.opened;
    mallory.ws.send(presenceMessage(alice.doc.clientID, 10_000, { user: { name: 'Mallory' } }));
    mallory.ws.send(presenceMessage(4242, 1, { user: { name: 'Mallory' } }));
    await waitFor(() => userName(bob, 4242) === 'Mallory', 'Mallory’s own presence at Bob');
    expect(userName(bob, alice.doc.clientID)).toBe('Alice');

    mallory.ws.close();
    await waitFor(() => !bob.provider.awareness.getStates().has(4242), 'Mallory’s presence removed after close');
  });

  it('a client back from a network drop gets its presence back once its old, silent socket fails a probe', async () => {
    const { board, bob } = await presenceBoard();
    // The old connection: still open on the server's side, but nobody answers on it.
    const ghost = connectRaw(syncUrlFor(server, board.id, board.tokens.editor), {}, { autoPong: false });
    await ghost.opened;
    ghost.ws.send(presenceMessage(7777, 1, { user: { name: 'Before the drop' } }));
    await waitFor(() => userName(bob, 7777) === 'Before the drop', 'the first presence at Bob');

    const back = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    await back.opened;
    back.ws.send(presenceMessage(7777, 2, { user: { name: 'Back again' } }));
    await sleep(200);
    expect(userName(bob, 7777)).toBe('Before the drop'); // not yet: the id is still owned
    await ghost.closed; // the probe found nobody there
    back.ws.send(presenceMessage(7777, 3, { user: { name: 'Back again' } }));
    await waitFor(() => userName(bob, 7777) === 'Back again', 'the returning presence at Bob');
    back.ws.close();
  });

  it('drops a presence state over 4 KiB', async () => {
    const { board, bob } = await presenceBoard();
    const big = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    await big.opened;
    big.ws.send(presenceMessage(5151, 1, { user: { name: 'x'.repeat(5000) } }));
    big.ws.send(presenceMessage(5252, 1, { user: { name: 'small' } }));
    await waitFor(() => userName(bob, 5252) === 'small', 'the small state at Bob');
    expect(bob.provider.awareness.getStates().has(5151)).toBe(false);
    big.ws.close();
  });

  it('relays at most 30 presence messages a second from one connection', async () => {
    const { board, bob } = await presenceBoard();
    const seen: number[] = [];
    bob.provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
      for (const id of [...added, ...updated]) if (id === 6161) seen.push(id);
    });
    const chatty = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    await chatty.opened;
    for (let clock = 1; clock <= 45; clock++) chatty.ws.send(presenceMessage(6161, clock, { cursor: { x: clock, y: 0 } }));
    await waitFor(() => seen.length >= 30, '30 presence updates at Bob');
    await sleep(200);
    expect(seen.length).toBe(30);
    chatty.ws.close();
  });
});

describe('room state and facilitator presence', () => {
  type States = Map<number, Record<string, unknown>>;
  const statesOf = (client: TestProvider) => client.provider.awareness.getStates() as States;
  const roomOf = (client: TestProvider) => [...statesOf(client).values()].find((state) => 'room' in state)?.room;

  it('every client sees the room state; a lock or a hidden join code reaches them at once', async () => {
    const board = await createBoard(server);
    const editor = open(board.id, board.tokens.editor);
    await editor.synced;
    await waitFor(() => roomOf(editor) !== undefined, 'the room state at the editor');
    expect(roomOf(editor)).toEqual({ locked: false, showJoin: true });
    const patch = (payload: object) =>
      server.app.inject({
        method: 'PATCH',
        url: `/api/boards/${board.id}`,
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
        payload,
      });
    expect((await patch({ locked: true })).statusCode).toBe(200);
    await waitFor(() => (roomOf(editor) as { locked?: boolean } | undefined)?.locked === true, 'the lock at the editor');
    expect((await patch({ showJoin: false })).statusCode).toBe(200);
    await waitFor(() => (roomOf(editor) as { showJoin?: boolean } | undefined)?.showJoin === false, 'the hidden join code');
    // A client joining later gets the room state with the others' presence.
    const late = open(board.id, board.tokens.viewer);
    await waitFor(() => roomOf(late) !== undefined, 'the room state at a late joiner');
    expect(roomOf(late)).toEqual({ locked: true, showJoin: false });
  });

  it('drops presence that speaks for the room, claims the server’s id, or claims facilitator fields without the role', async () => {
    const board = await createBoard(server);
    const watcher = open(board.id, board.tokens.viewer);
    await watcher.synced;
    await waitFor(() => roomOf(watcher) !== undefined, 'the room state at the watcher');
    const serverId = [...statesOf(watcher).entries()].find(([, state]) => 'room' in state)![0];

    const editor = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    const facilitator = connectRaw(syncUrlFor(server, board.id, board.tokens.facilitator));
    await Promise.all([editor.opened, facilitator.opened]);
    await waitFor(() => editor.received.length > 0 && facilitator.received.length > 0, 'both in the room');
    const user = { id: 'u', name: 'U', color: '#000000' };
    editor.ws.send(presenceMessage(7001, 1, { user, room: { locked: false, showJoin: true } }));
    editor.ws.send(presenceMessage(serverId, 99_999, { room: { locked: false, showJoin: false } }));
    editor.ws.send(presenceMessage(7002, 1, { user, presenting: true }));
    editor.ws.send(presenceMessage(7003, 1, { user, presenting: false, summon: 1 }));
    editor.ws.send(presenceMessage(7004, 1, { user, presenting: false }));
    facilitator.ws.send(presenceMessage(7101, 1, { user, room: { locked: true, showJoin: true } }));
    facilitator.ws.send(presenceMessage(7102, 1, { user, presenting: true, summon: 3 }));

    await waitFor(() => statesOf(watcher).has(7004) && statesOf(watcher).has(7102), 'the allowed states at the watcher');
    await sleep(100);
    expect(statesOf(watcher).get(7102)).toMatchObject({ presenting: true, summon: 3 });
    for (const dropped of [7001, 7002, 7003, 7101]) expect(statesOf(watcher).has(dropped)).toBe(false);
    expect(roomOf(watcher)).toEqual({ locked: false, showJoin: true });
    editor.ws.close();
    facilitator.ws.close();
  });
});

describe('meta', () => {
  it('a title change through the API reaches connected clients through the document', async () => {
    const board = await createBoard(server, { title: 'Before' });
    const client = open(syncRoomNameOf(board.id), board.tokens.viewer);
    await client.synced;
    const response = await server.app.inject({
      method: 'PATCH',
      url: `/api/boards/${board.id}`,
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      payload: { title: '  After  ' },
    });
    expect(response.json()).toMatchObject({ title: 'After' });
    await waitFor(() => boardMaps({ content: new Y.Doc(), control: client.doc }).meta.get('title') === 'After', 'the new title at the client');
  });
});
