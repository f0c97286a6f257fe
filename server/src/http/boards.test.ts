import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, boardMaps, CloseCode, ID_PATTERN, linkCards, newId, readFrames } from '@benchlearn/shared';
import { contentBoard } from '../testing/boards';
import { connectProvider, connectRaw, createBoard, startServer, storedBoard, syncUrlFor, waitFor, type TestServer } from '../testing/testkit';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ publicUrl: 'https://bench.example', allowedOrigins: ['https://bench.example'] });
});
afterAll(() => server.stop());

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

describe('POST /api/boards', () => {
  it('creates a board with three tokens, links into the web app, and the template written by the server', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/boards', payload: { title: '  Q3 retro ' } });
    expect(response.statusCode).toBe(201);
    const board = response.json();
    expect(board.id).toMatch(new RegExp(ID_PATTERN));
    expect(board.title).toBe('Q3 retro');
    const tokens = Object.values(board.tokens) as string[];
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(board.links.editor).toBe(`https://bench.example/b/${board.id}#token=${board.tokens.editor}`);
    expect(board.links.present).toBe(`https://bench.example/b/${board.id}/present#token=${board.tokens.viewer}`);

    const doc = await storedBoard(server, board.id);
    expect(readFrames(doc).map((frame) => frame.title)).toEqual(['Successes', 'Problems', 'Lessons']);
    expect(boardMaps(doc).meta.get('title')).toBe('Q3 retro');
    expect(boardMaps(doc).meta.get('locale')).toBe('en');

    // Only hashes are stored.
    const record = await server.storage.getBoard(board.id);
    expect(record?.tokenHashes.editor).toBe(createHash('sha256').update(board.tokens.editor).digest('hex'));
    expect(JSON.stringify(record)).not.toContain(board.tokens.editor);
  });

  it('creates retrospective and by-organisation boards with their frames', async () => {
    const retro = await createBoard(server, { title: 'Retro', template: 'retrospective', locale: 'nl' });
    expect(readFrames(await storedBoard(server, retro.id)).map((frame) => frame.title)).toEqual(['Ging goed', 'Problemen', 'Lessen', 'Acties']);
    const byOrg = await createBoard(server, { title: 'Regions', template: 'by-organisation', organisations: ['Delft', ' Zwolle '] });
    const doc = await storedBoard(server, byOrg.id);
    expect(readFrames(doc).map((frame) => frame.title)).toEqual([
      'Delft · Successes',
      'Delft · Problems',
      'Zwolle · Successes',
      'Zwolle · Problems',
      'Lessons (shared)',
    ]);
    expect(boardMaps(doc).meta.get('template')).toBe('by-organisation');
  });

  it('creates a blank board in Dutch', async () => {
    const board = await createBoard(server, { title: 'Leeg', template: 'blank', locale: 'nl' });
    const doc = await storedBoard(server, board.id);
    expect(readFrames(doc)).toEqual([]);
    expect(boardMaps(doc).meta.get('locale')).toBe('nl');
  });

  it.each([
    [{ title: '' }, 'body/title must NOT have fewer than 1 characters'],
    [{ title: '   ' }, 'body/title must match pattern'],
    [{ title: 'x'.repeat(201) }, 'body/title must NOT have more than 200 characters'],
    [{}, "body must have required property 'title'"],
    [{ title: 'ok', template: 'kanban' }, 'body/template'],
    [{ title: 'ok', locale: 'de' }, 'body/locale'],
    [{ title: 42 }, 'body/title must be string'],
    [{ title: 'ok', template: 'by-organisation' }, 'body/organisations must name at least one organisation'],
    [{ title: 'ok', template: 'by-organisation', organisations: [] }, 'body/organisations must NOT have fewer than 1 items'],
    [{ title: 'ok', template: 'by-organisation', organisations: ['   '] }, 'body/organisations/0 must match pattern'],
    [{ title: 'ok', template: 'by-organisation', organisations: [''] }, 'body/organisations/0 must NOT have fewer than 1 characters'],
    [
      { title: 'ok', template: 'by-organisation', organisations: Array.from({ length: 13 }, (_, i) => `Org ${i}`) },
      'body/organisations must NOT have more than 12 items',
    ],
    [{ title: 'ok', template: 'by-organisation', organisations: ['x'.repeat(61)] }, 'body/organisations/0 must NOT have more than 60 characters'],
    [{ title: 'ok', template: 'by-organisation', organisations: 'Delft' }, 'body/organisations must be array'],
  ])('answers 400 naming the field for %j', async (payload, message) => {
    const response = await server.app.inject({ method: 'POST', url: '/api/boards', payload });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain(message);
  });

  it('answers 400 for malformed JSON and 413 for a body that is too large, without a stack trace', async () => {
    const malformed = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "x",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_input');
    expect(malformed.body).not.toMatch(/at .*\.js/);

    const huge = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'x', padding: 'p'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('refuses a browser call from another origin with 403 and accepts the allowed one', async () => {
    const foreign = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      headers: { origin: 'https://evil.example' },
      payload: { title: 'x' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('forbidden_origin');
    const own = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      headers: { origin: 'https://bench.example' },
      payload: { title: 'x' },
    });
    expect(own.statusCode).toBe(201);
  });
});

describe('GET /api/boards/:id', () => {
  it('answers with the role of the token and counts from the loaded room or from storage', async () => {
    const board = await createBoard(server, { title: 'Counts' });
    const client = connectProvider(server, board.id, board.tokens.editor);
    await client.synced;
    const success = addCard(contentBoard(client.doc), { kind: 'success', x: 0, y: 0, authorId: 'a', authorName: 'A' });
    const lesson = addCard(contentBoard(client.doc), { kind: 'lesson', x: 0, y: 0, authorId: 'a', authorName: 'A' });
    linkCards(contentBoard(client.doc), success, lesson, 'a');
    const expected = { success: 1, problem: 0, lesson: 1, note: 0, links: 1 };
    await waitFor(() => (server.rooms.peek(board.id) ? server.rooms.peek(board.id)!.content.doc.getMap('links').size === 1 : false), 'the link in the room');

    const fromRoom = await server.app.inject({ url: `/api/boards/${board.id}`, headers: bearer(board.tokens.viewer) });
    expect(fromRoom.statusCode).toBe(200);
    expect(fromRoom.json()).toMatchObject({ id: board.id, title: 'Counts', role: 'viewer', locked: false, counts: expected });
    expect(typeof fromRoom.json().createdAt).toBe('number');

    client.destroy();
    await server.rooms.drop(board.id, 1001, 'test: unload');
    const fromStorage = await server.app.inject({ url: `/api/boards/${board.id}?token=${board.tokens.facilitator}` });
    expect(fromStorage.json()).toMatchObject({ role: 'facilitator', counts: expected });
  });

  it('answers 404 for an unknown or malformed id, 401 without or with a wrong token', async () => {
    const board = await createBoard(server);
    expect((await server.app.inject({ url: `/api/boards/${newId()}`, headers: bearer('x') })).statusCode).toBe(404);
    expect((await server.app.inject({ url: '/api/boards/not-an-id', headers: bearer('x') })).statusCode).toBe(404);
    const none = await server.app.inject({ url: `/api/boards/${board.id}` });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    expect((await server.app.inject({ url: `/api/boards/${board.id}`, headers: bearer('wrong') })).statusCode).toBe(401);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await server.app.inject({ url: '/api/nothing-here?token=secret' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /api/nothing-here' } });
  });

  it('answers a plain HTTP request to the sync endpoint with 426 in JSON', async () => {
    const response = await server.app.inject({ url: `/sync/${newId()}` });
    expect(response.statusCode).toBe(426);
    expect(response.json().error.code).toBe('upgrade_required');
  });
});

describe('PATCH, rotate and DELETE (facilitator only)', () => {
  it('answers 403 for a role that is too low', async () => {
    const board = await createBoard(server);
    const asEditor = await server.app.inject({
      method: 'PATCH',
      url: `/api/boards/${board.id}`,
      headers: bearer(board.tokens.editor),
      payload: { locked: true },
    });
    expect(asEditor.statusCode).toBe(403);
    expect(asEditor.json().error.code).toBe('forbidden');
    const asViewer = await server.app.inject({ method: 'DELETE', url: `/api/boards/${board.id}`, headers: bearer(board.tokens.viewer) });
    expect(asViewer.statusCode).toBe(403);
    const rotate = await server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/viewer/rotate`,
      headers: bearer(board.tokens.editor),
    });
    expect(rotate.statusCode).toBe(403);
    for (const payload of [{ title: 'Mine now' }, { showJoin: false }, { locked: false }]) {
      const response = await server.app.inject({
        method: 'PATCH',
        url: `/api/boards/${board.id}`,
        headers: bearer(board.tokens.viewer),
        payload,
      });
      expect(response.statusCode).toBe(403);
    }
    for (const role of ['facilitator', 'editor', 'viewer']) {
      const response = await server.app.inject({
        method: 'POST',
        url: `/api/boards/${board.id}/tokens/${role}/rotate`,
        headers: bearer(board.tokens.editor),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.message).toContain('facilitator');
    }
  });

  it('changes the title and the lock', async () => {
    const board = await createBoard(server, { title: 'Old' });
    const url = `/api/boards/${board.id}`;
    const patched = await server.app.inject({ method: 'PATCH', url, headers: bearer(board.tokens.facilitator), payload: { title: 'New', locked: true } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'New', locked: true, role: 'facilitator' });
    expect((await server.app.inject({ url, headers: bearer(board.tokens.viewer) })).json()).toMatchObject({ title: 'New', locked: true });
    expect(boardMaps(await storedBoard(server, board.id)).meta.get('title')).toBe('New');
    const bad = await server.app.inject({ method: 'PATCH', url, headers: bearer(board.tokens.facilitator), payload: { locked: 'yes' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('body/locked');
  });

  it('rotating a token revokes the old one, for requests and for open sockets', async () => {
    const board = await createBoard(server);
    const oldSocket = connectRaw(syncUrlFor(server, board.id, board.tokens.editor));
    const viewerSocket = connectRaw(syncUrlFor(server, board.id, board.tokens.viewer));
    await waitFor(() => oldSocket.received.length > 0 && viewerSocket.received.length > 0, 'both sockets in the room');

    const response = await server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/editor/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    expect(response.statusCode).toBe(200);
    const { token, link } = response.json();
    expect(token).not.toBe(board.tokens.editor);
    expect(link).toBe(`https://bench.example/b/${board.id}#token=${token}`);

    expect((await oldSocket.closed).code).toBe(CloseCode.Unauthorized);
    expect((await server.app.inject({ url: `/api/boards/${board.id}`, headers: bearer(board.tokens.editor) })).statusCode).toBe(401);
    expect((await connectRaw(syncUrlFor(server, board.id, board.tokens.editor)).closed).code).toBe(CloseCode.Unauthorized);
    expect((await server.app.inject({ url: `/api/boards/${board.id}`, headers: bearer(token) })).json().role).toBe('editor');
    // Other roles keep their sockets.
    expect(viewerSocket.ws.readyState).toBe(viewerSocket.ws.OPEN);
    viewerSocket.ws.close();

    const badRole = await server.app.inject({
      method: 'POST',
      url: `/api/boards/${board.id}/tokens/owner/rotate`,
      headers: bearer(board.tokens.facilitator),
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.message).toContain('params/role');
  });

  it('deleting a board removes it: 204, then 404 everywhere, and its data is gone', async () => {
    const board = await createBoard(server);
    const url = `/api/boards/${board.id}`;
    expect((await server.app.inject({ method: 'DELETE', url, headers: bearer(board.tokens.facilitator) })).statusCode).toBe(204);
    expect((await server.app.inject({ url, headers: bearer(board.tokens.facilitator) })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'DELETE', url, headers: bearer(board.tokens.facilitator) })).statusCode).toBe(404);
    expect((await server.storage.loadDocument(board.id, 'content')).updates).toEqual([]);
    expect((await server.storage.loadDocument(board.id, 'control')).updates).toEqual([]);
    expect((await connectRaw(syncUrlFor(server, board.id, board.tokens.facilitator)).closed).code).toBe(CloseCode.BoardNotFound);
  });
});

describe('health and metrics', () => {
  it('answers /healthz and /metrics', async () => {
    expect((await server.app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    const before = Date.now();
    const time = await server.app.inject({ url: '/api/time' });
    expect(time.headers['cache-control']).toBe('no-store');
    expect(time.json().now).toBeGreaterThanOrEqual(before);
    expect(time.json().now).toBeLessThanOrEqual(Date.now());
    const metrics = await server.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    for (const name of [
      'benchlearn_rooms',
      'benchlearn_connections',
      'benchlearn_messages_total',
      'benchlearn_bytes_total',
      'benchlearn_errors_total',
      'benchlearn_persistence_seconds_bucket',
    ]) {
      expect(metrics.body).toContain(name);
    }
  });
});
