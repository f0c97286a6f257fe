import { describe, expect, it, vi } from 'vitest';
import { KeyedStore, Signal, sameOffset } from './stores';

describe('Signal', () => {
  it('holds a value and tells its listeners when it changes, not when set to the same', () => {
    const signal = new Signal(1);
    const listener = vi.fn();
    const stop = signal.subscribe(listener);
    signal.set(1);
    signal.set(2);
    expect(signal.get()).toBe(2);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    signal.set(3);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('compares by identity: a new object with the same content is a change', () => {
    const signal = new Signal({ x: 1 });
    const listener = vi.fn();
    signal.subscribe(listener);
    signal.set({ x: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a listener that unsubscribes while being told does not stop the others', () => {
    const signal = new Signal(0);
    const calls: string[] = [];
    const stopA = signal.subscribe(() => {
      calls.push('a');
      stopA();
    });
    signal.subscribe(() => calls.push('b'));
    signal.set(1);
    signal.set(2);
    expect(calls).toEqual(['a', 'b', 'b']);
  });
});

describe('KeyedStore', () => {
  it("tells a key's listeners only about that key, and the all-listeners about any", () => {
    const store = new KeyedStore<number>();
    const a = vi.fn();
    const any = vi.fn();
    store.subscribe('a', a);
    store.subscribeAll(any);
    store.set('a', 1);
    store.set('b', 2);
    store.set('a', 1);
    expect(a).toHaveBeenCalledTimes(1);
    expect(any).toHaveBeenCalledTimes(2);
    expect(store.keys()).toEqual(['a', 'b']);
    expect(store.size).toBe(2);
  });

  it('removes a key when set to undefined, and only tells if it was there', () => {
    const store = new KeyedStore<number>();
    const any = vi.fn();
    store.subscribeAll(any);
    store.set('a', undefined);
    expect(any).not.toHaveBeenCalled();
    store.set('a', 1);
    store.set('a', undefined);
    expect(store.has('a')).toBe(false);
    expect(any).toHaveBeenCalledTimes(2);
  });

  it('replace tells only the keys that came, went or changed', () => {
    const store = new KeyedStore<{ dx: number; dy: number }>(sameOffset);
    store.replace(
      new Map([
        ['a', { dx: 1, dy: 1 }],
        ['b', { dx: 2, dy: 2 }],
      ]),
    );
    const a = vi.fn();
    const b = vi.fn();
    const c = vi.fn();
    store.subscribe('a', a);
    store.subscribe('b', b);
    store.subscribe('c', c);
    store.replace(
      new Map([
        ['a', { dx: 1, dy: 1 }],
        ['c', { dx: 3, dy: 3 }],
      ]),
    );
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    expect(c).toHaveBeenCalledTimes(1);
    expect(store.get('c')).toEqual({ dx: 3, dy: 3 });
  });

  it('replace with the same entries tells nobody', () => {
    const store = new KeyedStore<string>();
    store.replace(new Map([['a', 'red']]));
    const any = vi.fn();
    store.subscribeAll(any);
    store.replace(new Map([['a', 'red']]));
    expect(any).not.toHaveBeenCalled();
  });

  it('a key listener unsubscribed is forgotten, and the others of that key still hear', () => {
    const store = new KeyedStore<number>();
    const first = vi.fn();
    const second = vi.fn();
    const stop = store.subscribe('a', first);
    store.subscribe('a', second);
    stop();
    store.set('a', 1);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('sameOffset compares offsets by value', () => {
    expect(sameOffset({ dx: 1, dy: 2 }, { dx: 1, dy: 2 })).toBe(true);
    expect(sameOffset({ dx: 1, dy: 2 }, { dx: 2, dy: 1 })).toBe(false);
  });
});
