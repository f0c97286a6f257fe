import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createBoard, startServer } from '../testing/testkit';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, JOIN_CODE_TTL_MS, JoinCodes } from './joinCodes';

const defaults = loadConfig({}).rateLimits;

describe('short join codes', () => {
  it('gives a 6-character code for the editor link, found again by GET /api/join/:code and /j/:code', async () => {
    const server = await startServer();
    try {
      const board = await createBoard(server);
      const issue = (token: string, editorToken: string) =>
        server.app.inject({
          method: 'POST',
          url: `/api/boards/${board.id}/join-code`,
          headers: { authorization: `Bearer ${token}` },
          payload: { editorToken },
        });
      const issued = await issue(board.tokens.viewer, board.tokens.editor);
      expect(issued.statusCode).toBe(200);
      const { code, url } = issued.json<{ code: string; url: string }>();
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      expect([...code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
      expect(url.endsWith(`/j/${code}`)).toBe(true);
      // The same code while it lives.
      expect((await issue(board.tokens.facilitator, board.tokens.editor)).json().code).toBe(code);

      const found = await server.app.inject({ url: `/api/join/${code.toLowerCase()}` });
      expect(found.statusCode).toBe(200);
      expect(found.json()).toEqual({ boardId: board.id, link: board.links.editor });
      const redirect = await server.app.inject({ url: `/j/${code}` });
      expect(redirect.statusCode).toBe(302);
      expect(redirect.headers.location).toBe(`/b/${board.id}#token=${encodeURIComponent(board.tokens.editor)}`);

      // Only with the board's real editor token, and only for those who may see the board.
      expect((await issue(board.tokens.viewer, board.tokens.viewer)).statusCode).toBe(400);
      expect((await issue('wrong-token', board.tokens.editor)).statusCode).toBe(401);
      expect((await server.app.inject({ url: '/api/join/ZZZZZZ' })).statusCode).toBe(404);

      // A rotated editor token: the old code leads nowhere.
      await server.app.inject({
        method: 'POST',
        url: `/api/boards/${board.id}/tokens/editor/rotate`,
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      });
      expect((await server.app.inject({ url: `/api/join/${code}` })).statusCode).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('counts unknown codes as failed look-ups: 429 past the limit', async () => {
    const server = await startServer({ rateLimits: { ...defaults, failedTokens: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await server.app.inject({ url: `/api/join/AAAAA${JOIN_CODE_ALPHABET[i]}` })).statusCode);
      expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await server.stop();
    }
  });

  it('forgets a code after its time, and renews it when asked again', () => {
    let now = 0;
    const codes = new JoinCodes(() => now);
    const code = codes.issue('b1', 'tok');
    now = JOIN_CODE_TTL_MS - 1;
    expect(codes.issue('b1', 'tok')).toBe(code);
    now = 2 * JOIN_CODE_TTL_MS - 2;
    expect(codes.lookup(code)).toEqual({ boardId: 'b1', editorToken: 'tok' });
    now = 2 * JOIN_CODE_TTL_MS;
    expect(codes.lookup(code)).toBeNull();
    expect(codes.issue('b1', 'other')).not.toBe('');
  });
});
