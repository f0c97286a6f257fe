import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The part of Web Storage the app uses; tests pass a memory store. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const fallbacks = { local: memoryStore(), session: memoryStore() };

/**
 * The browser's local or session storage. Private modes and strict settings can make it throw
 * on access; then the app still works for this visit, it just forgets afterwards.
 */
export function browserStore(kind: 'local' | 'session'): KeyValueStore {
  try {
    const store = kind === 'local' ? window.localStorage : window.sessionStorage;
    const probe = '__benchlearn_probe__';
    store.setItem(probe, probe);
    store.removeItem(probe);
    return store;
  } catch {
    return fallbacks[kind];
  }
}

/** Reads JSON that this or an older version of the app wrote; anything else reads as null. */
export function readJson<S extends TSchema>(store: KeyValueStore, key: string, schema: S): Static<S> | null {
  const raw = store.getItem(key);
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return Value.Check(schema, value) ? (value as Static<S>) : null;
  } catch {
    return null;
  }
}

export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  try {
    store.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the app keeps working, it only forgets this across visits.
  }
}
