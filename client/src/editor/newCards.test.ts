import { describe, expect, it } from 'vitest';
import { addCard, addFrame, KIND_COLORS, readCards, type Card } from '@benchlearn/shared';
import { fakeCanvas, testEditor } from './testEditor';
import {
  addAndEdit,
  addCopies,
  clipboardCards,
  copyCards,
  newCardSpot,
  nextPasteOffset,
  PASTE_STEP,
  pasteCopies,
  presenceCenter,
  selectedCards,
} from './newCards';

const SIZE = { w: 200, h: 120 };

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('newCardSpot', () => {
  it('puts a card in the first free slot of the frame in its kind colour', () => {
    const { board, editor } = testEditor();
    addFrame(board, { title: 'Problems', x: 1000, y: 500, w: 800, h: 600, color: KIND_COLORS.problem });
    addFrame(board, { title: 'Successes', x: 0, y: 0, w: 800, h: 600, color: KIND_COLORS.success });
    const context = { frames: editor.store.getFrames(), cards: editor.store.getCards(), center: { x: -5000, y: -5000 } };
    // Inside the frame's title strip (72) and side margin (24), not at the view's middle.
    expect(newCardSpot(context, 'problem', SIZE)).toEqual({ x: 1024, y: 572 });
    expect(newCardSpot(context, 'success', SIZE)).toEqual({ x: 24, y: 72 });
  });

  it("during an agenda phase, a card of a kind without a frame goes to the phase's area", () => {
    const { board, editor } = testEditor();
    addFrame(board, { title: 'Successes', x: 0, y: 0, w: 800, h: 600, color: KIND_COLORS.success });
    addFrame(board, { title: 'Problems', x: 1000, y: 0, w: 800, h: 600, color: KIND_COLORS.problem });
    const context = { frames: editor.store.getFrames(), cards: editor.store.getCards(), center: { x: -5000, y: -5000 } };
    // "Collect problems": problems and notes; the note lands in the Problems frame, not at the view.
    expect(newCardSpot({ ...context, phaseKinds: ['problem', 'note'] }, 'note', SIZE)).toEqual({ x: 1024, y: 72 });
    // A kind with a frame of its own keeps it; outside a phase a note goes to the view.
    expect(newCardSpot({ ...context, phaseKinds: ['problem', 'note'] }, 'success', SIZE)).toEqual({ x: 24, y: 72 });
    expect(newCardSpot({ ...context, phaseKinds: null }, 'note', SIZE)).toEqual({ x: -5100, y: -5060 });
  });

  it('takes the next slot in reading order when the first one is taken', () => {
    const { board, editor } = testEditor();
    addFrame(board, { title: 'Problems', x: 0, y: 0, w: 800, h: 600, color: KIND_COLORS.problem });
    addCard(board, { kind: 'problem', x: 24, y: 72, w: SIZE.w, h: SIZE.h, authorId: 'u9', authorName: 'Zoe' });
    const spot = newCardSpot({ frames: editor.store.getFrames(), cards: editor.store.getCards(), center: null }, 'problem', SIZE);
    expect(spot).toEqual({ x: 24 + SIZE.w + 16, y: 72 });
  });

  it('prefers the frame of the kind whose title names the organisation', () => {
    const { board, editor } = testEditor();
    addFrame(board, { title: 'Problems, Gemeente Ede', x: 0, y: 0, w: 800, h: 600, color: KIND_COLORS.problem });
    addFrame(board, { title: 'Problems, Gemeente Zwolle', x: 0, y: 1000, w: 800, h: 600, color: KIND_COLORS.problem });
    const context = { frames: editor.store.getFrames(), cards: [], center: null };
    expect(newCardSpot(context, 'problem', SIZE, 'gemeente zwolle')).toEqual({ x: 24, y: 1072 });
    expect(newCardSpot(context, 'problem', SIZE)).toEqual({ x: 24, y: 72 });
  });

  it('without a frame for the kind: centred on the view, beside the cards already there', () => {
    const { board, editor } = testEditor();
    addFrame(board, { title: 'Successes', x: 5000, y: 5000, w: 800, h: 600, color: KIND_COLORS.success });
    const center = { x: 500, y: 400 };
    const empty = { frames: editor.store.getFrames(), cards: [], center };
    expect(newCardSpot(empty, 'note', SIZE)).toEqual({ x: 400, y: 340 });

    addCard(board, { kind: 'note', x: 400, y: 340, w: SIZE.w, h: SIZE.h, authorId: 'u9', authorName: 'Zoe' });
    const cards = editor.store.getCards();
    const spot = newCardSpot({ ...empty, cards }, 'note', SIZE);
    expect(overlaps({ ...spot, ...SIZE }, cards[0]!)).toBe(false);
    // Still near the middle of the view: within one ring of cards.
    expect(Math.abs(spot.x - 400)).toBeLessThanOrEqual(SIZE.w + 24);
    expect(Math.abs(spot.y - 340)).toBeLessThanOrEqual(SIZE.h + 24);
  });

  it('without a view: at the origin', () => {
    expect(newCardSpot({ frames: [], cards: [], center: null }, 'lesson', SIZE)).toEqual({ x: 0, y: 0 });
  });
});

describe('presenceCenter', () => {
  it('is the middle of a presence viewport', () => {
    expect(presenceCenter({ x: 100, y: 50, width: 400, height: 300 })).toEqual({ x: 300, y: 200 });
  });

  it('is null for anything that is not a usable viewport (presence comes from other browsers)', () => {
    expect(presenceCenter(null)).toBeNull();
    expect(presenceCenter(undefined)).toBeNull();
    expect(presenceCenter('0,0,10,10')).toBeNull();
    expect(presenceCenter({ x: 0, y: 0, width: 10 })).toBeNull();
    expect(presenceCenter({ x: '0', y: 0, width: 10, height: 10 })).toBeNull();
    expect(presenceCenter({ x: Number.NaN, y: 0, width: 10, height: 10 })).toBeNull();
    expect(presenceCenter({ x: 0, y: Infinity, width: 10, height: 10 })).toBeNull();
    expect(presenceCenter({ x: 0, y: 0, width: 0, height: 10 })).toBeNull();
    expect(presenceCenter({ x: 0, y: 0, width: -5, height: 10 })).toBeNull();
  });
});

describe('copy and paste', () => {
  it('copies what a paste makes again, not votes, author or stacking', () => {
    const { board, editor } = testEditor();
    addCard(board, { kind: 'problem', x: 10, y: 20, text: 'Late trains', org: 'NS', authorId: 'u9', authorName: 'Zoe' });
    addCard(board, { kind: 'note', x: 30, y: 40, text: 'Ask again', authorId: 'u9', authorName: 'Zoe' });
    const cards = editor.store.getCards();
    copyCards(cards);
    const copied = clipboardCards();
    expect(copied).toEqual([
      { kind: 'problem', text: 'Late trains', x: 10, y: 20, w: cards[0]!.w, h: cards[0]!.h, org: 'NS' },
      { kind: 'note', text: 'Ask again', x: 30, y: 40, w: cards[1]!.w, h: cards[1]!.h },
    ]);
  });

  it('copying nothing keeps the clipboard', () => {
    const { board, editor } = testEditor();
    addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Keep me', authorId: 'u9', authorName: 'Zoe' });
    copyCards(editor.store.getCards());
    copyCards([]);
    expect(clipboardCards().map((card) => card.text)).toEqual(['Keep me']);
  });

  it('each paste of the same copy lands a step further; a new copy starts again', () => {
    const { board, editor } = testEditor();
    addCard(board, { kind: 'lesson', x: 0, y: 0, authorId: 'u9', authorName: 'Zoe' });
    copyCards(editor.store.getCards());
    expect(nextPasteOffset()).toBe(PASTE_STEP);
    expect(nextPasteOffset()).toBe(2 * PASTE_STEP);
    copyCards(editor.store.getCards());
    expect(nextPasteOffset()).toBe(PASTE_STEP);
  });

  it('addCopies adds each card moved by the offset, by the new author, on top', () => {
    const { board } = testEditor();
    const original = addCard(board, { kind: 'success', x: 100, y: 100, text: 'Buddy system', authorId: 'u9', authorName: 'Zoe' });
    const ids = addCopies(board, [{ kind: 'success', text: 'Buddy system', x: 100, y: 100, w: 240, h: 160 }], { authorId: 'u1', authorName: 'Ann' }, 32);
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toBe(original);
    const copy = readCards(board).find((card: Card) => card.id === ids[0])!;
    expect(copy).toMatchObject({ kind: 'success', text: 'Buddy system', x: 132, y: 132, authorId: 'u1', authorName: 'Ann' });
    const originalCard = readCards(board).find((card: Card) => card.id === original)!;
    expect(copy.z > originalCard.z).toBe(true);
  });

  it('pasteCopies is one undo step and selects the new cards', () => {
    const { board, editor } = testEditor();
    addCard(board, { kind: 'note', x: 0, y: 0, text: 'One', authorId: 'u9', authorName: 'Zoe' });
    addCard(board, { kind: 'note', x: 300, y: 0, text: 'Two', authorId: 'u9', authorName: 'Zoe' });
    copyCards(editor.store.getCards());
    pasteCopies(editor, clipboardCards(), 32);
    const selected = selectedCards(editor);
    expect(selected.map((card) => [card.text, card.x, card.y, card.authorId])).toEqual([
      ['One', 32, 32, 'u1'],
      ['Two', 332, 32, 'u1'],
    ]);
    expect(readCards(board)).toHaveLength(4);
    editor.undo();
    expect(readCards(board)).toHaveLength(2);
  });
});

describe('addAndEdit', () => {
  it('adds a card and opens its editor at once', () => {
    const { editor } = testEditor();
    const { port, calls } = fakeCanvas();
    editor.canvas.set(port);
    addAndEdit(editor, 'problem');
    const [card] = editor.store.getCards();
    expect(card?.kind).toBe('problem');
    expect(calls).toEqual([`edit ${card!.id}`]);
  });

  it('brings the new card on screen (reveal), unlike opening an existing card', () => {
    const { editor } = testEditor();
    const { port } = fakeCanvas();
    const opened: [string, boolean | undefined][] = [];
    editor.canvas.set({ ...port, openEditor: (id, reveal) => void opened.push([id, reveal]) });
    addAndEdit(editor, 'lesson');
    expect(opened).toEqual([[editor.store.getCards()[0]!.id, true]]);
  });

  it('on a read-only board it adds nothing and gives the canvas the focus back', () => {
    const { editor } = testEditor();
    const { port, calls } = fakeCanvas();
    editor.canvas.set(port);
    editor.setReadOnly(true);
    addAndEdit(editor, 'problem');
    expect(editor.store.getCards()).toHaveLength(0);
    expect(calls).toEqual(['focus canvas']);
  });
});
