import { randomInt } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { boardLink } from '@benchlearn/shared';
import { hashToken } from '../auth/tokens';
import type { Storage } from '../storage/types';
import { accessHook, accessOf } from './access';
import { FailedAccess, HttpError } from './errors';
import { BoardParams } from './schemas';

/** Letters and digits that cannot be mistaken for each other when read off a wall (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
/** How long a code works after it was last asked for: a workshop day. */
export const JOIN_CODE_TTL_MS = 12 * 60 * 60 * 1000;
const MAX_CODES = 10_000;

interface Entry {
  boardId: string;
  editorToken: string;
  expires: number;
}

/**
 * Short join codes (6 characters) for the projector: code -> the board's editor link. The server
 * keeps only token hashes, so the projector, which holds the editor token, registers it; the
 * code lives in this instance's memory (a restart or another instance forgets it, and the
 * projector asks again).
 */
export class JoinCodes {
  private readonly byCode = new Map<string, Entry>();
  private readonly byBoard = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The board's code for this editor token (the same while it lives), its life renewed. */
  issue(boardId: string, editorToken: string): string {
    this.sweep();
    const known = this.byBoard.get(boardId);
    const entry = known ? this.byCode.get(known) : undefined;
    const expires = this.now() + JOIN_CODE_TTL_MS;
    if (known && entry && entry.editorToken === editorToken) {
      entry.expires = expires;
      return known;
    }
    if (known) this.byCode.delete(known);
    if (this.byCode.size >= MAX_CODES) throw new HttpError(503, 'join_codes_full', 'too many join codes: try again later');
    let code = '';
    do {
      code = Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]).join('');
    } while (this.byCode.has(code));
    this.byCode.set(code, { boardId, editorToken, expires });
    this.byBoard.set(boardId, code);
    return code;
  }

  lookup(code: string): { boardId: string; editorToken: string } | null {
    const entry = this.byCode.get(normalizeCode(code));
    if (!entry || entry.expires <= this.now()) return null;
    return { boardId: entry.boardId, editorToken: entry.editorToken };
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, entry] of this.byCode) {
      if (entry.expires > now) continue;
      this.byCode.delete(code);
      if (this.byBoard.get(entry.boardId) === code) this.byBoard.delete(entry.boardId);
    }
  }
}

/** Upper case, without spaces or dashes ("abc 123" and "ABC-123" are ABC123). */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 16 }) }, { additionalProperties: false });
const IssueBody = Type.Object({ editorToken: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const IssuedCode = Type.Object({ code: Type.String(), url: Type.String() });
const FoundCode = Type.Object({ boardId: Type.String(), link: Type.String() });

export interface JoinCodeRoutesOptions {
  storage: Storage;
  publicUrl: string;
  codes?: JoinCodes;
}

/**
 * POST /api/boards/:id/join-code (viewer or better, with the editor token in the body): the
 * board's short code. GET /api/join/:code: the editor link; GET /j/:code: a redirect to it.
 * An unknown code is a failed look-up (FailedAccess): counted with wrong tokens, 429 past the limit.
 */
export const joinCodeRoutes: FastifyPluginAsyncTypebox<JoinCodeRoutesOptions> = async (app, { storage, publicUrl, codes = new JoinCodes() }) => {
  const access = accessHook(storage);
  const notFound = () => new FailedAccess(404, 'not_found', 'no board has this join code');

  app.post(
    '/api/boards/:id/join-code',
    { preHandler: access('viewer'), schema: { params: BoardParams, body: IssueBody, response: { 200: IssuedCode } } },
    async (request) => {
      const { board } = accessOf(request);
      if (hashToken(request.body.editorToken) !== board.tokenHashes.editor)
        throw new HttpError(400, 'invalid_input', 'editorToken is not this board’s editor token');
      const code = codes.issue(board.id, request.body.editorToken);
      return { code, url: `${publicUrl.replace(/\/$/, '')}/j/${code}` };
    },
  );

  const find = async (code: string) => {
    const found = codes.lookup(code);
    // The editor token may have been rotated since: the code then leads nowhere.
    const board = found ? await storage.getBoard(found.boardId) : null;
    if (!found || !board || hashToken(found.editorToken) !== board.tokenHashes.editor) throw notFound();
    return { boardId: found.boardId, link: boardLink(publicUrl, found.boardId, found.editorToken) };
  };

  app.get('/api/join/:code', { schema: { params: CodeParams, response: { 200: FoundCode } } }, async (request) => find(request.params.code));

  app.get('/j/:code', { schema: { params: CodeParams } }, async (request, reply) => {
    const { boardId } = await find(request.params.code);
    const link = boardLink('', boardId, codes.lookup(request.params.code)!.editorToken);
    return reply.header('cache-control', 'no-store').redirect(link, 302);
  });
};
