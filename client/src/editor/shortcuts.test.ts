import { describe, expect, it } from 'vitest';
import { isTypingTarget, nudgeOffset } from './shortcuts';

describe('shortcuts', () => {
  it('moves the selection with the arrow keys, further with Shift', () => {
    expect(nudgeOffset('ArrowLeft', false)).toEqual({ dx: -10, dy: 0 });
    expect(nudgeOffset('ArrowRight', false)).toEqual({ dx: 10, dy: 0 });
    expect(nudgeOffset('ArrowUp', true)).toEqual({ dx: 0, dy: -50 });
    expect(nudgeOffset('ArrowDown', true)).toEqual({ dx: 0, dy: 50 });
    expect(nudgeOffset('z', false)).toBeNull();
  });

  it('leaves keys typed into fields alone', () => {
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'select' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({})).toBe(false);
    expect(isTypingTarget('text')).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
