import { KeyedStore } from './stores';

/**
 * What this person has selected (cards and links, by id), held once for the canvas, the
 * outline, the toolbar, export and presence. Per-id subscriptions (`byId`) re-render one card
 * when its selection changes; `get` is a set that stays the same object until the selection
 * changes, for useSyncExternalStore.
 */
export class Selection {
  readonly byId = new KeyedStore<true>();
  private list: readonly string[] = [];
  private set: ReadonlySet<string> = new Set();

  /** The selected ids, in the order they were selected. */
  get ids(): readonly string[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  get = (): ReadonlySet<string> => this.set;

  has(id: string): boolean {
    return this.set.has(id);
  }

  subscribe = (listener: () => void): (() => void) => this.byId.subscribeAll(listener);

  replace(ids: readonly string[]): void {
    const unique = [...new Set(ids)];
    if (unique.length === this.list.length && unique.every((id, i) => id === this.list[i])) return;
    this.list = unique;
    this.set = new Set(unique);
    this.byId.replace(new Map(unique.map((id) => [id, true as const])));
  }

  /** In or out of the selection, the rest staying (Shift+click, Ctrl+click in the outline). */
  toggle(id: string): void {
    this.replace(this.set.has(id) ? this.list.filter((other) => other !== id) : [...this.list, id]);
  }
}
