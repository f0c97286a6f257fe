/**
 * When a board's stored rows are merged into one snapshot.
 *
 * A compaction encodes the whole document on the event loop, so its cost grows with the board,
 * while the rows it replaces may be small (a card moved 500 times is a few dozen KB). Compacting
 * after a fixed number of rows made a busy big board pay a whole-document encode every few
 * seconds: the relay ramp's longest stalls (up to ~60 ms) were all compactions. So a compaction
 * is due only once the rows since the snapshot are at least `compactEvery` AND hold at least as
 * many bytes as the snapshot: each compaction is paid for by as many stored bytes as it rewrites
 * (amortized, a constant cost per stored byte), and a board's rows never hold much more than its
 * snapshot, so loading it stays cheap (at most about twice the bytes of a fresh snapshot).
 * (Half the snapshot's bytes compacted twice as often; on the 2-core bench machine the extra
 * worker time cost more than it saved.)
 */
export const ROW_BYTES_PER_SNAPSHOT_BYTE = 1;

export interface StoredShape {
  /** Rows stored since the snapshot (or since the board's first row). */
  rows: number;
  /** Their bytes. */
  rowBytes: number;
  /** The snapshot's (or first row's) bytes. */
  snapshotBytes: number;
}

export function compactionDue(stored: StoredShape, compactEvery: number): boolean {
  return stored.rows >= compactEvery && stored.rowBytes >= stored.snapshotBytes * ROW_BYTES_PER_SNAPSHOT_BYTE;
}
