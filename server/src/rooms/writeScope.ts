import * as Y from 'yjs';
import type { Role } from '@benchlearn/shared';

/**
 * The top-level types of the board an update would change, by name, or null when the update
 * refers to content that neither the document nor the update itself holds (it cannot be judged).
 *
 * Why: frames, the session (voting, timer, agenda, anonymous mode) and meta are the
 * facilitator's, and a Yjs update does not say which type it writes. An item names its parent
 * (a root type's name, or the id of the item holding the nested type) unless it was inserted
 * next to another item, in which case it shares that neighbour's parent; deletions name the
 * deleted items by id. Both are resolved against the room's document and the update itself.
 */
export function rootsTouched(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate = Y.decodeUpdate(update)): Set<string> | null {
  const { structs, ds } = decoded;
  const fresh = new Map<number, Y.Item[]>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = fresh.get(struct.id.client) ?? [];
    list.push(struct);
    fresh.set(struct.id.client, list);
  }
  const known = new Map<Y.Item, string | null>();

  /** The item at `id` in the update or the document; null when neither has it (or it was GC'd). */
  const itemAt = (id: Y.ID): Y.Item | null => {
    const inUpdate = findCovering(fresh.get(id.client), id.clock);
    if (inUpdate) return inUpdate;
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    const struct = Y.getItem(doc.store, id);
    return struct instanceof Y.Item ? struct : null;
  };

  const rootOfType = (type: Y.AbstractType<unknown>, depth: number): string | null => {
    if (type._item === null) {
      for (const [name, value] of doc.share) if (value === type) return name;
      return null;
    }
    return rootOf(type._item, depth + 1);
  };

  /** The name of the root type an item lives under. */
  const rootOf = (item: Y.Item, depth = 0): string | null => {
    if (depth > 10_000) return null;
    const cached = known.get(item);
    if (cached !== undefined) return cached;
    const parent: unknown = item.parent;
    let root: string | null = null;
    if (typeof parent === 'string') root = parent;
    else if (parent instanceof Y.AbstractType) root = rootOfType(parent, depth);
    else if (parent instanceof Y.ID) {
      const owner = itemAt(parent);
      root = owner ? rootOf(owner, depth + 1) : null;
    } else {
      const neighbour = (item.origin && itemAt(item.origin)) || (item.rightOrigin && itemAt(item.rightOrigin)) || null;
      root = neighbour ? rootOf(neighbour, depth + 1) : null;
    }
    known.set(item, root);
    return root;
  };

  const roots = new Set<string>();
  for (const list of fresh.values()) {
    for (const item of list) {
      const root = rootOf(item);
      if (root === null) return null;
      roots.add(root);
    }
  }
  // A sync message repeats every deletion its sender knows of: content already deleted (or
  // garbage-collected) here changes nothing and is skipped.
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      let clock = range.clock;
      const end = range.clock + range.len;
      while (clock < end) {
        const id = Y.createID(client, clock);
        const inUpdate = findCovering(fresh.get(client), clock);
        if (!inUpdate && clock >= Y.getState(doc.store, client)) return null;
        const struct = inUpdate ?? Y.getItem(doc.store, id);
        if (struct instanceof Y.Item && (inUpdate || !struct.deleted)) {
          const root = rootOf(struct);
          if (root === null) return null;
          roots.add(root);
        }
        clock = struct.id.clock + struct.length;
      }
    }
  }
  return roots;
}

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** The board's top-level types only a facilitator (or the server itself) may write. */
export const FACILITATOR_ROOTS: ReadonlySet<string> = new Set(['frames', 'session', 'meta']);

/** Whether a connection of this role may make this update: editors write cards and links only. */
export function withinRights(role: Role, doc: Y.Doc, update: Uint8Array, decoded?: DecodedUpdate): boolean {
  if (role === 'facilitator') return true;
  const roots = rootsTouched(doc, update, decoded);
  return roots !== null && ![...roots].some((root) => FACILITATOR_ROOTS.has(root));
}

/** The item of a client's run (in clock order) that covers `clock`, by binary search. */
function findCovering(items: Y.Item[] | undefined, clock: number): Y.Item | null {
  if (!items) return null;
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = items[mid]!;
    if (clock < item.id.clock) high = mid - 1;
    else if (clock >= item.id.clock + item.length) low = mid + 1;
    else return item;
  }
  return null;
}
