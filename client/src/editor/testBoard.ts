import { addCard, type CardKind, type BoardDocs } from '@benchlearn/shared';
import { BoardStore } from './boardStore';

// What the canvas unit tests set up again and again: cards by one author, and a started store.

/** The author of every card the canvas tests write. */
export const TEST_AUTHOR = { authorId: 'u1', authorName: 'Ann' } as const;

/** A card of `kind` at x, y by TEST_AUTHOR; its id. */
export function testCard(board: BoardDocs, kind: CardKind, x: number, y: number): string {
  return addCard(board, { kind, x, y, ...TEST_AUTHOR });
}

/** A BoardStore listening to `doc`, started as the canvas starts it. */
export function startedStore(board: BoardDocs): BoardStore {
  const store = new BoardStore(board);
  store.start();
  return store;
}
