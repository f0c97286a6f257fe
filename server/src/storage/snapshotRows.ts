import * as Y from 'yjs';

/**
 * One document's rows, applied in order to a fresh document in one transaction and encoded as
 * one update: what a compaction stores. A row that does not apply is skipped, as when a board loads.
 */
export function encodeRows(rows: Iterable<Uint8Array>): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const row of rows) {
        try {
          Y.applyUpdate(doc, row);
        } catch {
          // Skipped, as the room skipped it when the board loaded.
        }
      }
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
