import * as Y from 'yjs';
import { migrateBoard, type BoardDocs, type BoardDocument } from '@benchlearn/shared';
import type { Log } from '../logging';
import type { Metrics } from '../metrics';
import type { Storage } from '../storage/types';
import { applyRow } from './pending';

/**
 * Applies a board's stored rows to `doc` in one transaction (with `origin`); a row that does not
 * apply is skipped and reported, so one broken row never keeps the rest of a board away.
 */
export function applyStoredRows(doc: Y.Doc, rows: readonly Uint8Array[], onBadRow: (error: unknown, index: number) => void, origin: unknown = null): void {
  doc.transact(() => {
    rows.forEach((row, index) => {
      // Pending content kept apart, as the room applied the row (applyRow): pending content
      // that throws when placed is dropped, never the honest row that let it in.
      const error = applyRow(doc, row, origin);
      if (error !== null) onBadRow(error, index);
    });
  }, origin);
}

/** A fresh document of a board's stored rows (see applyStoredRows). */
export function documentFromRows(rows: readonly Uint8Array[], onBadRow: (error: unknown, index: number) => void): Y.Doc {
  const doc = new Y.Doc();
  applyStoredRows(doc, rows, onBadRow);
  return doc;
}

/** What to do with a stored row of `boardId` that does not apply: count it and log it. */
export function badRowReporter(metrics: Metrics, log: Log, boardId: string): (error: unknown, index: number) => void {
  return (error, index) => {
    metrics.errors.inc({ kind: 'load' });
    log.error({ err: error, boardId, row: index }, 'a stored row of the board does not apply; skipped');
  };
}

/** Each of a board's documents as one update (what storage takes for a new board). */
export function encodeBoard(board: BoardDocs): Record<BoardDocument, Uint8Array> {
  return { content: Y.encodeStateAsUpdate(board.content), control: Y.encodeStateAsUpdate(board.control) };
}

/**
 * A board as storage holds it, read without loading a room, brought to the current schema in
 * memory (a v1 board not loaded since is split here; the split is stored when it next loads).
 * The caller destroys it (destroyBoardDocs).
 */
export async function boardFromStorage(storage: Storage, boardId: string, onBadRow: (error: unknown, index: number) => void = () => {}): Promise<BoardDocs> {
  const content = await storage.loadDocument(boardId, 'content');
  const control = await storage.loadDocument(boardId, 'control');
  const board = { content: documentFromRows(content.updates, onBadRow), control: documentFromRows(control.updates, onBadRow) };
  migrateBoard(board);
  return board;
}
