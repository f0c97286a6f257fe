import { newId, type Session } from '@benchlearn/shared';
import type { Identity } from '../editor/types';
import type { KeyValueStore } from '../platform/storage';

const aliasKey = (boardId: string) => `benchlearn:anonymous-author:${boardId}`;

/**
 * The author id this browser writes on cards it adds while a board is anonymous: random, one
 * per board, kept in this browser only. It is not the person's id (which their presence shows
 * with their name), so nobody can tie an anonymous card to a name; this browser still knows
 * the card is its own (to edit it from a phone). Made only once the board is anonymous, and
 * forgotten with the board.
 */
export function anonymousAuthorId(store: KeyValueStore, boardId: string): string {
  const existing = peekAnonymousAuthorId(store, boardId);
  if (existing) return existing;
  const id = newId();
  try {
    store.setItem(aliasKey(boardId), id);
  } catch {
    // Not remembered: cards added later in another visit will not count as this browser's own.
  }
  return id;
}

/** The anonymous author id this browser already has for the board, without making one. */
export function peekAnonymousAuthorId(store: KeyValueStore, boardId: string): string | null {
  const existing = store.getItem(aliasKey(boardId));
  return existing && existing.length <= 100 ? existing : null;
}

/** The board is gone (deleted): nothing of it stays in this browser. */
export function forgetAnonymousAuthorId(store: KeyValueStore, boardId: string): void {
  try {
    store.removeItem(aliasKey(boardId));
  } catch {
    // Storage blocked: nothing was stored either.
  }
}

export interface Author {
  authorId: string;
  authorName: string;
}

/** Who a new card says wrote it: the person, or nobody by name while the board is anonymous. */
export function authorOfNewCards(identity: Identity, session: Pick<Session, 'anonymous'>, alias: string): Author {
  return session.anonymous ? { authorId: alias, authorName: '' } : { authorId: identity.id, authorName: identity.name };
}
