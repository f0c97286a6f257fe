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

/** The update of no structs and no deletions: applying it makes Yjs retry what is pending. */
const NOTHING = Uint8Array.of(0, 0);

/** How applying one update with the pending content kept apart ended (see applyApart). */
export interface ApartOutcome {
  /** What Yjs threw, or null. */
  error: unknown;
  /** The transaction it ran in (null when it threw before one began). */
  transaction: Y.Transaction | null;
  /** The document's pending content before the update, for mergePending or restorePending. */
  saved: SavedPending;
}

/** Runs `apply` in a transaction with `origin`; what it threw and the transaction. */
function transactOnce(doc: Y.Doc, origin: unknown, apply: () => void): { error: unknown; transaction: Y.Transaction | null } {
  let transaction: Y.Transaction | null = null;
  try {
    doc.transact((tr) => {
      transaction = tr;
      apply();
    }, origin);
    return { error: null, transaction };
  } catch (thrown) {
    return { error: thrown ?? new Error('an update threw nothing'), transaction };
  }
}

/**
 * Y.applyUpdate, except that the document's pending content stays out of it: Yjs retries what is
 * pending inside every update that lets it, so altered pending content that throws when it
 * is retried would make the next honest update throw, and be refused, or be skipped when its
 * row is read back. Here the update alone is applied; the caller then merges its own pending
 * part with what was pending (mergePending), or puts that back on an error (restorePending),
 * and retryPending places what became placeable on its own.
 */
export function applyApart(doc: Y.Doc, update: Uint8Array, origin: unknown): ApartOutcome {
  const saved = savePending(doc);
  dropPending(doc);
  const { error, transaction } = transactOnce(doc, origin, () => Y.applyUpdate(doc, update, origin));
  return { error, transaction, saved };
}

/**
 * What `transaction` placed in the document, as an update; null when it placed nothing.
 * `asReceived`: the update it applied, when none of it waits as pending content (then it is
 * exactly what was placed, or already known); else the placed part is encoded (only altered
 * updates need that, so the cost of encoding is theirs).
 */
export function placedBy(doc: Y.Doc, transaction: Y.Transaction | null, asReceived: Uint8Array | null): Uint8Array | null {
  if (!transaction || !changedIn(transaction)) return null;
  return asReceived ?? encodeWithoutPending(doc, Y.encodeStateVector(transaction.beforeState));
}

/** Whether a transaction placed or deleted anything. */
function changedIn(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) !== clock) return true;
  return false;
}

/** Adds the pending content `saved` back to what the last update left pending. */
export function mergePending(doc: Y.Doc, saved: SavedPending): void {
  try {
    mergeInto(pendingStore(doc), saved);
  } catch {
    // Yjs wrote both, so they merge; should they not, neither could ever be placed.
    dropPending(doc);
  }
}

function mergeInto(store: PendingStore, saved: SavedPending): void {
  const fresh = store.pendingStructs;
  if (saved.structs && fresh) {
    const missing = new Map(saved.structs.missing);
    for (const [client, clock] of fresh.missing) {
      const known = missing.get(client);
      if (known === undefined || clock < known) missing.set(client, clock);
    }
    store.pendingStructs = { missing, update: Y.mergeUpdatesV2([saved.structs.update, fresh.update]) };
  } else if (saved.structs) {
    store.pendingStructs = { missing: new Map(saved.structs.missing), update: saved.structs.update };
  }
  if (saved.ds && store.pendingDs) store.pendingDs = Y.mergeUpdatesV2([saved.ds, store.pendingDs]);
  else if (saved.ds) store.pendingDs = saved.ds;
}

/** Whether some pending content may now be placed (Yjs's own test, plus pending deletions). */
function placeable(doc: Y.Doc): boolean {
  const store = pendingStore(doc);
  if (store.pendingDs) return true;
  if (!store.pendingStructs) return false;
  for (const [client, clock] of store.pendingStructs.missing) if (clock < Y.getState(doc.store, client)) return true;
  return false;
}

/**
 * Places the pending content that became placeable, in a transaction of its own. Content that
 * throws when it is placed (only altered updates make such) is dropped with what was pending:
 * it could never be placed, and would break every update after it. Returns the transaction
 * (for placedBy; null when nothing was tried) and the bytes dropped.
 */
export function retryPending(doc: Y.Doc, origin: unknown): { transaction: Y.Transaction | null; dropped: number } {
  if (!placeable(doc)) return { transaction: null, dropped: 0 };
  const before = pendingBytes(doc);
  const { error, transaction } = transactOnce(doc, origin, () => Y.applyUpdate(doc, NOTHING, origin));
  if (error === null) return { transaction, dropped: 0 };
  // Yjs took the pending structs out before it threw; what is left goes too.
  dropPending(doc);
  return { transaction, dropped: Math.max(1, before) };
}

/**
 * One stored or remote row as Yjs would apply it, with the pending content kept apart
 * (applyApart): the row alone, then what was pending and became placeable. A row that throws
 * leaves the pending content as it was. Returns what the row threw (null when it applied).
 */
export function applyRow(doc: Y.Doc, row: Uint8Array, origin: unknown): unknown {
  const own = applyApart(doc, row, origin);
  if (own.error === null) mergePending(doc, own.saved);
  else restorePending(doc, own.saved);
  retryPending(doc, origin);
  return own.error;
}
