import { describe, expect, it, vi } from 'vitest';
import { Selection } from './selection';

describe('Selection', () => {
  it('keeps the ids in the order they were selected, once each', () => {
    const selection = new Selection();
    selection.replace(['b', 'a', 'b']);
    expect(selection.ids).toEqual(['b', 'a']);
    expect(selection.size).toBe(2);
    expect(selection.has('a')).toBe(true);
    expect(selection.has('c')).toBe(false);
  });

  it('hands out the same set until the selection changes', () => {
    const selection = new Selection();
    const empty = selection.get();
    selection.replace([]);
    expect(selection.get()).toBe(empty);
    selection.replace(['a']);
    const one = selection.get();
    expect(one).not.toBe(empty);
    selection.replace(['a']);
    expect(selection.get()).toBe(one);
  });

  it('tells its listeners once per change, and not for the same selection again', () => {
    const selection = new Selection();
    const listener = vi.fn();
    const stop = selection.subscribe(listener);
    selection.replace(['a']);
    selection.replace(['a']);
    selection.replace(['a', 'b']);
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    selection.replace([]);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("tells a card's own listener only when that card goes in or out", () => {
    const selection = new Selection();
    const a = vi.fn();
    const b = vi.fn();
    selection.byId.subscribe('a', a);
    selection.byId.subscribe('b', b);
    selection.replace(['a']);
    selection.replace(['a', 'c']);
    selection.replace(['c']);
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).not.toHaveBeenCalled();
  });

  it('toggle puts one id in or out, the rest staying', () => {
    const selection = new Selection();
    selection.replace(['a', 'b']);
    selection.toggle('c');
    expect(selection.ids).toEqual(['a', 'b', 'c']);
    selection.toggle('a');
    expect(selection.ids).toEqual(['b', 'c']);
    expect(selection.byId.has('a')).toBe(false);
  });
});
