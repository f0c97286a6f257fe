import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorMessageKey, createBoard, getBoard, type Fetch } from './api';

function answer(status: number, body: unknown): Fetch {
  return async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const created = {
  id: 'V1StGXR8_Z5jdHi6B-myT',
  title: 'Spring',
  tokens: { facilitator: 'f', editor: 'e', viewer: 'v' },
  links: { facilitator: 'http://x/b/1#token=f', editor: 'http://x/b/1#token=e', viewer: 'http://x/b/1#token=v' },
};

describe('the HTTP API client', () => {
  it('creates a board with a JSON body and reads the answer', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetchImpl: Fetch = async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(created), { status: 201 });
    };
    await expect(createBoard({ title: 'Spring', template: 'blank', locale: 'nl' }, fetchImpl)).resolves.toEqual(created);
    expect(calls[0]?.url).toBe('/api/boards');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ title: 'Spring', template: 'blank', locale: 'nl' });
  });

  it('sends the token as a bearer token when reading a board', async () => {
    let authorization: string | null = null;
    const fetchImpl: Fetch = async (_url, init) => {
      authorization = new Headers(init?.headers).get('Authorization');
      return new Response(JSON.stringify({ id: 'b', title: 'T', role: 'editor', locked: true, createdAt: 1, counts: {} }), { status: 200 });
    };
    await expect(getBoard('b', 'secret', fetchImpl)).resolves.toMatchObject({ role: 'editor', locked: true });
    expect(authorization).toBe('Bearer secret');
  });

  it('turns {error: {code, message}} into an ApiError with the server’s words', async () => {
    const error = await createBoard(
      { title: '', template: 'blank', locale: 'en' },
      answer(400, { error: { code: 'invalid', message: 'title is required' } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 400, serverCode: 'invalid', serverMessage: 'title is required' });
    expect(apiErrorMessageKey(error)).toBe('errors.badRequest');
  });

  it('tells a network failure and an unexpected answer apart', async () => {
    const offline: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const network = await getBoard('b', 't', offline).catch((e: unknown) => e);
    expect(apiErrorMessageKey(network)).toBe('errors.network');
    const weird = await getBoard('b', 't', answer(200, { id: 'b', role: 'owner' })).catch((e: unknown) => e);
    expect(apiErrorMessageKey(weird)).toBe('errors.badResponse');
  });

  it('has words for every error status of the contract', () => {
    const keys = [400, 401, 403, 404, 413, 429, 500].map((status) => apiErrorMessageKey(new ApiError('http', status)));
    expect(keys).toEqual([
      'errors.badRequest',
      'errors.unauthorized',
      'errors.forbidden',
      'errors.notFound',
      'errors.tooLarge',
      'errors.tooMany',
      'errors.unknown',
    ]);
    expect(apiErrorMessageKey(new Error('x'))).toBe('errors.unknown');
  });
});
