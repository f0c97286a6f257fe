import { describe, expect, it } from 'vitest';
import { addFrame, isCardInFrame, MIN_CARD_W } from '@benchlearn/shared';
import { actionsWithKeys } from './actions';
import { announcerOf, type Announcement } from './announcements';
import { cardCommandOf, frameChoices, linkChoices, MIN_FRAME_SIZE, moveToChosenFrame, RESIZE_STEP, resizeSelection, toggleLink } from './cardCommands';
import { handleKey } from './keys';
import { fakeCanvas, testEditor } from './testEditor';

const onCanvas = { canvasFocused: true, toolbarFocused: false };
const key = (name: string, mods: { shift?: boolean; alt?: boolean } = {}) => ({
  key: name,
  ctrlKey: false,
  metaKey: false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
  target: null,
  defaultPrevented: false,
  preventDefault() {},
});

function listening(editor: ReturnType<typeof testEditor>['editor']): Announcement[] {
  const heard: Announcement[] = [];
  const announcer = announcerOf(editor);
  announcer.subscribe((batch) => heard.push(...batch));
  announcer.start();
  return heard;
}

describe('"Link to…" from the keyboard', () => {
  it('K opens the list for the one selected card: lessons for a problem, the others for a lesson', () => {
    const { editor, add } = testEditor();
    const problem = add('problem', 0, 0);
    const lesson = add('lesson', 300, 0);
    const success = add('success', 0, 300);
    add('lesson', 300, 300);
    expect(handleKey(editor, key('k'), onCanvas)).toBeNull();
    editor.select([problem]);
    expect(handleKey(editor, key('k'), onCanvas)).toBe('link-to');
    expect(cardCommandOf(editor).get()).toEqual({ type: 'link', cardId: problem });
    expect(linkChoices(editor, problem).map((c) => c.card.kind)).toEqual(['lesson', 'lesson']);
    expect(linkChoices(editor, lesson).map((c) => c.card.id)).toEqual([problem, success]);
  });

  it('a choice links the two cards, and taken again takes the link back (said in the live region)', () => {
    const { editor, add } = testEditor();
    const heard = listening(editor);
    const lesson = add('lesson', 300, 0);
    const problem = add('problem', 0, 0);
    const [choice] = linkChoices(editor, lesson);
    toggleLink(editor, lesson, choice!);
    expect(editor.store.getLinks().map((l) => [l.from, l.to])).toEqual([[problem, lesson]]);
    const [linked] = linkChoices(editor, problem);
    expect(linked?.linkId).toBe(editor.store.getLinks()[0]!.id);
    toggleLink(editor, problem, linked!);
    expect(editor.store.getLinks()).toEqual([]);
    expect(heard.at(-1)).toMatchObject({ type: 'unlinked' });
    announcerOf(editor).stop();
  });
});

describe('"Move to frame…" from the keyboard', () => {
  it('Shift+M opens the list of frames in reading order; M alone still goes to the next frame', () => {
    const { editor, board, add } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    const right = addFrame(board, { title: 'Problems', x: 900, y: 0, w: 800, h: 600 });
    const left = addFrame(board, { title: 'Successes', x: 0, y: 0, w: 800, h: 600 });
    const card = add('problem', 100, 1000);
    editor.select([card]);
    expect(handleKey(editor, key('M', { shift: true }), onCanvas)).toBe('choose-frame');
    expect(cardCommandOf(editor).get()).toEqual({ type: 'move' });
    expect(frameChoices(editor).map((f) => f.id)).toEqual([left, right]);
    expect(handleKey(editor, key('m'), onCanvas)).toBe('move-to-frame');
  });

  it('a chosen frame takes the selected card into its next free slot, one undo step', () => {
    const { editor, board, add } = testEditor();
    const heard = listening(editor);
    const frame = addFrame(board, { title: 'Problems', x: 900, y: 0, w: 800, h: 600 });
    const card = add('problem', 100, 1000);
    editor.select([card]);
    moveToChosenFrame(editor, frame);
    const inFrame = () => isCardInFrame(editor.store.getCard(card)!, editor.store.getFrames()[0]!);
    expect(inFrame()).toBe(true);
    expect(heard.at(-1)).toEqual({ type: 'moved-to-frame', title: 'Problems' });
    editor.undo();
    expect(inFrame()).toBe(false);
    announcerOf(editor).stop();
  });
});

describe('resizing without dragging', () => {
  it('Alt+Shift+arrows grow (right, down) and shrink (left, up) the selected card, never below the smallest', () => {
    const { editor, add } = testEditor();
    const card = add('success', 10, 20);
    const { w, h } = editor.store.getCard(card)!;
    editor.select([card]);
    expect(handleKey(editor, key('ArrowRight', { shift: true, alt: true }), onCanvas)).toBe('resize');
    expect(editor.store.getCard(card)).toMatchObject({ x: 10, y: 20, w: w + RESIZE_STEP, h });
    handleKey(editor, key('ArrowDown', { shift: true, alt: true }), onCanvas);
    handleKey(editor, key('ArrowUp', { shift: true, alt: true }), onCanvas);
    expect(editor.store.getCard(card)).toMatchObject({ w: w + RESIZE_STEP, h });
    for (let i = 0; i < 40; i++) resizeSelection(editor, -RESIZE_STEP, 0, i * 1000);
    expect(editor.store.getCard(card)?.w).toBe(MIN_CARD_W);
    // Shift+arrow alone still nudges; Alt+arrow alone is the browser's.
    expect(handleKey(editor, key('ArrowRight', { shift: true }), onCanvas)).toBe('nudge');
    expect(handleKey(editor, key('ArrowRight', { alt: true }), onCanvas)).toBeNull();
  });

  it('a held key is one undo step', () => {
    const { editor, add } = testEditor();
    const card = add('success', 0, 0);
    const { w } = editor.store.getCard(card)!;
    editor.select([card]);
    resizeSelection(editor, RESIZE_STEP, 0, 1000);
    resizeSelection(editor, RESIZE_STEP, 0, 1100);
    expect(editor.store.getCard(card)?.w).toBe(w + 2 * RESIZE_STEP);
    editor.undo();
    expect(editor.store.getCard(card)?.w).toBe(w);
  });

  it("resizes a facilitator's selected frame when no card is selected", () => {
    const { editor, board } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    const frame = addFrame(board, { title: 'F', x: 0, y: 0, w: 200, h: 200 });
    fake.selectFrame(frame);
    expect(handleKey(editor, key('ArrowLeft', { shift: true, alt: true }), onCanvas)).toBeNull();
    editor.facilitator.set(true);
    handleKey(editor, key('ArrowLeft', { shift: true, alt: true }), onCanvas);
    expect(editor.store.getFrames()[0]).toMatchObject({ w: 200 - RESIZE_STEP, h: 200 });
    for (let i = 0; i < 10; i++) resizeSelection(editor, 0, -RESIZE_STEP, i * 1000);
    expect(editor.store.getFrames()[0]?.h).toBe(MIN_FRAME_SIZE);
  });

  it('the shortcut list shows the new keys', () => {
    const listed = actionsWithKeys().map((action) => action.id);
    expect(listed).toEqual(expect.arrayContaining(['link-to', 'choose-frame', 'resize']));
  });
});
