import { describe, expect, it } from 'vitest';
import { isTypingTarget, nudgeOffset, shortcutOf } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('maps undo and redo on Ctrl and Cmd', () => {
    expect(shortcutOf(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(key('z', { metaKey: true }))).toBe('undo');
    expect(shortcutOf(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(key('z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutOf(key('z'))).toBeNull();
  });

  it('maps delete, edit and escape', () => {
    expect(shortcutOf(key('Delete'))).toBe('delete');
    expect(shortcutOf(key('Backspace'))).toBe('delete');
    expect(shortcutOf(key('Enter'))).toBe('edit');
    expect(shortcutOf(key('Escape'))).toBe('escape');
  });

  it('moves the selection with the arrow keys, further with Shift', () => {
    expect(nudgeOffset(shortcutOf(key('ArrowLeft'))!, false)).toEqual({ dx: -10, dy: 0 });
    expect(nudgeOffset(shortcutOf(key('ArrowDown', { shiftKey: true }))!, true)).toEqual({ dx: 0, dy: 50 });
    expect(nudgeOffset('undo', false)).toBeNull();
  });

  it('leaves keys typed into fields alone', () => {
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
