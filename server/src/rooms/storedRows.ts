import * as Y from 'yjs';

/**
 * Applies a board's stored rows to `doc` in one transaction (with `origin`); a row that does not
 * apply is skipped and reported, so one broken row never keeps the rest of a board away.
 */
export function applyStoredRows(doc: Y.Doc, rows: readonly Uint8Array[], onBadRow: (error: unknown, index: number) => void, origin: unknown = null): void {
  doc.transact(() => {
    rows.forEach((row, index) => {
      try {
        Y.applyUpdate(doc, row, origin);
      } catch (error) {
        onBadRow(error, index);
      }
    });
  }, origin);
}

/** A fresh document of a board's stored rows (see applyStoredRows). */
export function documentFromRows(rows: readonly Uint8Array[], onBadRow: (error: unknown, index: number) => void): Y.Doc {
  const doc = new Y.Doc();
  applyStoredRows(doc, rows, onBadRow);
  return doc;
}
