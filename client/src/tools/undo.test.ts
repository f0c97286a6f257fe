import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, moveCardsBy, readCard, readCards, boardMaps, replaceCardText, cardText } from '@benchlearn/shared';
import { createUndoManager, localWrite } from './undo';

const REMOTE = Symbol('provider');

/** Two docs that exchange every update, as the sync provider would (with its own origin). */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(b, update, REMOTE);
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(a, update, REMOTE);
  });
  return { a, b };
}

const author = { authorId: 'u1', authorName: 'Ann' };

describe('per-user undo', () => {
  it("undoes my change on A and leaves B's change alone", () => {
    const { a, b } = pair();
    const undoA = createUndoManager(a);
    const undoB = createUndoManager(b);
    const mine = localWrite(a, () => addCard(a, { kind: 'success', x: 0, y: 0, ...author }));
    const theirs = localWrite(b, () => addCard(b, { kind: 'lesson', x: 400, y: 0, authorId: 'u2', authorName: 'Bob' }));
    expect(readCards(a).map((c) => c.id).sort()).toEqual([mine, theirs].sort());

    undoA.undo();
    expect(readCards(a).map((c) => c.id)).toEqual([theirs]);
    expect(readCards(b).map((c) => c.id)).toEqual([theirs]);
    expect(undoB.undoStack.length).toBe(1);

    undoA.redo();
    expect(readCards(b).map((c) => c.id).sort()).toEqual([mine, theirs].sort());
  });

  it('does not track writes that arrive from the provider or without the local origin', () => {
    const { a, b } = pair();
    const undoA = createUndoManager(a);
    addCard(b, { kind: 'note', x: 0, y: 0, ...author });
    expect(readCards(a)).toHaveLength(1);
    expect(undoA.undoStack.length).toBe(0);
    undoA.undo();
    expect(readCards(a)).toHaveLength(1);
  });

  it('undoes a remote-concurrent move of my own card only as far as my move', () => {
    const { a, b } = pair();
    const undoA = createUndoManager(a, 0);
    const id = localWrite(a, () => addCard(a, { kind: 'success', x: 0, y: 0, ...author }));
    undoA.stopCapturing();
    localWrite(a, () => moveCardsBy(a, [id], 100, 0));
    // B edits the text of the same card; undoing A's move must keep B's text.
    localWrite(b, () => replaceCardText(b, id, 'from B'));
    undoA.undo();
    const card = readCard(id, boardMaps(a).cards.get(id));
    expect(card?.x).toBe(0);
    expect(cardText(a, id)?.toString()).toBe('from B');
  });

  it('merges a typing burst into one step', () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc);
    const id = localWrite(doc, () => addCard(doc, { kind: 'note', x: 0, y: 0, ...author }));
    undo.stopCapturing();
    for (const value of ['h', 'he', 'hel', 'hell', 'hello']) localWrite(doc, () => replaceCardText(doc, id, value));
    undo.undo();
    expect(cardText(doc, id)?.toString()).toBe('');
    expect(readCards(doc)).toHaveLength(1);
  });
});
