import type * as Y from 'yjs';
import { addCard, type CardKind } from '@benchlearn/shared';
import { BoardStore } from './boardStore';

// What the canvas unit tests set up again and again: cards by one author, and a started store.

/** The author of every card the canvas tests write. */
export const TEST_AUTHOR = { authorId: 'u1', authorName: 'Ann' } as const;

/** A card of `kind` at x, y by TEST_AUTHOR; its id. */
export function testCard(doc: Y.Doc, kind: CardKind, x: number, y: number): string {
  return addCard(doc, { kind, x, y, ...TEST_AUTHOR });
}

/** A BoardStore listening to `doc`, started as the canvas starts it. */
export function startedStore(doc: Y.Doc): BoardStore {
  const store = new BoardStore(doc);
  store.start();
  return store;
}
