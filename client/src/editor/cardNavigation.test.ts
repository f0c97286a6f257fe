import { describe, expect, it } from 'vitest';
import { addFrame, isCardInFrame } from '@benchlearn/shared';
import { announcerOf, type Announcement } from './announcements';
import { readingOrder, stepCardFocus, stepFrom } from './cardNavigation';
import { handleKey } from './keys';
import { fakeCanvas, testEditor } from './testEditor';

const onCanvas = { canvasFocused: true, toolbarFocused: false };
const key = (name: string) => ({
  key: name,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  target: null,
  defaultPrevented: false,
  preventDefault() {},
});

describe('the keyboard goes from card to card in reading order', () => {
  it('reads rows top to bottom, each left to right (a slightly lower card in the same row)', () => {
    const { editor, add } = testEditor();
    const c = add('note', 0, 400);
    const b = add('problem', 300, 20);
    const a = add('success', 0, 0);
    expect(readingOrder(editor.store.getCards()).map((card) => card.id)).toEqual([a, b, c]);
  });

  it('starts at the first (or last) card, stops at the ends', () => {
    const { editor, add } = testEditor();
    const a = add('success', 0, 0);
    const b = add('problem', 300, 0);
    const order = readingOrder(editor.store.getCards());
    expect(stepFrom(order, null, 1)?.id).toBe(a);
    expect(stepFrom(order, null, -1)?.id).toBe(b);
    expect(stepFrom(order, b, 1)?.id).toBe(b);
    expect(stepFrom(order, a, -1)?.id).toBe(a);
    expect(stepFrom([], null, 1)).toBeNull();
  });

  it('arrows on the canvas select the next card, bring it into view and say it', () => {
    const { editor, add } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    const a = add('success', 0, 0);
    const b = add('problem', 300, 0);
    const heard: Announcement[] = [];
    const announcer = announcerOf(editor);
    announcer.subscribe((batch) => heard.push(...batch));
    announcer.start();
    expect(handleKey(editor, key('ArrowRight'), onCanvas)).toBe('card-step');
    expect(editor.selectedCardIds()).toEqual([a]);
    handleKey(editor, key('ArrowDown'), onCanvas);
    expect(editor.selectedCardIds()).toEqual([b]);
    expect(fake.calls).toEqual([`focus ${a}`, `focus ${b}`]);
    stepCardFocus(editor, -1);
    expect(editor.selectedCardIds()).toEqual([a]);
    expect(heard.at(-2)).toEqual({ type: 'card-focused', kind: 'problem', text: '', index: 2, count: 2 });
    announcer.stop();
  });
});

describe('the keyboard moves cards into frames', () => {
  it('M sends the selected cards to the next frame in reading order, then the next, and says which', () => {
    const { editor, board, add } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    const left = addFrame(board, { title: 'Successes', x: 0, y: 0, w: 800, h: 600 });
    const right = addFrame(board, { title: 'Problems', x: 900, y: 0, w: 800, h: 600 });
    const card = add('problem', 100, 1000);
    editor.select([card]);
    const heard: Announcement[] = [];
    const announcer = announcerOf(editor);
    announcer.subscribe((batch) => heard.push(...batch));
    announcer.start();
    const frameOf = () => editor.store.getFrames().find((frame) => isCardInFrame(editor.store.getCard(card)!, frame))?.id;
    expect(frameOf()).toBeUndefined();
    expect(handleKey(editor, key('m'), onCanvas)).toBe('move-to-frame');
    expect(frameOf()).toBe(left);
    expect(heard.at(-1)).toEqual({ type: 'moved-to-frame', title: 'Successes' });
    handleKey(editor, key('m'), onCanvas);
    expect(frameOf()).toBe(right);
    handleKey(editor, key('m'), onCanvas);
    expect(frameOf()).toBe(left);
    // One undo step each.
    editor.undo();
    expect(frameOf()).toBe(right);
    announcer.stop();
  });
});
