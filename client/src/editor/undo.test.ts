import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BOARD_DOCUMENTS,
  addCard,
  addFrame,
  boardMaps,
  cardText,
  deleteCards,
  moveCardsBy,
  moveFrame,
  newBoardDocs,
  readCard,
  readCards,
  readFrames,
  replaceCardText,
  updateFrame,
  type BoardDocs,
} from '@benchlearn/shared';
import { createUndoManager, localWrite } from './undo';

const REMOTE = Symbol('provider');

/** Two replicas of a board that exchange every update of both documents, as the providers would (with their own origin). */
function pair() {
  const a = newBoardDocs();
  const b = newBoardDocs();
  for (const name of BOARD_DOCUMENTS) {
    a[name].on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) Y.applyUpdate(b[name], update, REMOTE);
    });
    b[name].on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) Y.applyUpdate(a[name], update, REMOTE);
    });
  }
  return { a, b };
}

const author = { authorId: 'u1', authorName: 'Ann' };
const frameBox = { title: 'Successes', x: 0, y: 0, w: 1000, h: 800 };
const xOf = (board: BoardDocs, id: string) => readCard(id, boardMaps(board).cards.get(id))?.x;

describe('per-user undo', () => {
  it("undoes my change on A and leaves B's change alone", () => {
    const { a, b } = pair();
    const undoA = createUndoManager(a);
    const undoB = createUndoManager(b);
    const mine = localWrite(a, () => addCard(a, { kind: 'success', x: 0, y: 0, ...author }));
    const theirs = localWrite(b, () => addCard(b, { kind: 'lesson', x: 400, y: 0, authorId: 'u2', authorName: 'Bob' }));
    expect(
      readCards(a)
        .map((c) => c.id)
        .sort(),
    ).toEqual([mine, theirs].sort());

    undoA.undo();
    expect(readCards(a).map((c) => c.id)).toEqual([theirs]);
    expect(readCards(b).map((c) => c.id)).toEqual([theirs]);
    expect(undoB.canUndo).toBe(true);

    undoA.redo();
    expect(
      readCards(b)
        .map((c) => c.id)
        .sort(),
    ).toEqual([mine, theirs].sort());
  });

  it('does not track writes that arrive from the provider or without the local origin', () => {
    const { a, b } = pair();
    const undoA = createUndoManager(a);
    addCard(b, { kind: 'note', x: 0, y: 0, ...author });
    expect(readCards(a)).toHaveLength(1);
    expect(undoA.canUndo).toBe(false);
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
    expect(xOf(a, id)).toBe(0);
    expect(cardText(a, id)?.toString()).toBe('from B');
  });

  it('merges a typing burst into one step', () => {
    const board = newBoardDocs();
    const undo = createUndoManager(board);
    const id = localWrite(board, () => addCard(board, { kind: 'note', x: 0, y: 0, ...author }));
    undo.stopCapturing();
    for (const value of ['h', 'he', 'hel', 'hell', 'hello']) localWrite(board, () => replaceCardText(board, id, value));
    undo.undo();
    expect(cardText(board, id)?.toString()).toBe('');
    expect(readCards(board)).toHaveLength(1);
  });
});

describe('undo over both documents', () => {
  it('takes steps back in the order they were made, whichever document each touched', () => {
    const board = newBoardDocs();
    const undo = createUndoManager(board, 0);
    const card = localWrite(board, () => addCard(board, { kind: 'success', x: 10, y: 10, ...author }));
    const frame = localWrite(board, () => addFrame(board, frameBox));
    localWrite(board, () => moveCardsBy(board, [card], 50, 0));
    localWrite(board, () => updateFrame(board, frame, { title: 'Wins' }));

    undo.undo();
    expect(readFrames(board)[0]?.title).toBe('Successes');
    expect(xOf(board, card)).toBe(60);
    undo.undo();
    expect(xOf(board, card)).toBe(10);
    expect(readFrames(board)).toHaveLength(1);
    undo.undo();
    expect(readFrames(board)).toHaveLength(0);
    expect(readCards(board)).toHaveLength(1);
    undo.undo();
    expect(readCards(board)).toHaveLength(0);
    expect(undo.canUndo).toBe(false);

    undo.redo();
    undo.redo();
    expect(readCards(board)).toHaveLength(1);
    expect(readFrames(board)).toHaveLength(1);
    expect(xOf(board, card)).toBe(10);
    undo.redo();
    expect(xOf(board, card)).toBe(60);
    undo.redo();
    expect(readFrames(board)[0]?.title).toBe('Wins');
    expect(undo.canRedo).toBe(false);
  });

  it('takes a frame moved with its cards back as one step, and redoes it as one', () => {
    const { a, b } = pair();
    const undo = createUndoManager(a, 0);
    const frame = localWrite(a, () => addFrame(a, frameBox));
    const card = localWrite(a, () => addCard(a, { kind: 'problem', x: 100, y: 100, ...author }));
    localWrite(a, () => moveFrame(a, frame, 300, 0));
    expect(xOf(b, card)).toBe(400);
    expect(readFrames(b)[0]?.x).toBe(300);

    undo.undo();
    expect(xOf(b, card)).toBe(100);
    expect(readFrames(b)[0]?.x).toBe(0);
    expect(readCards(b)).toHaveLength(1);

    undo.redo();
    expect(xOf(b, card)).toBe(400);
    expect(readFrames(b)[0]?.x).toBe(300);
  });

  it('forgets what it could redo once a new change is made, in either document', () => {
    const board = newBoardDocs();
    const undo = createUndoManager(board, 0);
    localWrite(board, () => addFrame(board, frameBox));
    undo.undo();
    expect(undo.canRedo).toBe(true);
    localWrite(board, () => addCard(board, { kind: 'note', x: 0, y: 0, ...author }));
    expect(undo.canRedo).toBe(false);
    expect(undo.redo()).toBe(false);
    expect(readFrames(board)).toHaveLength(0);
    expect(undo.managers.control.redoStack).toHaveLength(0);
  });

  it('passes over a step that changes nothing any more (its card deleted by someone else) to the one before it', () => {
    const { a, b } = pair();
    const undo = createUndoManager(a, 0);
    const frame = localWrite(a, () => addFrame(a, frameBox));
    const card = localWrite(b, () => addCard(b, { kind: 'note', x: 0, y: 0, authorId: 'u2', authorName: 'Bob' }));
    localWrite(a, () => moveCardsBy(a, [card], 40, 0));
    localWrite(b, () => deleteCards(b, [card]));

    expect(undo.undo()).toBe(true);
    expect(readFrames(b).map((f) => f.id)).not.toContain(frame);
    expect(undo.canUndo).toBe(false);
  });

  it('tells its listeners when undo and redo become possible', () => {
    const board = newBoardDocs();
    const undo = createUndoManager(board, 0);
    const seen: Array<[boolean, boolean]> = [];
    undo.subscribe(() => seen.push([undo.canUndo, undo.canRedo]));
    localWrite(board, () => addFrame(board, frameBox));
    undo.undo();
    undo.redo();
    expect(seen).toEqual([
      [true, false],
      [false, true],
      [true, false],
    ]);
    undo.destroy();
  });
});
