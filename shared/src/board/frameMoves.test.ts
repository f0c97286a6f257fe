import { describe, expect, it } from 'vitest';
import { newBoardDocs } from '../board/doc';
import * as Y from 'yjs';
import { addCard, addFrame, initBoard, readCards, readFrames, templateFrames } from './index';
import { cardsInFrame, isCardInFrame, moveFrame } from './frameMoves';

const author = { authorId: 'u1', authorName: 'Ann' };

describe('moveFrame', () => {
  it('moves the frame and the cards inside it in one transaction per document, and leaves the others', () => {
    const board = newBoardDocs();
    const frame = addFrame(board, { title: 'Successes', x: 0, y: 0, w: 500, h: 500 });
    const inside = addCard(board, { kind: 'success', x: 100, y: 100, ...author });
    // Hangs over the right edge, but its centre is inside: it goes along.
    const overEdge = addCard(board, { kind: 'success', x: 400, y: 50, w: 180, h: 100, ...author });
    const outside = addCard(board, { kind: 'problem', x: 900, y: 100, ...author });
    const transactions = { content: 0, control: 0 };
    board.content.on('afterTransaction', () => transactions.content++);
    board.control.on('afterTransaction', () => transactions.control++);

    const moved = moveFrame(board, frame, 40, -20);

    expect(transactions).toEqual({ content: 1, control: 1 });
    expect(moved.sort()).toEqual([inside, overEdge].sort());
    const frameNow = readFrames(board)[0]!;
    expect([frameNow.x, frameNow.y]).toEqual([40, -20]);
    const byId = new Map(readCards(board).map((c) => [c.id, c]));
    expect([byId.get(inside)!.x, byId.get(inside)!.y]).toEqual([140, 80]);
    expect([byId.get(overEdge)!.x, byId.get(overEdge)!.y]).toEqual([440, 30]);
    expect([byId.get(outside)!.x, byId.get(outside)!.y]).toEqual([900, 100]);
  });

  it('is undone as one step per document (the web app undoes both together)', () => {
    const board = newBoardDocs();
    const frame = addFrame(board, { title: 'F', x: 0, y: 0, w: 300, h: 300 });
    const card = addCard(board, { kind: 'note', x: 10, y: 10, ...author });
    const frames = new Y.UndoManager([board.control.getMap('frames')]);
    const cards = new Y.UndoManager([board.content.getMap('cards')]);
    moveFrame(board, frame, 100, 100);
    expect([frames.undoStack.length, cards.undoStack.length]).toEqual([1, 1]);
    frames.undo();
    cards.undo();
    expect(readFrames(board)[0]!.x).toBe(0);
    expect(readCards(board).find((c) => c.id === card)!.x).toBe(10);
  });

  it('does nothing for an unknown frame or a zero move, and refuses non-finite offsets', () => {
    const board = newBoardDocs();
    const frame = addFrame(board, { title: 'F', x: 0, y: 0, w: 300, h: 300 });
    expect(moveFrame(board, 'nope', 5, 5)).toEqual([]);
    expect(moveFrame(board, frame, 0, 0)).toEqual([]);
    expect(() => moveFrame(board, frame, Number.NaN, 0)).toThrow(RangeError);
  });
});

describe('cardsInFrame', () => {
  it('counts a card by its centre', () => {
    const frame = { x: 0, y: 0, w: 100, h: 100 };
    expect(isCardInFrame({ x: 60, y: 60, w: 80, h: 80 }, frame)).toBe(true);
    expect(isCardInFrame({ x: 70, y: 70, w: 80, h: 80 }, frame)).toBe(false);
    const board = newBoardDocs();
    const a = addCard(board, { kind: 'note', x: 10, y: 10, w: 20, h: 20, ...author });
    addCard(board, { kind: 'note', x: 500, y: 10, ...author });
    expect(cardsInFrame(frame, readCards(board))).toEqual([a]);
  });
});

describe('templates', () => {
  it('retrospective has four columns in the board language', () => {
    expect(templateFrames('retrospective', 'en').map((f) => f.title)).toEqual(['Went well', 'Problems', 'Lessons', 'Actions']);
    expect(templateFrames('retrospective', 'nl').map((f) => f.title)).toEqual(['Ging goed', 'Problemen', 'Lessen', 'Acties']);
  });

  it('by-organisation has a success and a problem area per organisation and one shared lessons area', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'x', template: 'by-organisation', locale: 'en', organisations: [' Delft ', 'Zwolle', 'delft', ''] });
    const frames = readFrames(board);
    expect(frames.map((f) => f.title)).toEqual(['Delft · Successes', 'Delft · Problems', 'Zwolle · Successes', 'Zwolle · Problems', 'Lessons (shared)']);
    // An organisation's areas share a column; the lessons area spans the height of both.
    const [ds, dp, zs, , lessons] = frames;
    expect(ds!.x).toBe(dp!.x);
    expect(dp!.y).toBeGreaterThan(ds!.y + ds!.h - 1);
    expect(zs!.x).toBeGreaterThan(ds!.x + ds!.w);
    expect(lessons!.h).toBe(dp!.y + dp!.h - ds!.y);
    expect(templateFrames('by-organisation', 'nl', ['A']).map((f) => f.title)).toEqual(['A · Successen', 'A · Problemen', 'Lessen (gedeeld)']);
  });
});
