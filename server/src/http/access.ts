import type { FastifyRequest } from 'fastify';
import { boardLink, destroyBoardDocs, isId, presentLink, roleAtLeast, type BoardDocs, type Role } from '@benchlearn/shared';
import { roleForToken, tokenFromRequest, type issueTokens } from '../auth/tokens';
import { boardFromStorage, type RoomManager } from '../rooms';
import type { BoardRecord, Storage } from '../storage/types';
import { FailedAccess, HttpError } from './errors';

export type Authorize = (request: FastifyRequest, id: string, needed: Role) => Promise<{ board: BoardRecord; role: Role }>;

/** The board and the caller's role; 404 unknown, 401 no or wrong token (both counted: FailedAccess), 403 role too low. */
export function authorizer(storage: Storage): Authorize {
  return async (request, id, needed) => {
    const board = isId(id) ? await storage.getBoard(id) : null;
    if (!board || board.deleted) throw new FailedAccess(404, 'not_found', 'No board with this id.');
    const token = tokenFromRequest(request.headers, request.query);
    if (!token) throw new FailedAccess(401, 'unauthorized', 'A token is required: Authorization: Bearer TOKEN.');
    const role = roleForToken(token, board.tokenHashes);
    if (!role) throw new FailedAccess(401, 'unauthorized', 'The token is not valid for this board.');
    if (!roleAtLeast(role, needed)) throw new HttpError(403, 'forbidden', `This needs the ${needed} role; the token is a ${role} token.`);
    return { board, role };
  };
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
