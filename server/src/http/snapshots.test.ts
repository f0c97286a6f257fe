import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, deleteCards, exportBoard, readCards, readMeta, replaceCardText, type BoardExport } from '@benchlearn/shared';
import {
  connectBoard,
  connectProvider,
  createBoard,
  sleep,
  startServer,
  waitFor,
  type TestBoardClient,
  type TestProvider,
  type TestServer,
} from '../testing/testkit';
import { contentBoard, fillStoredBoard } from '../testing/boards';

let server: TestServer;
const clients: TestBoardClient[] = [];

beforeAll(async () => {
  // Automatic snapshots off here: these tests count the snapshots they take themselves.
  server = await startServer({ autoSnapshotMs: 0 });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

function open(boardId: string, token: string): TestBoardClient {
  const client = connectBoard(server, boardId, token);
  clients.push(client);
  return client;
}

/** What a board shows, without the export's own date. */
function content(data: BoardExport) {
  return { title: data.board.title, cards: data.cards, links: data.links, frames: data.frames };
}

async function snapshot(boardId: string, token: string, name: string) {
  const response = await server.app.inject({ method: 'POST', url: `/api/boards/${boardId}/snapshots`, headers: bearer(token), payload: { name } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; name: string; createdAt: number; auto: boolean; counts: Record<string, number> }>();
}

async function restore(boardId: string, token: string, snapshotId: string) {
  const response = await server.app.inject({ method: 'POST', url: `/api/boards/${boardId}/snapshots/${snapshotId}/restore`, headers: bearer(token) });
  expect(response.statusCode).toBe(200);
  return response.json<{ restored: { id: string }; undo: { id: string; name: string; auto: boolean } }>();
}

describe('snapshots', () => {
  it('takes a named snapshot, lists it with its counts, and previews it as a JSON export', async () => {
    const board = await createBoard(server, { title: 'History' });
    await fillStoredBoard(server, board.id);
    const taken = await snapshot(board.id, board.tokens.facilitator, '  After the first round ');
    expect(taken).toMatchObject({ name: 'After the first round', auto: false, counts: { success: 1, problem: 1, lesson: 1, note: 1, links: 2 } });

    const list = await server.app.inject({ url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.tokens.facilitator) });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ snapshots: [taken] });

    const preview = await server.app.inject({ url: `/api/boards/${board.id}/snapshots/${taken.id}`, headers: bearer(board.tokens.facilitator) });
    expect(preview.statusCode).toBe(200);
    const data = preview.json<BoardExport>();
    expect(data.format).toBe('benchlearn-board');
    expect(data.exportedAt).toBe(new Date(taken.createdAt).toISOString());
    expect(data.cards.map((card) => card.text).sort()).toContain('Daily stand-up works');
  });

  it('snapshots a board that is not open from storage', async () => {
    const board = await createBoard(server, { title: 'Closed' });
    expect(server.rooms.peek(board.id)).toBeUndefined();
    const taken = await snapshot(board.id, board.tokens.facilitator, 'Empty');
    expect(taken.counts).toEqual({ success: 0, problem: 0, lesson: 0, note: 0, links: 0 });
    expect(server.rooms.peek(board.id)).toBeUndefined();
  });

  it('restores as a new change that connected stock clients see at once, and the restore can be undone', async () => {
    const board = await createBoard(server, { title: 'Workshop' });
    const ids = await fillStoredBoard(server, board.id);
    const start = await snapshot(board.id, board.tokens.facilitator, 'Start');
    const startPreview = (
      await server.app.inject({ url: `/api/boards/${board.id}/snapshots/${start.id}`, headers: bearer(board.tokens.facilitator) })
    ).json<BoardExport>();

    const alice = open(board.id, board.tokens.editor);
    const bob = open(board.id, board.tokens.viewer);
    await Promise.all([alice.synced, bob.synced]);
    // Alice changes the board after the snapshot: a card gone, a text edited, a card added.
    deleteCards(alice.board, [ids.success]);
    replaceCardText(alice.board, ids.lesson, 'Rewritten lesson');
    addCard(alice.board, { kind: 'note', x: 0, y: 900, text: 'added after', authorId: 'a', authorName: 'Alice' });
    await waitFor(() => readCards(bob.board).some((card) => card.text === 'added after') && readCards(bob.board).length === 4, 'the edits at Bob');
    const edited = content(exportBoard(bob.board));
    const docsBefore = [alice.board, bob.board];

    const answer = await restore(board.id, board.tokens.facilitator, start.id);
    expect(answer.restored.id).toBe(start.id);
    expect(answer.undo).toMatchObject({ auto: true, name: 'Before restoring “Start”' });
    for (const client of [alice, bob]) {
      await waitFor(() => JSON.stringify(content(exportBoard(client.board))) === JSON.stringify(content(startPreview)), 'the restored board');
    }
    // The same documents: the restore arrived as an update, nothing was reloaded or rewound.
    expect([alice.board, bob.board]).toEqual(docsBefore);
    expect(readCards(alice.board).find((card) => card.id === ids.success)?.text).toBe('Daily stand-up works');

    // Undo: restoring the snapshot taken before the restore brings Alice's edits back.
    const list = (await server.app.inject({ url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.tokens.facilitator) })).json();
    expect(list.snapshots.map((entry: { id: string }) => entry.id)).toEqual([answer.undo.id, start.id]);
    await restore(board.id, board.tokens.facilitator, answer.undo.id);
    for (const client of [alice, bob]) {
      await waitFor(() => JSON.stringify(content(exportBoard(client.board))) === JSON.stringify(edited), 'the board before the restore');
    }
    // A third client joining now gets the same board from storage and the room.
    const carol = open(board.id, board.tokens.viewer);
    await carol.synced;
    expect(content(exportBoard(carol.board))).toEqual(edited);
  });

  it('restores the title too, in the document and in the board record', async () => {
    const board = await createBoard(server, { title: 'Original title' });
    const taken = await snapshot(board.id, board.tokens.facilitator, 'Named');
    const patched = await server.app.inject({
      method: 'PATCH',
      url: `/api/boards/${board.id}`,
      headers: bearer(board.tokens.facilitator),
      payload: { title: 'Renamed' },
    });
    expect(patched.json().title).toBe('Renamed');
    await restore(board.id, board.tokens.facilitator, taken.id);
    const view = await server.app.inject({ url: `/api/boards/${board.id}`, headers: bearer(board.tokens.viewer) });
    expect(view.json().title).toBe('Original title');
    const loaded = server.rooms.peek(board.id)!;
    expect(readMeta(loaded.docs).title).toBe('Original title');
  });

  it('is for facilitators: 403 for editors and viewers, 401 without a token, 404 for an unknown snapshot', async () => {
    const board = await createBoard(server, { title: 'Rights' });
    const other = await createBoard(server, { title: 'Other' });
    const taken = await snapshot(board.id, board.tokens.facilitator, 'Mine');
    const foreign = await snapshot(other.id, other.tokens.facilitator, 'Theirs');
    const requests = [
      { method: 'GET' as const, url: `/api/boards/${board.id}/snapshots` },
      { method: 'POST' as const, url: `/api/boards/${board.id}/snapshots`, payload: { name: 'x' } },
      { method: 'GET' as const, url: `/api/boards/${board.id}/snapshots/${taken.id}` },
      { method: 'POST' as const, url: `/api/boards/${board.id}/snapshots/${taken.id}/restore` },
    ];
    for (const request of requests) {
      for (const role of ['editor', 'viewer'] as const) {
        const response = await server.app.inject({ ...request, headers: bearer(board.tokens[role]) });
        expect(response.statusCode).toBe(403);
        expect(response.json().error.message).toBe(`This needs the facilitator role; this token has the ${role} role.`);
      }
      expect((await server.app.inject(request)).statusCode).toBe(401);
    }
    for (const url of [`/api/boards/${board.id}/snapshots/${foreign.id}`, `/api/boards/${board.id}/snapshots/nope`]) {
      const preview = await server.app.inject({ url, headers: bearer(board.tokens.facilitator) });
      expect(preview.statusCode).toBe(404);
      expect(preview.json().error.message).toBe('No snapshot with this id on this board.');
      const restored = await server.app.inject({ method: 'POST', url: `${url}/restore`, headers: bearer(board.tokens.facilitator) });
      expect(restored.statusCode).toBe(404);
    }
    const list = (await server.app.inject({ url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.tokens.facilitator) })).json();
    expect(list.snapshots).toHaveLength(1);
  });

  it.each([
    [{}, "body must have required property 'name'"],
    [{ name: '' }, 'body/name must NOT have fewer than 1 characters'],
    [{ name: '   ' }, 'body/name must match pattern'],
    [{ name: 'x'.repeat(101) }, 'body/name must NOT have more than 100 characters'],
    [{ name: 5 }, 'body/name must be string'],
  ])('answers 400 naming the field for %j', async (payload, message) => {
    const board = await createBoard(server, { title: 'Bodies' });
    const response = await server.app.inject({ method: 'POST', url: `/api/boards/${board.id}/snapshots`, headers: bearer(board.tokens.facilitator), payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
    expect(response.json().error.message).toContain(message);
  });
});

describe('automatic snapshots', () => {
  let auto: TestServer;
  const autoClients: TestProvider[] = [];
  beforeAll(async () => {
    auto = await startServer({ autoSnapshotMs: 400, autoSnapshotKeep: 3 });
  });
  afterAll(async () => {
    for (const client of autoClients) client.destroy();
    await auto.stop();
  });

  async function list(boardId: string, token: string) {
    const response = await auto.app.inject({ url: `/api/boards/${boardId}/snapshots`, headers: bearer(token) });
    return response.json<{ snapshots: { id: string; name: string; auto: boolean; counts: { note: number } }[] }>().snapshots;
  }

  it('takes at most one per interval of editing, of the board as it was before, and keeps the newest few', async () => {
    const board = await createBoard(auto, { title: 'Busy', locale: 'nl' });
    const facilitator = board.tokens.facilitator;
    const named = await auto.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/snapshots`,
      headers: bearer(facilitator),
      payload: { name: 'Kept forever' },
    });
    expect(named.statusCode).toBe(201);
    const client = connectProvider(auto, board.id, board.tokens.editor);
    autoClients.push(client);
    await client.synced;
    // Nobody edits: no automatic snapshot.
    await sleep(250);
    expect((await list(board.id, facilitator)).filter((entry) => entry.auto)).toHaveLength(0);

    let notes = 0;
    const burst = async () => {
      // Several edits at once: one snapshot at most.
      for (let i = 0; i < 4; i++) {
        addCard(contentBoard(client.doc), { kind: 'note', x: notes * 10, y: 0, text: `note ${notes}`, authorId: 'a', authorName: 'A' });
        notes += 1;
      }
      await waitFor(() => readCards(contentBoard(auto.rooms.peek(board.id)?.content.doc ?? new Y.Doc())).length === notes, 'the edits on the server');
      await auto.rooms.peek(board.id)?.autoSnapshots?.settled();
    };

    await burst();
    let snapshots = await list(board.id, facilitator);
    expect(snapshots.filter((entry) => entry.auto)).toHaveLength(1);
    // Of the board before the first edit of the stretch, named in the board's language.
    expect(snapshots[0]).toMatchObject({ auto: true, name: 'Automatische momentopname', counts: { note: 0 } });

    for (let round = 1; round < 5; round++) {
      await sleep(430);
      await burst();
    }
    snapshots = await list(board.id, facilitator);
    const autos = snapshots.filter((entry) => entry.auto);
    // Five stretches of editing, five snapshots taken; the newest three are kept (AUTO_SNAPSHOT_KEEP=3).
    expect(autos.map((entry) => entry.counts.note)).toEqual([16, 12, 8]);
    expect(snapshots.filter((entry) => !entry.auto).map((entry) => entry.name)).toEqual(['Kept forever']);
  });
});

describe('restore replaces the board (issue 11: a full board is rescued in place)', () => {
  it('restores a snapshot on a board filled to MAX_BOARD_BYTES with cards and pending junk; each document is one row after it', async () => {
    const maxBoardBytes = 256 * 1024;
    const small = await startServer({ maxBoardBytes, autoSnapshotMs: 0 });
    try {
      const board = await createBoard(small, { title: 'Full' });
      const loaded = (await small.rooms.hold(board.id))!;
      const room = loaded.content;
      const author = new Y.Doc();
      const write = (change: () => void): Uint8Array => {
        const before = Y.encodeStateVector(author);
        change();
        return Y.encodeStateAsUpdate(author, before);
      };
      const submit = (update: Uint8Array) =>
        new Promise<string>((resolve, reject) => room.submitUpdate(update, null, (result, error) => (error ? reject(error) : resolve(result))));
      // The snapshot holds a card whose re-creation alone is more than the room left on the full board.
      const kept = addCard(contentBoard(author), { kind: 'lesson', x: 0, y: 0, text: 'k'.repeat(1900), authorId: 'a', authorName: 'A' });
      expect(await submit(Y.encodeStateAsUpdate(author))).toBe('applied');
      const taken = await small.app.inject({
        method: 'POST',
        url: `/api/boards/${board.id}/snapshots`,
        headers: bearer(board.tokens.facilitator),
        payload: { name: 'Start' },
      });
      const start = taken.json<{ id: string }>();
      expect(await submit(write(() => deleteCards(contentBoard(author), [kept])))).toBe('applied');

      // Junk whose earlier part never arrives: Yjs keeps it pending (issue 11, case 5).
      const junkAuthor = new Y.Doc();
      addCard(contentBoard(junkAuthor), { kind: 'note', x: 0, y: 0, text: 'never sent', authorId: 'j', authorName: 'J' });
      const sent = Y.encodeStateVector(junkAuthor);
      addCard(contentBoard(junkAuthor), { kind: 'note', x: 0, y: 0, text: 'j'.repeat(30_000), authorId: 'j', authorName: 'J' });
      expect(await submit(Y.encodeStateAsUpdate(junkAuthor, sent))).toBe('applied');

      // Filled with cards until the board refuses more.
      let result = 'applied';
      for (let i = 0; result === 'applied' && i < 1000; i++) {
        result = await submit(
          write(() => addCard(contentBoard(author), { kind: 'note', x: i, y: 0, text: `${i} `.repeat(400), authorId: 'a', authorName: 'A' })),
        );
      }
      expect(result).toBe('too-large');
      expect(await small.storage.boardBytes(board.id)).toBeGreaterThan(maxBoardBytes - 2000);

      const response = await small.app.inject({
        method: 'POST',
        url: `/api/boards/${board.id}/snapshots/${start.id}/restore`,
        headers: bearer(board.tokens.facilitator),
      });
      expect(response.statusCode).toBe(200);
      await waitFor(async () => (await small.storage.loadDocument(board.id, 'content')).updates.length === 1, 'the content rows replaced by one snapshot');
      expect((await small.storage.loadDocument(board.id, 'control')).updates).toHaveLength(1);
      expect(await small.storage.boardBytes(board.id)).toBeLessThan(20_000);
      // No pending content is left to send to joiners, and the board takes edits again.
      const joiner = connectBoard(small, board.id, board.tokens.editor);
      try {
        await joiner.synced;
        expect(readCards(joiner.board).map((card) => card.text)).toEqual(['k'.repeat(1900)]);
        expect(Y.encodeStateAsUpdate(joiner.board.content).length).toBeLessThan(20_000);
        addCard(joiner.board, { kind: 'note', x: 0, y: 0, text: 'after the rescue', authorId: 'a', authorName: 'A' });
        await waitFor(() => readCards(contentBoard(room.doc)).some((card) => card.text === 'after the rescue'), 'an edit after the restore');
      } finally {
        joiner.destroy();
      }
      small.rooms.release(loaded);
    } finally {
      await small.stop();
    }
  });
});
