import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import {
  createNetwork,
  createNetworkBoard,
  getBoardLibraryEntry,
  getNetwork,
  libraryExportUrl,
  libraryFeedUrl,
  networkLink,
  publishLessons,
  resolveNetworkToken,
  searchBoardLibrary,
  searchNetwork,
  type LibraryEntry,
} from './library';
import { memoryStore } from './storage';
import { recorder } from './testFetch';

// The library's HTTP client (docs/api.md, "Networks" and "Library"): which path, which token,
// which body, and that an answer not matching the contract is refused. A stand-in fetch records
// each request; the server side of these endpoints has its own tests.

const entry: LibraryEntry = {
  id: 'e1',
  version: 2,
  lessonId: 'l1',
  text: 'Pair new volunteers with a buddy',
  organisation: 'Gemeente Zwolle',
  votes: 3,
  evidence: [{ kind: 'problem', text: 'Volunteers drop out', organisation: null, votes: 1 }],
  organisations: ['Gemeente Zwolle'],
  tags: ['volunteers'],
  boardId: 'b1',
  boardTitle: 'Zwolle, March',
  language: 'en',
  publishedAt: 1000,
};

describe('searching a library', () => {
  it('asks the network for its lessons with the trimmed words and filters, by bearer token', async () => {
    const { calls, fetchImpl } = recorder(200, { entries: [entry], next: 'c2' });
    const page = await searchNetwork(
      'net 1',
      'member-token',
      { q: '  buddy  ', org: 'Gemeente Zwolle', tag: 'volunteers', limit: 20, cursor: 'c1' },
      fetchImpl,
    );
    expect(page).toEqual({ entries: [entry], next: 'c2' });
    const url = new URL(calls[0]!.url, 'http://host');
    expect(url.pathname).toBe('/api/networks/net%201/lessons');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'buddy', org: 'Gemeente Zwolle', tag: 'volunteers', limit: '20', cursor: 'c1' });
    expect(calls[0]!.authorization).toBe('Bearer member-token');
  });

  it('sends no query string for an empty search (blank words, no cursor)', async () => {
    const { calls, fetchImpl } = recorder(200, { entries: [], next: null });
    await searchNetwork('n1', 't', { q: '   ', cursor: null }, fetchImpl);
    expect(calls[0]!.url).toBe('/api/networks/n1/lessons');
  });

  it("a board searches its own network's library through the board", async () => {
    const { calls, fetchImpl } = recorder(200, { entries: [{ ...entry, snippet: { text: 'a buddy', marks: [[2, 7]] } }], next: null });
    const page = await searchBoardLibrary('b/1', 'editor-token', { q: 'buddy' }, fetchImpl);
    expect(page.entries[0]?.snippet?.marks).toEqual([[2, 7]]);
    expect(calls[0]!.url).toBe('/api/boards/b%2F1/library?q=buddy');
    expect(calls[0]!.authorization).toBe('Bearer editor-token');
  });

  it('refuses a page that does not match the contract', async () => {
    const { fetchImpl } = recorder(200, { entries: [{ ...entry, version: 0 }], next: null });
    const error = await searchNetwork('n1', 't', {}, fetchImpl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'bad-response' });
  });

  it("passes the server's error on (a token that is not the network's)", async () => {
    const { fetchImpl } = recorder(403, { error: { code: 'forbidden', message: 'not a token of this network' } });
    const error = await searchBoardLibrary('b1', 'wrong', {}, fetchImpl).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 403, serverCode: 'forbidden' });
  });

  it('reads one entry of the board library', async () => {
    const { calls, fetchImpl } = recorder(200, entry);
    await expect(getBoardLibraryEntry('b1', 'v', 'e/1', fetchImpl)).resolves.toEqual(entry);
    expect(calls[0]!.url).toBe('/api/boards/b1/library/e%2F1');
  });
});

describe('networks', () => {
  const created = {
    id: 'n1',
    name: 'Gemeenten Overijssel',
    tokens: { coordinator: 'c', member: 'm' },
    links: { coordinator: '/n/n1#token=c', member: '/n/n1#token=m' },
  };

  it('creates a network with a JSON body and no token', async () => {
    const { calls, fetchImpl } = recorder(201, created);
    await expect(createNetwork({ name: 'Gemeenten Overijssel', locale: 'nl' }, fetchImpl)).resolves.toEqual(created);
    expect(calls[0]).toEqual({ url: '/api/networks', method: 'POST', authorization: null, body: { name: 'Gemeenten Overijssel', locale: 'nl' } });
  });

  it('reads a network and refuses an unknown role', async () => {
    const info = { id: 'n1', name: 'N', locale: 'en', role: 'member', createdAt: 1, boards: [], entries: 0 };
    const ok = recorder(200, info);
    await expect(getNetwork('n1', 'm', ok.fetchImpl)).resolves.toEqual(info);
    expect(ok.calls[0]!.authorization).toBe('Bearer m');
    const odd = recorder(200, { ...info, role: 'owner' });
    await expect(getNetwork('n1', 'm', odd.fetchImpl)).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it("makes a board in the network with a member's token", async () => {
    const board = {
      id: 'b1',
      title: 'Spring',
      tokens: { facilitator: 'f', editor: 'e', viewer: 'v' },
      links: { facilitator: '/b/b1#token=f', editor: '/b/b1#token=e', viewer: '/b/b1#token=v' },
    };
    const { calls, fetchImpl } = recorder(201, board);
    await expect(createNetworkBoard('n1', 'm', { title: 'Spring', template: 'blank', locale: 'en' }, fetchImpl)).resolves.toEqual(board);
    expect(calls[0]).toEqual({
      url: '/api/networks/n1/boards',
      method: 'POST',
      authorization: 'Bearer m',
      body: { title: 'Spring', template: 'blank', locale: 'en' },
    });
  });

  it("publishes the board's lessons with the facilitator's token", async () => {
    const { calls, fetchImpl } = recorder(200, { entries: [{ id: 'e1', version: 1 }] });
    await expect(publishLessons('b1', 'f', { lessons: ['c1'], tags: ['x'] }, fetchImpl)).resolves.toEqual({ entries: [{ id: 'e1', version: 1 }] });
    expect(calls[0]).toEqual({ url: '/api/boards/b1/publish', method: 'POST', authorization: 'Bearer f', body: { lessons: ['c1'], tags: ['x'] } });
  });
});

describe('library links', () => {
  it('export and feed links carry the member token, encoded', () => {
    expect(libraryExportUrl('n 1', 'a&b', 'csv')).toBe('/api/networks/n%201/lessons/export?format=csv&token=a%26b');
    expect(libraryFeedUrl('n1', 'a+b')).toBe('/api/networks/n1/feed.atom?token=a%2Bb');
  });

  it("the network page's link keeps its token in the fragment", () => {
    expect(networkLink('https://example.org/', 'n1', 'tok')).toBe('https://example.org/n/n1#token=tok');
    expect(networkLink('https://example.org//', 'n/1', 't#k')).toBe('https://example.org/n/n%2F1#token=t%23k');
  });
});

describe('the network page token', () => {
  it('takes the link’s token and keeps it, so the page opens again without it', () => {
    const local = memoryStore();
    expect(resolveNetworkToken('n1', '#token=m%2B1', local)).toBe('m+1');
    expect(resolveNetworkToken('n1', '', local)).toBe('m+1');
    expect(resolveNetworkToken('n2', '', local)).toBeNull();
    expect(resolveNetworkToken('n1', '#token=newer', local)).toBe('newer');
    expect(resolveNetworkToken('n1', '', local)).toBe('newer');
  });
});
