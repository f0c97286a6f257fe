import type { FastifyRequest } from 'fastify';
import { boardLink, destroyBoardDocs, presentLink, type BoardDocs, type Role } from '@benchlearn/shared';
import { decideAccess, type AccessRefusal, type BoardLookup } from '../auth/access';
import { tokenFromRequest, type issueTokens } from '../auth/tokens';
import { boardFromStorage, type RoomManager } from '../rooms';
import type { BoardRecord, Storage } from '../storage/types';
import { FailedAccess, HttpError } from './errors';

/** What a route's access hook decided: the board and the caller's role on it. */
export interface BoardAccess {
  board: BoardRecord;
  role: Role;
}

const granted = new WeakMap<FastifyRequest, BoardAccess>();

/** The `:id` route parameter, whatever the route's own type says. */
function boardIdOf(request: FastifyRequest): string {
  const params: unknown = request.params;
  if (typeof params !== 'object' || params === null || !('id' in params)) return '';
  return typeof params.id === 'string' ? params.id : '';
}

/** The HTTP answer to a refused board look-up: 404 unknown, 401 no or wrong token (both counted: FailedAccess), 403 role too low. */
function refusal(decision: AccessRefusal): HttpError {
  switch (decision.reason) {
    case 'no-board':
      return new FailedAccess(404, 'not_found', 'No board with this id.');
    case 'no-token':
      return new FailedAccess(401, 'unauthorized', 'A token is required: Authorization: Bearer TOKEN.');
    case 'wrong-token':
      return new FailedAccess(401, 'unauthorized', 'The token is not valid for this board.');
    case 'role-too-low':
      // "has the editor role", not "is a editor token": no article to get wrong before a role's name.
      return new HttpError(403, 'forbidden', `This needs the ${decision.needed} role; this token has the ${decision.role} role.`);
  }
}

/**
 * A board route's `preHandler` (after the schemas checked the request, as before): decides
 * access to the board `:id` with decideAccess, the sync route's rule, and throws the refusal.
 * The route reads what was decided with `accessOf`.
 */
export function accessHook(boards: BoardLookup): (needed: Role) => (request: FastifyRequest) => Promise<void> {
  return (needed) => async (request) => {
    const decision = await decideAccess(boards, boardIdOf(request), tokenFromRequest(request.headers, request.query), needed);
    if (!decision.ok) throw refusal(decision);
    granted.set(request, { board: decision.board, role: decision.role });
  };
}

/** What the route's access hook decided for this request. */
export function accessOf(request: FastifyRequest): BoardAccess {
  const access = granted.get(request);
  if (!access) throw new Error(`no access hook on ${request.routeOptions.url ?? request.url}`);
  return access;
}

/**
 * Runs `read` on the board's two documents as everyone sees them now: the loaded board's, or
 * the stored ones (read without loading a room, a v1 board split in memory). `read` must not
 * keep them.
 */
export async function readBoardDoc<T>(rooms: RoomManager, storage: Storage, boardId: string, read: (board: BoardDocs) => T): Promise<T> {
  const loaded = rooms.peek(boardId);
  if (loaded && !loaded.closed) {
    // Only committed state is shown (an asynchronous storage may still be committing).
    const uncommitted = loaded.uncommitted();
    if (uncommitted) await uncommitted;
    if (!loaded.closed) return read(loaded.docs);
  }
  const board = await boardFromStorage(storage, boardId);
  try {
    return read(board);
  } finally {
    destroyBoardDocs(board);
  }
}

/** The answer to creating a board (POST /api/boards and the import): id, tokens and links. */
export function createdBoardBody(publicUrl: string, id: string, title: string, tokens: ReturnType<typeof issueTokens>['tokens']) {
  return {
    id,
    title,
    tokens,
    links: {
      facilitator: boardLink(publicUrl, id, tokens.facilitator),
      editor: boardLink(publicUrl, id, tokens.editor),
      viewer: boardLink(publicUrl, id, tokens.viewer),
      present: presentLink(publicUrl, id, tokens.viewer),
    },
  };
}
