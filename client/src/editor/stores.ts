import { useSyncExternalStore } from 'react';

type Listener = () => void;

/** One value with listeners: local UI state that should not re-render the whole canvas. */
export class Signal<T> {
  private listeners = new Set<Listener>();
  constructor(private value: T) {}
  get = (): T => this.value;
  set(next: T): void {
    if (Object.is(next, this.value)) return;
    this.value = next;
    for (const listener of [...this.listeners]) listener();
  }
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/**
 * Values by key with listeners per key, so that a change to one card's entry (its selection,
 * a drag offset) re-renders that card only.
 */
export class KeyedStore<V> {
  private values = new Map<string, V>();
  private listeners = new Map<string, Set<Listener>>();
  private anyListeners = new Set<Listener>();

  constructor(private equals: (a: V, b: V) => boolean = Object.is) {}

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  get size(): number {
    return this.values.size;
  }

  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key);
    };
  }

  /** Listens to any change (a key added, removed or changed). */
  subscribeAll(listener: Listener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  /** Replaces all entries, notifying only the keys whose value changed. */
  replace(next: ReadonlyMap<string, V>): void {
    const changed: string[] = [];
    for (const key of this.values.keys()) {
      if (!next.has(key)) changed.push(key);
    }
    for (const [key, value] of next) {
      const prev = this.values.get(key);
      if (prev === undefined || !this.equals(prev, value)) changed.push(key);
    }
    if (changed.length === 0) return;
    this.values = new Map(next);
    this.notify(changed);
  }

  set(key: string, value: V | undefined): void {
    const prev = this.values.get(key);
    if (value === undefined) {
      if (!this.values.has(key)) return;
      this.values.delete(key);
    } else {
      if (prev !== undefined && this.equals(prev, value)) return;
      this.values.set(key, value);
    }
    this.notify([key]);
  }

  private notify(keys: readonly string[]): void {
    for (const key of keys) {
      const set = this.listeners.get(key);
      if (set) for (const listener of [...set]) listener();
    }
    for (const listener of [...this.anyListeners]) listener();
  }
}

export function useSignal<T>(signal: Signal<T>): T {
  return useSyncExternalStore(signal.subscribe, signal.get, signal.get);
}

export function useKeyed<V>(store: KeyedStore<V>, key: string): V | undefined {
  return useSyncExternalStore(
    (listener) => store.subscribe(key, listener),
    () => store.get(key),
    () => store.get(key),
  );
}

/** The keys of a store joined by spaces: a stable snapshot that changes when the set of keys does. */
export function useKeys<V>(store: KeyedStore<V>): string {
  const get = () => store.keys().join(' ');
  return useSyncExternalStore((listener) => store.subscribeAll(listener), get, get);
}

export interface Offset {
  dx: number;
  dy: number;
}

export const sameOffset = (a: Offset, b: Offset): boolean => a.dx === b.dx && a.dy === b.dy;
