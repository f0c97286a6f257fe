import * as Y from 'yjs';

/**
 * Pending content: structs (and deletions) Yjs received before what they build on. It keeps
 * them aside in `doc.store` (`pendingStructs`, `pendingDs`), retries them with every update,
 * and Y.encodeStateAsUpdate sends them to every joiner. An honest client never sends any (all
 * it has came through the server, or it made it), so the rooms cap their bytes
 * (MAX_PENDING_BYTES, issue 11 case 5). Yjs exposes no API for them; these helpers are the one
 * place that reaches into the store.
 */
interface PendingStructs {
  missing: Map<number, number>;
  update: Uint8Array;
}

interface PendingStore {
  pendingStructs: PendingStructs | null;
  pendingDs: Uint8Array | null;
}

function pendingStore(doc: Y.Doc): PendingStore {
  return doc.store as unknown as PendingStore;
}

/** Bytes of the document's pending structs and deletions (as Yjs keeps them, v2-encoded). */
export function pendingBytes(doc: Y.Doc): number {
  const store = pendingStore(doc);
  return (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0);
}

/** The document's pending content as it is now, to be put back by restorePending. */
export interface SavedPending {
  structs: PendingStructs | null;
  ds: Uint8Array | null;
}

export function savePending(doc: Y.Doc): SavedPending {
  const store = pendingStore(doc);
  // Yjs merges into `pendingStructs.missing` in place; the update bytes it replaces, never edits.
  const structs = store.pendingStructs ? { missing: new Map(store.pendingStructs.missing), update: store.pendingStructs.update } : null;
  return { structs, ds: store.pendingDs };
}

/** Whether the pending content differs from what was saved (an update added to it or used it). */
export function pendingChanged(doc: Y.Doc, saved: SavedPending): boolean {
  const store = pendingStore(doc);
  return store.pendingDs !== saved.ds || (store.pendingStructs?.update ?? null) !== (saved.structs?.update ?? null);
}

export function restorePending(doc: Y.Doc, saved: SavedPending): void {
  const store = pendingStore(doc);
  store.pendingStructs = saved.structs ? { missing: new Map(saved.structs.missing), update: saved.structs.update } : null;
  store.pendingDs = saved.ds;
}

/** Forgets every pending struct and deletion; returns their bytes. */
export function dropPending(doc: Y.Doc): number {
  const bytes = pendingBytes(doc);
  const store = pendingStore(doc);
  store.pendingStructs = null;
  store.pendingDs = null;
  return bytes;
}

/** Y.encodeStateAsUpdate without the pending content (what a snapshot or a repair row holds). */
export function encodeWithoutPending(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const saved = savePending(doc);
  dropPending(doc);
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    restorePending(doc, saved);
  }
}
