import * as Y from 'yjs';
import { boardMaps } from '@benchlearn/shared';

/**
 * The origin of every write this browser makes to a board. The sync provider and the
 * offline cache apply remote changes with origins of their own, so an undo manager that
 * tracks only this origin undoes only what this person did.
 */
export const LOCAL_ORIGIN: unique symbol = Symbol('benchlearn:local');

/**
 * Runs shared/ board writes as one local transaction. shared/ functions open their own
 * transactions; nested in this one they inherit its origin.
 */
export function localWrite<T>(doc: Y.Doc, fn: () => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, LOCAL_ORIGIN);
  return result;
}

/** Typing bursts and a drag with its bring-to-front merge into one step within this window. */
export const UNDO_CAPTURE_MS = 600;

/** Per-user undo over the cards, links and frames of a board. */
export function createUndoManager(doc: Y.Doc, captureTimeout = UNDO_CAPTURE_MS): Y.UndoManager {
  const { cards, links, frames } = boardMaps(doc);
  return new Y.UndoManager([cards, links, frames], {
    trackedOrigins: new Set<unknown>([LOCAL_ORIGIN]),
    captureTimeout,
  });
}
