import { newId, type Session } from '@benchlearn/shared';
import type { Identity } from '../types';
import type { KeyValueStore } from '../app/storage';

const aliasKey = (boardId: string) => `benchlearn:anonymous-author:${boardId}`;

/**
 * The author id this browser writes on cards it adds while a board is anonymous: random, one
 * per board, kept in this browser only. It is not the person's id (which their presence shows
 * with their name), so nobody can tie an anonymous card to a name; this browser still knows
 * the card is its own (to edit it from a phone).
 */
export function anonymousAuthorId(store: KeyValueStore, boardId: string): string {
  const existing = store.getItem(aliasKey(boardId));
  if (existing && existing.length <= 100) return existing;
  const id = newId();
  try {
    store.setItem(aliasKey(boardId), id);
  } catch {
    // Not remembered: cards added later in another visit will not count as this browser's own.
  }
  return id;
}

export interface Author {
  authorId: string;
  authorName: string;
}

/** Who a new card says wrote it: the person, or nobody by name while the board is anonymous. */
export function authorOfNewCards(identity: Identity, session: Pick<Session, 'anonymous'>, alias: string): Author {
  return session.anonymous ? { authorId: alias, authorName: '' } : { authorId: identity.id, authorName: identity.name };
}

/** Whether a card was written from this browser (under the person's id or its anonymous one). */
export function isOwnCard(card: { authorId: string }, identity: Identity, alias: string): boolean {
  return card.authorId === identity.id || card.authorId === alias;
}
