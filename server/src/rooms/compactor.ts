import * as Y from 'yjs';
import { MAX_PENDING_BYTES } from '@benchlearn/shared';
import type { RowsSnapshot } from '../storage/types';
import { compactionDue } from './compaction';
import { dropPending, pendingBytes } from './pending';
import { badRowReporter, documentFromRows } from './storedRows';
import type { RoomCore } from './types';

/**
 * How old the newest row a compaction covers must be when the board has other writers. Storage
 * numbers rows when they are inserted, not when they commit: another instance's row numbered
 * below ours may still be committing when the snapshot is read, and the compaction would delete
 * it unread. Covering only rows committed this long ago leaves out any transaction shorter than it.
 */
export const CLUSTER_COMPACT_MARGIN_MS = 5_000;

/** Stored bytes under which a board's compaction is encoded in place rather than on the worker. */
export const IN_PLACE_MAX_BYTES = 256 * 1024;

/**
 * A room's compactions: its stored rows replaced by one snapshot, when enough piled up, when the
 * board is unloaded, when a full board waits for room, and after a restore. A big board's
 * snapshot is built by the storage adapter's worker (Storage.snapshotThrough); a small one's in place.
 */
export class Compactor {
  private compaction: Promise<void> | null = null;

  constructor(
    private readonly core: RoomCore,
    /** Null when everything the document holds is committed; else resolves once it is. */
    private readonly uncommitted: () => Promise<void> | null,
  ) {}

  /** The compaction running now, if any. */
  get running(): Promise<void> | null {
    return this.compaction;
  }

  private get maxPendingBytes(): number {
    return this.core.deps.settings.maxPendingBytes ?? MAX_PENDING_BYTES;
  }

  /** Compacts soon when enough rows piled up since the last snapshot (after a commit). */
  compactIfDue(): void {
    const { rowsSinceSnapshot: rows, bytes, snapshotBytes } = this.core.stored;
    if (compactionDue({ rows, rowBytes: bytes - snapshotBytes, snapshotBytes }, this.core.deps.settings.compactEvery)) this.compactSoon();
  }

  /** Compaction off the hot path: it does not block the relay chain. */
  private compactSoon(): void {
    if (this.compaction) return;
    setImmediate(() => {
      if (!this.core.isClosed()) void this.compactNow().catch(() => {});
    });
  }

  /** Replaces the stored rows with one snapshot of the document as it is now. */
  compactNow(): Promise<void> {
    if (this.compaction) return this.compaction;
    const { stored, deps } = this.core;
    // Only what storage holds goes into the snapshot (an asynchronous storage may still be committing).
    const committing = this.uncommitted();
    if (committing) return committing.then(() => this.compactNow());
    // A board whose pending content was dropped at load is compacted even from one row: its
    // stored rows still hold that content, and the next load would read it again.
    if (stored.rowsSinceSnapshot === 0 && !stored.pendingDropped) return Promise.resolve();
    if (deps.cluster) return this.compactShared();
    // Read now: the document and storage hold exactly the rows up to lastSeq at this moment, so a
    // snapshot of either (made later, on the worker) covers those rows and no others.
    const throughSeq = stored.lastSeq;
    const bytesCovered = stored.bytes;
    const rowsCovered = stored.rowsSinceSnapshot;
    return this.runCompaction(async () => {
      const cleaning = stored.pendingDropped;
      const snapshot = await this.snapshotThrough(throughSeq);
      await deps.storage.compact(this.core.id, this.core.document, snapshot, throughSeq);
      if (cleaning) stored.pendingDropped = false;
      stored.bytes = stored.bytes - bytesCovered + snapshot.length;
      stored.snapshotBytes = snapshot.length;
      stored.rowsSinceSnapshot -= rowsCovered;
    });
  }

  /**
   * Compaction when other instances write the board too. The document may lack rows another
   * instance committed but has not published to us yet, so the snapshot is built from storage:
   * the rows up to one of our own rows committed CLUSTER_COMPACT_MARGIN_MS ago (see there).
   * Two instances compacting at once lose nothing either: each deletes only rows up to its own
   * `throughSeq` and inserts a snapshot of rows it read, which all stayed in storage until
   * then; a snapshot covering more rows than another's survives it under a higher number.
   */
  private compactShared(): Promise<void> {
    const { stored, deps } = this.core;
    const cutoff = Date.now() - (deps.settings.clusterCompactMarginMs ?? CLUSTER_COMPACT_MARGIN_MS);
    let covered = 0;
    while (covered < stored.ownRows.length && stored.ownRows[covered]!.at <= cutoff) covered++;
    if (covered === 0) return Promise.resolve();
    const throughSeq = stored.ownRows[covered - 1]!.seq;
    return this.runCompaction(async () => {
      const read = await this.storedSnapshot(throughSeq);
      // Only the rows read are replaced: one numbered lower that committed after the read stays.
      await deps.storage.compact(this.core.id, this.core.document, read.snapshot, throughSeq, read.seqs);
      stored.ownRows.splice(0, covered);
      stored.bytes = Math.max(read.snapshot.length, stored.bytes - read.bytes + read.snapshot.length);
      stored.snapshotBytes = read.snapshot.length;
      stored.rowsSinceSnapshot = stored.ownRows.length;
    });
  }

  /**
   * After a restore: the document's stored rows are replaced by one snapshot of it, without
   * pending content (dropped from the document too, so joiners are not sent it). With other
   * instances the snapshot is made of the rows read from storage, and only those are replaced
   * (see Storage.compact's `covered`); their documents keep their pending content until they
   * reload the board.
   */
  async replaceRows(): Promise<void> {
    for (;;) {
      const busy = this.uncommitted() ?? this.compaction;
      if (!busy) break;
      await busy;
    }
    const { stored, deps, doc, id, document } = this.core;
    if (this.core.isClosed()) return;
    if (pendingBytes(doc) > 0) {
      const dropped = dropPending(doc);
      this.core.answers.invalidate();
      deps.log.info({ boardId: id, doc: document, pendingBytes: dropped }, 'a restore dropped pending content');
    }
    const throughSeq = stored.lastSeq;
    if (deps.cluster) return this.runCompaction(() => this.replaceShared(throughSeq));
    const bytesCovered = stored.bytes;
    const rowsCovered = stored.rowsSinceSnapshot;
    const snapshot = Y.encodeStateAsUpdate(doc);
    return this.runCompaction(async () => {
      await deps.storage.compact(id, document, snapshot, throughSeq);
      stored.pendingDropped = false;
      stored.bytes = stored.bytes - bytesCovered + snapshot.length;
      stored.snapshotBytes = snapshot.length;
      stored.rowsSinceSnapshot -= rowsCovered;
    });
  }

  /** replaceRows with other instances: the rows read from storage, without pending content. */
  private async replaceShared(throughSeq: number): Promise<void> {
    const { stored, deps, id, document } = this.core;
    const read = await deps.storage.loadDocument(id, document, throughSeq);
    const doc = documentFromRows(read.updates, this.badStoredRow);
    let snapshot: Uint8Array;
    try {
      dropPending(doc);
      snapshot = Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
    await deps.storage.compact(id, document, snapshot, throughSeq, read.seqs);
    stored.ownRows.length = 0;
    stored.bytes = Math.max(snapshot.length, stored.bytes - read.bytes + snapshot.length);
    stored.snapshotBytes = snapshot.length;
    stored.rowsSinceSnapshot = 0;
  }

  private runCompaction(work: () => Promise<void>): Promise<void> {
    const { metrics, log } = this.core.deps;
    const stopTimer = metrics.persistence.startTimer({ operation: 'compact' });
    this.compaction = work()
      .catch((error: unknown) => {
        metrics.errors.inc({ kind: 'storage' });
        log.error({ err: error, boardId: this.core.id, doc: this.core.document }, 'compaction failed; the rows stay as they are');
      })
      .finally(() => {
        stopTimer();
        this.compaction = null;
      });
    return this.compaction;
  }

  /**
   * The board's state as one update, as of row `throughSeq`: a big board's stored rows, encoded
   * on the storage's worker (off the event loop); a small board's document as it is now (under
   * IN_PLACE_MAX_BYTES the encode takes a few milliseconds, less than asking the worker). A
   * document whose stored rows hold pending content over the cap is encoded from the document,
   * which no longer holds it: a compaction never writes pending content over the cap.
   */
  private async snapshotThrough(throughSeq: number): Promise<Uint8Array> {
    const { stored, deps, doc } = this.core;
    if (stored.bytes < IN_PLACE_MAX_BYTES || stored.pendingDropped) return Y.encodeStateAsUpdate(doc);
    return (await deps.storage.snapshotThrough(this.core.id, this.core.document, throughSeq)).snapshot;
  }

  /**
   * A snapshot of the stored rows up to `throughSeq`, with the rows it covers: on the storage's
   * worker from IN_PLACE_MAX_BYTES up, else read and encoded in place. A row that does not apply
   * is skipped, on either path, as when a board loads. In place, pending content over the cap is
   * left out (the worker is not asked when the rows are known to hold such content).
   */
  private async storedSnapshot(throughSeq: number): Promise<RowsSnapshot> {
    const { stored, deps, id, document } = this.core;
    if (stored.bytes >= IN_PLACE_MAX_BYTES && !stored.pendingDropped) return deps.storage.snapshotThrough(id, document, throughSeq);
    const read = await deps.storage.loadDocument(id, document, throughSeq);
    const doc = documentFromRows(read.updates, this.badStoredRow);
    try {
      if (pendingBytes(doc) > this.maxPendingBytes) dropPending(doc);
      return { snapshot: Y.encodeStateAsUpdate(doc), seqs: read.seqs, bytes: read.bytes };
    } finally {
      doc.destroy();
    }
  }

  /**
   * Drops the document's pending content when it is over the cap (stored by an older server,
   * or merged from several instances): joiners are not sent it, and the next compaction writes
   * the cleaned document. Counted and logged.
   */
  capPending(from: string): boolean {
    const { doc, deps, id, document } = this.core;
    const bytes = pendingBytes(doc);
    if (bytes <= this.maxPendingBytes) return false;
    dropPending(doc);
    this.core.answers.invalidate();
    this.core.stored.pendingDropped = true;
    deps.metrics.errors.inc({ kind: 'pending' });
    deps.log.warn({ boardId: id, doc: document, pendingBytes: bytes, from }, 'dropped pending content over the cap');
    return true;
  }

  get badStoredRow(): (error: unknown, index: number) => void {
    return badRowReporter(this.core.deps.metrics, this.core.deps.log, this.core.id);
  }
}
