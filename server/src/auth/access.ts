import { canEdit, isId, roleAtLeast, type BoardDocument, type Role } from '@benchlearn/shared';
import type { BoardRecord } from '../storage/types';
import { hashToken, roleForToken } from './tokens';

/** Where a board's record is found (Storage has it; tests pass a map). */
export interface BoardLookup {
  getBoard(id: string): Promise<BoardRecord | null>;
}

/**
 * Why access was refused, in the order it is decided: the board first (an unknown or deleted
 * board says nothing about tokens), then the token, then the role it grants.
 */
export type AccessRefusal =
  | { ok: false; reason: 'no-board' }
  | { ok: false; reason: 'no-token' }
  | { ok: false; reason: 'wrong-token' }
  | { ok: false; reason: 'role-too-low'; role: Role; needed: Role };

/** Access granted: the board, the token's role, and the token's hash (who a socket is, for presence). */
export interface AccessGranted {
  ok: true;
  board: BoardRecord;
  role: Role;
  tokenHash: string;
}

export type AccessDecision = AccessGranted | AccessRefusal;

/**
 * Who may do what on a board, decided in one place for HTTP routes and sync sockets alike:
 * does the board exist, does the token grant a role on it, is that role at least `needed`.
 * Each transport turns a refusal into its own answer (an HTTP status, a close code).
 */
export async function decideAccess(boards: BoardLookup, boardId: string, token: string | null, needed: Role = 'viewer'): Promise<AccessDecision> {
  const board = isId(boardId) ? await boards.getBoard(boardId) : null;
  if (!board || board.deleted) return { ok: false, reason: 'no-board' };
  if (!token) return { ok: false, reason: 'no-token' };
  const role = roleForToken(token, board.tokenHashes);
  if (!role) return { ok: false, reason: 'wrong-token' };
  if (!roleAtLeast(role, needed)) return { ok: false, reason: 'role-too-low', role, needed };
  return { ok: true, board, role, tokenHash: hashToken(token) };
}

/**
 * Whether `role` may write `doc` now (docs/protocol.md): the content document, facilitators and
 * editors (editors not while the board is locked); the control document (meta, frames, the
 * session), facilitators only. Decided per connection and document, never from an update's
 * contents; what a connection may not write is dropped, not refused.
 */
export function mayWrite(role: Role, doc: BoardDocument, locked: boolean): boolean {
  return doc === 'content' ? canEdit(role, locked) : role === 'facilitator';
}
