import { describe, expect, it } from 'vitest';
import { memoryStore, type KeyValueStore } from '../platform/storage';
import { rememberedOrg, rememberOrg } from './org';

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

describe('the remembered organisation', () => {
  it('remembers the last organisation given, trimmed, and forgets it when emptied', () => {
    const store = memoryStore();
    expect(rememberedOrg(store)).toBe('');
    rememberOrg(store, '  Gemeente Zwolle ');
    expect(rememberedOrg(store)).toBe('Gemeente Zwolle');
    rememberOrg(store, '   ');
    expect(rememberedOrg(store)).toBe('');
  });

  it('keeps it to 200 characters, also when something longer was stored', () => {
    const store = memoryStore({ 'benchlearn:organisation': 'x'.repeat(500) });
    expect(rememberedOrg(store)).toHaveLength(200);
    rememberOrg(store, 'y'.repeat(300));
    expect(rememberedOrg(store)).toBe('y'.repeat(200));
  });

  it('a blocked storage does not throw', () => {
    const store = blocked({ 'benchlearn:organisation': 'Old' });
    expect(() => rememberOrg(store, 'New')).not.toThrow();
    expect(() => rememberOrg(store, '')).not.toThrow();
    expect(rememberedOrg(store)).toBe('Old');
  });
});
