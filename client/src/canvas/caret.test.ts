import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { adjustCaret, type TextDeltaOp } from './caret';

describe('caret adjustment for remote changes', () => {
  it('moves right when text is inserted before the caret', () => {
    expect(adjustCaret(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
  });

  it('stays when text is inserted after or at the caret', () => {
    expect(adjustCaret(5, [{ retain: 7 }, { insert: 'abc' }])).toBe(5);
    expect(adjustCaret(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5);
  });

  it('moves left when text before it is deleted, never past the deletion start', () => {
    expect(adjustCaret(5, [{ delete: 2 }])).toBe(3);
    expect(adjustCaret(5, [{ retain: 3 }, { delete: 10 }])).toBe(3);
    expect(adjustCaret(5, [{ retain: 6 }, { delete: 10 }])).toBe(5);
  });

  it('handles several ops in one change', () => {
    expect(adjustCaret(6, [{ delete: 1 }, { retain: 2 }, { insert: 'xyz' }, { delete: 1 }])).toBe(7);
  });

  it('matches what a real Y.Text delta does to the text around the caret', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hello world');
    const caret = 6; // before "world"
    let delta: TextDeltaOp[] = [];
    text.observe((event) => {
      delta = event.delta as TextDeltaOp[];
    });
    doc.transact(() => {
      text.delete(0, 1);
      text.insert(0, 'J');
      text.insert(0, '>> ');
    });
    const next = adjustCaret(caret, delta);
    expect(text.toString().slice(next)).toBe('world');
  });
});
