import { describe, expect, it } from 'vitest';
import { boardMaps } from '@benchlearn/shared';
import { actionOfKey, handleKey, keyContext, matches, type KeyEventLike } from './keys';
import { fakeCanvas, testEditor } from './testEditor';

const canvas = { canvasFocused: true, toolbarFocused: false };
const toolbar = { canvasFocused: false, toolbarFocused: true };
const elsewhere = { canvasFocused: false, toolbarFocused: false };

function press(key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}, target: unknown = null) {
  const event = {
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
    target,
    defaultPrevented: false,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event satisfies KeyEventLike;
}

describe('key bindings', () => {
  it('Ctrl or Cmd with Z undoes, with Shift redoes; Ctrl+Y redoes', () => {
    expect(actionOfKey(press('z', { ctrlKey: true }))?.id).toBe('undo');
    expect(actionOfKey(press('Z', { metaKey: true }))?.id).toBe('undo');
    expect(actionOfKey(press('z', { ctrlKey: true, shiftKey: true }))?.id).toBe('redo');
    expect(actionOfKey(press('y', { ctrlKey: true }))?.id).toBe('redo');
    expect(actionOfKey(press('y', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('Alt with anything, and Ctrl with a key that has no binding, mean nothing', () => {
    expect(actionOfKey(press('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(actionOfKey(press('Delete', { altKey: true }))).toBeNull();
    expect(actionOfKey(press('q', { ctrlKey: true }))).toBeNull();
    expect(actionOfKey(press('ArrowLeft', { ctrlKey: true }))).toBeNull();
  });

  it('names the plain keys: Delete and Backspace, Enter, Escape, the arrows, ? and Ctrl+A', () => {
    expect(actionOfKey(press('Delete'))?.id).toBe('delete-selection');
    expect(actionOfKey(press('Backspace'))?.id).toBe('delete-selection');
    expect(actionOfKey(press('Enter'))?.id).toBe('edit-card');
    expect(actionOfKey(press('Enter', { shiftKey: true }))).toBeNull();
    expect(actionOfKey(press('Escape'))?.id).toBe('cancel');
    for (const arrow of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']) {
      expect(actionOfKey(press(arrow))?.id).toBe('card-step');
      expect(actionOfKey(press(arrow, { shiftKey: true }))?.id).toBe('nudge');
    }
    expect(actionOfKey(press('?', { shiftKey: true }))?.id).toBe('show-shortcuts');
    expect(actionOfKey(press('a', { ctrlKey: true }))?.id).toBe('select-all');
    expect(actionOfKey(press('a'))).toBeNull();
  });

  it('a binding without a shift rule takes either; one with a rule only that', () => {
    expect(matches({ key: '?' }, press('?', { shiftKey: true }))).toBe(true);
    expect(matches({ key: '?' }, press('?'))).toBe(true);
    expect(matches({ key: 'z', mod: true, shift: false }, press('z', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });
});

describe('handleKey', () => {
  it('Shift+arrow keys held down nudge the selected cards as one undo step', () => {
    const { editor, add, board } = testEditor();
    const id = add('success', 0, 0);
    editor.select([id]);
    const first = press('ArrowRight', { shiftKey: true });
    expect(handleKey(editor, first, canvas)).toBe('nudge');
    expect(first.prevented).toBe(true);
    handleKey(editor, press('ArrowRight', { shiftKey: true }), canvas);
    handleKey(editor, press('ArrowDown', { shiftKey: true }), canvas);
    expect(boardMaps(board).cards.get(id)?.get('x')).toBe(20);
    expect(boardMaps(board).cards.get(id)?.get('y')).toBe(10);
    editor.undo();
    expect(boardMaps(board).cards.get(id)?.get('x')).toBe(0);
    expect(editor.canUndo.get()).toBe(false);
  });

  it('Delete removes the selected frame when no card is selected, else the selection', () => {
    const { editor, add, board } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    fake.selectFrame('f1');
    expect(handleKey(editor, press('Delete'), canvas)).toBe('delete-selection');
    expect(fake.calls).toContain('delete frame f1');
    const id = add();
    fake.selectFrame('f2');
    editor.select([id]);
    handleKey(editor, press('Backspace'), toolbar);
    expect(fake.calls).not.toContain('delete frame f2');
    expect(boardMaps(board).cards.has(id)).toBe(false);
  });

  it('Delete, Enter and arrows act only when the canvas has the focus (the outline keeps its keys)', () => {
    const { editor, add, board } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    const id = add();
    editor.select([id]);
    expect(handleKey(editor, press('Delete'), elsewhere)).toBeNull();
    expect(handleKey(editor, press('Enter'), toolbar)).toBeNull();
    expect(handleKey(editor, press('ArrowLeft'), toolbar)).toBeNull();
    expect(boardMaps(board).cards.has(id)).toBe(true);
  });

  it('keys typed into a field belong to the field', () => {
    const { editor, add } = testEditor();
    editor.select([add()]);
    const field = { tagName: 'textarea' };
    expect(handleKey(editor, press('Delete', {}, field), canvas)).toBeNull();
    expect(handleKey(editor, press('?', { shiftKey: true }, { isContentEditable: true }), canvas)).toBeNull();
    expect(editor.selection.size).toBe(1);
  });

  it('a key already handled (defaultPrevented) is left alone', () => {
    const { editor, add } = testEditor();
    editor.select([add()]);
    const event = { ...press('Escape'), defaultPrevented: true };
    expect(handleKey(editor, event, canvas)).toBeNull();
    expect(editor.selection.size).toBe(1);
  });

  it('Escape asks the canvas to stop linking and, when it has the focus, to clear the selection', () => {
    const { editor } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    const escape = press('Escape');
    handleKey(editor, escape, canvas);
    handleKey(editor, press('Escape'), elsewhere);
    expect(fake.calls).toEqual(['cancel true', 'cancel false']);
    // The page sees Escape too: an open dialog closes on it.
    expect(escape.prevented).toBe(false);
  });

  it('without a canvas, Escape clears the selection itself', () => {
    const { editor, add } = testEditor();
    editor.select([add()]);
    handleKey(editor, press('Escape'), canvas);
    expect(editor.selection.size).toBe(0);
  });

  it('Enter opens the editor of the one selected card; Ctrl+A selects every card', () => {
    const { editor, add } = testEditor();
    const fake = fakeCanvas();
    editor.canvas.set(fake.port);
    const [a, b, c] = [add('success', 0, 0), add('note', 300, 0), add('lesson', 600, 0)];
    editor.select([b]);
    handleKey(editor, press('Enter'), canvas);
    expect(fake.calls).toEqual([`edit ${b}`]);
    handleKey(editor, press('a', { ctrlKey: true }), canvas);
    expect([...editor.selection.ids].sort()).toEqual([a, b, c].sort());
    // Two cards: Enter has nothing to edit.
    expect(handleKey(editor, press('Enter'), canvas)).toBeNull();
  });

  it('undo works from anywhere on the page, but not on a read-only board', () => {
    const { editor, add, board } = testEditor();
    editor.addCard('note');
    expect(handleKey(editor, press('z', { ctrlKey: true }), elsewhere)).toBe('undo');
    expect(boardMaps(board).cards.size).toBe(0);
    expect(handleKey(editor, press('z', { ctrlKey: true, shiftKey: true }), elsewhere)).toBe('redo');
    expect(boardMaps(board).cards.size).toBe(1);
    editor.setReadOnly(true);
    add();
    expect(handleKey(editor, press('z', { ctrlKey: true }), elsewhere)).toBeNull();
  });

  it('? opens the shortcut list from anywhere', () => {
    const { editor } = testEditor();
    expect(handleKey(editor, press('?', { shiftKey: true }), elsewhere)).toBe('show-shortcuts');
    expect(editor.shortcutsOpen.get()).toBe(true);
  });
});

describe('keyContext', () => {
  /** A stand-in DOM: the canvas element inside a root that also holds the toolbar. */
  function dom(active: 'canvas' | 'toolbar' | 'outline' | 'body' | 'none') {
    const body = { name: 'body' };
    const canvasChild = { name: 'canvas child' };
    const toolbarButton = { name: 'toolbar button' };
    const outlineRow = { name: 'outline row' };
    const focused = { canvas: canvasChild, toolbar: toolbarButton, outline: outlineRow, body, none: null }[active];
    const ownerDocument = { activeElement: focused, body };
    const root = { contains: (node: unknown) => node === canvasChild || node === toolbarButton };
    const container = { ownerDocument, parentElement: root, contains: (node: unknown) => node === canvasChild };
    return container as unknown as HTMLElement;
  }

  it('the canvas, or nothing, or the page body focused: the canvas keys work', () => {
    expect(keyContext(dom('canvas'))).toEqual({ canvasFocused: true, toolbarFocused: false });
    expect(keyContext(dom('none'))).toEqual({ canvasFocused: true, toolbarFocused: false });
    expect(keyContext(dom('body'))).toEqual({ canvasFocused: true, toolbarFocused: false });
  });

  it('the toolbar focused: the toolbar, not the canvas', () => {
    expect(keyContext(dom('toolbar'))).toEqual({ canvasFocused: false, toolbarFocused: true });
  });

  it('the outline focused: neither (the outline keeps its own keys)', () => {
    expect(keyContext(dom('outline'))).toEqual({ canvasFocused: false, toolbarFocused: false });
  });

  it('no canvas mounted: as if nothing had the focus', () => {
    expect(keyContext(null)).toEqual({ canvasFocused: true, toolbarFocused: false });
  });
});
