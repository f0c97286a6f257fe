import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, linkCards, type BoardDocs } from '@benchlearn/shared';
import { createBoard, startServer, type TestServer } from '../testing/testkit';

/** A board's side of its network (issue 16): which network it is in, and its library from the board's own tokens. */
let server: TestServer;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Created {
  id: string;
  tokens: Record<string, string>;
}

async function post<T>(url: string, payload: object, token?: string): Promise<T> {
  const response = await server.app.inject({ method: 'POST', url, payload, ...(token ? { headers: bearer(token) } : {}) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
}

async function change(boardId: string, write: (docs: BoardDocs) => void): Promise<void> {
  const result = await server.rooms.use(boardId, (board) => board.submitChange(write));
  expect(result?.value).toBe('applied');
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe('a board of a network', () => {
  it('says which network it belongs to; a board outside one says null', async () => {
    const network = await post<Created & { name: string }>('/api/networks', { name: 'SPARK' });
    const board = await post<Created>(`/api/networks/${network.id}/boards`, { title: 'Zwolle' }, network.tokens.member);
    const view = await server.app.inject({ method: 'GET', url: `/api/boards/${board.id}`, headers: bearer(board.tokens.viewer!) });
    expect(view.json().network).toEqual({ id: network.id, name: 'SPARK' });
    const lone = await createBoard(server);
    const loneView = await server.app.inject({ method: 'GET', url: `/api/boards/${lone.id}`, headers: bearer(lone.tokens.viewer) });
    expect(loneView.json().network).toBeNull();
  });

  it('searches and opens its network’s library with any board token; not another network’s, not outside one', async () => {
    const network = await post<Created>('/api/networks', { name: 'SPARK', locale: 'nl' });
    const source = await post<Created>(`/api/networks/${network.id}/boards`, { title: 'Zwolle, maart' }, network.tokens.member);
    const reader = await post<Created>(`/api/networks/${network.id}/boards`, { title: 'Delft, juni' }, network.tokens.member);
    await change(source.id, (docs) => {
      const lesson = addCard(docs, { kind: 'lesson', x: 0, y: 0, text: 'Samen fietsen houdt vrijwilligers vast', authorId: 'u', authorName: 'U' });
      const problem = addCard(docs, { kind: 'problem', x: 300, y: 0, text: 'Vrijwilligers haken af', authorId: 'u', authorName: 'U' });
      linkCards(docs, problem, lesson, 'u');
    });
    const published = await post<{ entries: { id: string }[] }>(`/api/boards/${source.id}/publish`, {}, source.tokens.facilitator);
    const entryId = published.entries[0]!.id;

    const found = await server.app.inject({ method: 'GET', url: `/api/boards/${reader.id}/library?q=fiets`, headers: bearer(reader.tokens.viewer!) });
    expect(found.statusCode).toBe(200);
    const [entry] = found.json<{ entries: { id: string; boardTitle: string; evidence: unknown[]; snippet?: { marks: number[][] } }[] }>().entries;
    expect(entry).toMatchObject({ id: entryId, boardTitle: 'Zwolle, maart' });
    expect(entry?.evidence).toHaveLength(1);
    expect(entry?.snippet?.marks.length).toBeGreaterThan(0);

    const opened = await server.app.inject({ method: 'GET', url: `/api/boards/${reader.id}/library/${entryId}`, headers: bearer(reader.tokens.editor!) });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ id: entryId, text: 'Samen fietsen houdt vrijwilligers vast', version: 1 });
    const unknown = await server.app.inject({ method: 'GET', url: `/api/boards/${reader.id}/library/nope`, headers: bearer(reader.tokens.editor!) });
    expect(unknown.statusCode).toBe(404);

    // Another network's board does not see this library.
    const other = await post<Created>('/api/networks', { name: 'Elders' });
    const stranger = await post<Created>(`/api/networks/${other.id}/boards`, { title: 'Elders' }, other.tokens.member);
    const none = await server.app.inject({ method: 'GET', url: `/api/boards/${stranger.id}/library/${entryId}`, headers: bearer(stranger.tokens.viewer!) });
    expect(none.statusCode).toBe(404);
    const lone = await createBoard(server);
    const outside = await server.app.inject({ method: 'GET', url: `/api/boards/${lone.id}/library?q=fiets`, headers: bearer(lone.tokens.viewer) });
    expect(outside.statusCode).toBe(409);
    expect(outside.json().error.code).toBe('not_in_network');
    const anonymous = await server.app.inject({ method: 'GET', url: `/api/boards/${reader.id}/library?q=fiets` });
    expect(anonymous.statusCode).toBe(401);
    const tooLong = await server.app.inject({
      method: 'GET',
      url: `/api/boards/${reader.id}/library?q=${'a'.repeat(201)}`,
      headers: bearer(reader.tokens.viewer!),
    });
    expect(tooLong.statusCode).toBe(400);
  });
});
