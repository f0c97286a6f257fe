import { afterEach, describe, expect, it, vi } from 'vitest';
import { Type } from '@sinclair/typebox';
import { browserStore, memoryStore, readJson, writeJson, type KeyValueStore } from './storage';

const Saved = Type.Object({ name: Type.String(), count: Type.Integer() });

/** A store whose every write throws, as a full or blocked storage does. */
function blocked(initial: Record<string, string> = {}): KeyValueStore {
  const inner = memoryStore(initial);
  return {
    getItem: inner.getItem,
    setItem: () => {
      throw new DOMException('quota', 'QuotaExceededError');
    },
    removeItem: () => {
      throw new DOMException('blocked', 'SecurityError');
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('JSON in storage', () => {
  it('reads back what it wrote', () => {
    const store = memoryStore();
    writeJson(store, 'k', { name: 'Ann', count: 2 });
    expect(readJson(store, 'k', Saved)).toEqual({ name: 'Ann', count: 2 });
  });

  it('reads anything else as null: missing, not JSON, or another shape', () => {
    const store = memoryStore({ broken: '{"name":', other: JSON.stringify({ name: 'Ann', count: 'two' }), list: '[]' });
    expect(readJson(store, 'missing', Saved)).toBeNull();
    expect(readJson(store, 'broken', Saved)).toBeNull();
    expect(readJson(store, 'other', Saved)).toBeNull();
    expect(readJson(store, 'list', Saved)).toBeNull();
  });

  it('a full or blocked storage does not break the app', () => {
    const store = blocked();
    expect(() => writeJson(store, 'k', { name: 'Ann', count: 1 })).not.toThrow();
    expect(readJson(store, 'k', Saved)).toBeNull();
  });
});

describe('browserStore', () => {
  it('uses the browser storage when it works', () => {
    const local = memoryStore();
    const session = memoryStore();
    vi.stubGlobal('window', { localStorage: local, sessionStorage: session });
    expect(browserStore('local')).toBe(local);
    expect(browserStore('session')).toBe(session);
    // The probe leaves nothing behind.
    expect(local.getItem('__benchlearn_probe__')).toBeNull();
  });

  it('falls back to memory for this visit when storage throws, one per kind', () => {
    vi.stubGlobal('window', { localStorage: blocked(), sessionStorage: blocked() });
    const local = browserStore('local');
    local.setItem('k', 'v');
    expect(browserStore('local').getItem('k')).toBe('v');
    expect(browserStore('session').getItem('k')).toBeNull();
  });
});
