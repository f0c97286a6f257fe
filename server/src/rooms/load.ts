import * as Y from 'yjs';
import { BOARD_DOCUMENTS, MAX_PENDING_BYTES, migrateBoard, type BoardDocs, type BoardDocument } from '@benchlearn/shared';
import type { StoredDocument } from '../storage/types';
import { dropPending, pendingBytes } from './pending';
import type { LoadedState, RoomDeps } from './types';

/** What loading a board's documents needs of the room manager's options. */
export type LoadDeps = Pick<RoomDeps, 'storage' | 'metrics' | 'log' | 'settings'>;

/**
 * One document as loaded. Pending content over the cap (stored by a server before the cap,
 * issue 11 case 5) is dropped here, counted and logged: joiners are never sent it.
 */
export function loadedState(deps: LoadDeps, boardId: string, document: BoardDocument, doc: Y.Doc, stored: StoredDocument): LoadedState {
  const maxPending = deps.settings.maxPendingBytes ?? MAX_PENDING_BYTES;
  const pending = pendingBytes(doc);
  const pendingDropped = pending > maxPending;
  if (pendingDropped) {
    dropPending(doc);
    deps.metrics.errors.inc({ kind: 'pending' });
    deps.log.warn({ boardId, doc: document, pendingBytes: pending }, 'dropped stored pending content over the cap');
  }
  return {
    document,
    doc,
    lastSeq: stored.lastSeq,
    bytes: stored.bytes,
    rowsSinceSnapshot: Math.max(0, stored.updates.length - 1),
    snapshotBytes: stored.updates[0]?.length ?? 0,
    pendingDropped,
  };
}

/**
 * Brings a board stored in an older schema up to date (a v1 board is split into its two
 * documents, shared's migrateBoard) and commits each document's change as a row before
 * anyone joins. Two instances loading the same old board at once both migrate it: the split
 * copies entries under their own keys into keyed maps, so the two migrations' rows converge
 * to one value per key, and deleting the old entries twice deletes them once.
 */
export async function migrate(
  deps: LoadDeps,
  boardId: string,
  docs: BoardDocs,
  states: Record<BoardDocument, LoadedState>,
): Promise<Record<BoardDocument, Uint8Array | null>> {
  const before = { content: Y.encodeStateVector(docs.content), control: Y.encodeStateVector(docs.control) };
  const migration: Record<BoardDocument, Uint8Array | null> = { content: null, control: null };
  if (!migrateBoard(docs)) return migration;
  const rows = BOARD_DOCUMENTS.map((doc) => ({ boardId, doc, update: Y.encodeStateAsUpdate(docs[doc], before[doc]) }));
  const seqs = await deps.storage.appendUpdates(rows);
  rows.forEach((row, index) => {
    const seq = seqs[index];
    if (seq === null || seq === undefined) throw new Error(`board ${boardId} was deleted while it was migrated`);
    const state = states[row.doc];
    state.lastSeq = seq;
    state.bytes += row.update.length;
    // A document that had no row (the control document of a v1 board) starts with this one.
    if (state.snapshotBytes === 0) state.snapshotBytes = row.update.length;
    else state.rowsSinceSnapshot += 1;
    migration[row.doc] = row.update;
  });
  deps.log.info({ boardId }, 'board migrated to the current schema');
  return migration;
}
