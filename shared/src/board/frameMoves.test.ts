import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addFrame, initBoard, readCards, readFrames, templateFrames } from './index';
import { cardsInFrame, isCardInFrame, moveFrame } from './frameMoves';

const author = { authorId: 'u1', authorName: 'Ann' };

describe('moveFrame', () => {
  it('moves the frame and the cards inside it in one transaction, and leaves the others', () => {
    const doc = new Y.Doc();
    const frame = addFrame(doc, { title: 'Successes', x: 0, y: 0, w: 500, h: 500 });
    const inside = addCard(doc, { kind: 'success', x: 100, y: 100, ...author });
    // Hangs over the right edge, but its centre is inside: it goes along.
    const overEdge = addCard(doc, { kind: 'success', x: 400, y: 50, w: 180, h: 100, ...author });
    const outside = addCard(doc, { kind: 'problem', x: 900, y: 100, ...author });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);

    const moved = moveFrame(doc, frame, 40, -20);

    expect(transactions).toBe(1);
    expect(moved.sort()).toEqual([inside, overEdge].sort());
    const frameNow = readFrames(doc)[0]!;
    expect([frameNow.x, frameNow.y]).toEqual([40, -20]);
    const byId = new Map(readCards(doc).map((c) => [c.id, c]));
    expect([byId.get(inside)!.x, byId.get(inside)!.y]).toEqual([140, 80]);
    expect([byId.get(overEdge)!.x, byId.get(overEdge)!.y]).toEqual([440, 30]);
    expect([byId.get(outside)!.x, byId.get(outside)!.y]).toEqual([900, 100]);
  });

  it('is undone as one step by an undo manager', () => {
    const doc = new Y.Doc();
    const frame = addFrame(doc, { title: 'F', x: 0, y: 0, w: 300, h: 300 });
    const card = addCard(doc, { kind: 'note', x: 10, y: 10, ...author });
    const undo = new Y.UndoManager([doc.getMap('frames'), doc.getMap('cards')]);
    moveFrame(doc, frame, 100, 100);
    undo.undo();
    expect(readFrames(doc)[0]!.x).toBe(0);
    expect(readCards(doc).find((c) => c.id === card)!.x).toBe(10);
  });

  it('does nothing for an unknown frame or a zero move, and refuses non-finite offsets', () => {
    const doc = new Y.Doc();
    const frame = addFrame(doc, { title: 'F', x: 0, y: 0, w: 300, h: 300 });
    expect(moveFrame(doc, 'nope', 5, 5)).toEqual([]);
    expect(moveFrame(doc, frame, 0, 0)).toEqual([]);
    expect(() => moveFrame(doc, frame, Number.NaN, 0)).toThrow(RangeError);
  });
});

describe('cardsInFrame', () => {
  it('counts a card by its centre', () => {
    const frame = { x: 0, y: 0, w: 100, h: 100 };
    expect(isCardInFrame({ x: 60, y: 60, w: 80, h: 80 }, frame)).toBe(true);
    expect(isCardInFrame({ x: 70, y: 70, w: 80, h: 80 }, frame)).toBe(false);
    const doc = new Y.Doc();
    const a = addCard(doc, { kind: 'note', x: 10, y: 10, w: 20, h: 20, ...author });
    addCard(doc, { kind: 'note', x: 500, y: 10, ...author });
    expect(cardsInFrame(frame, readCards(doc))).toEqual([a]);
  });
});

describe('templates', () => {
  it('retrospective has four columns in the board language', () => {
    expect(templateFrames('retrospective', 'en').map((f) => f.title)).toEqual(['Went well', 'Problems', 'Lessons', 'Actions']);
    expect(templateFrames('retrospective', 'nl').map((f) => f.title)).toEqual(['Ging goed', 'Problemen', 'Lessen', 'Acties']);
  });

  it('by-organisation has a success and a problem area per organisation and one shared lessons area', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'x', template: 'by-organisation', locale: 'en', organisations: [' Delft ', 'Zwolle', 'delft', ''] });
    const frames = readFrames(doc);
    expect(frames.map((f) => f.title)).toEqual([
      'Delft · Successes',
      'Delft · Problems',
      'Zwolle · Successes',
      'Zwolle · Problems',
      'Lessons (shared)',
    ]);
    // An organisation's areas share a column; the lessons area spans the height of both.
    const [ds, dp, zs, , lessons] = frames;
    expect(ds!.x).toBe(dp!.x);
    expect(dp!.y).toBeGreaterThan(ds!.y + ds!.h - 1);
    expect(zs!.x).toBeGreaterThan(ds!.x + ds!.w);
    expect(lessons!.h).toBe(dp!.y + dp!.h - ds!.y);
    expect(templateFrames('by-organisation', 'nl', ['A']).map((f) => f.title)).toEqual(['A · Successen', 'A · Problemen', 'Lessen (gedeeld)']);
  });
});
