import type { Metrics } from '../metrics';
import type { Storage, UpdateRow } from '../storage/types';

/** The least time from one commit's start to the next's while updates keep coming (see UpdateBatcher). */
export const COMMIT_SPACING_MS = 20;

/** A room's share of one group commit: its rows, and what to do once they are committed. */
export interface RoomBatch {
  rows: UpdateRow[];
  /** Each row's sequence number (null: the board is gone), or the error that stored nothing. */
  settle(outcome: (number | null)[] | Error): void;
}

/** Something with updates waiting: a room. It applies them when asked and hands over the rows. */
export interface BatchSource {
  takeBatch(): RoomBatch | null;
}

/**
 * Group commit. Rooms queue the updates that arrive during one turn of the event loop; the
 * flush (a setImmediate, after every socket read of that turn) has each room apply its queue,
 * stores all rows of all rooms in ONE storage transaction, and only then lets each room relay.
 * So "committed before relayed" holds per update while the commit cost is paid per turn.
 * One transaction is in flight at a time: what arrives meanwhile forms the next, larger batch.
 *
 * On a busy server, commits are spaced at least COMMIT_SPACING_MS apart (start to start): an
 * update that arrives within that time of the last commit waits for the rest of it. Each commit
 * then carries more rows, and each room relays more updates per message (relayRuns), which is
 * what a busy relay spends its time on: a socket write per peer per message. A lone update (the
 * last commit longer ago) is still committed and relayed in the next turn.
 */
export class UpdateBatcher {
  private readonly queued = new Set<BatchSource>();
  private scheduled = false;
  private inFlight = false;
  private lastFlushAt = -Infinity;
  private readonly appendTimer;

  constructor(
    private readonly storage: Storage,
    metrics: Metrics,
    private readonly spacingMs = COMMIT_SPACING_MS,
  ) {
    this.appendTimer = metrics.persistence.labels('append');
  }

  schedule(source: BatchSource): void {
    this.queued.add(source);
    if (!this.scheduled && !this.inFlight) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.scheduled = true;
    const wait = this.lastFlushAt + this.spacingMs - performance.now();
    if (wait >= 1) setTimeout(this.flush, wait);
    else setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    this.lastFlushAt = performance.now();
    const sources = [...this.queued];
    this.queued.clear();
    const batches: { batch: RoomBatch; start: number }[] = [];
    const rows: UpdateRow[] = [];
    for (const source of sources) {
      const batch = source.takeBatch();
      if (!batch) continue;
      if (batch.rows.length === 0) {
        batch.settle([]);
        continue;
      }
      batches.push({ batch, start: rows.length });
      for (const row of batch.rows) rows.push(row);
    }
    if (rows.length === 0) return;
    this.inFlight = true;
    const stopTimer = this.appendTimer.startTimer();
    const done = (outcome: (number | null)[] | Error) => {
      stopTimer();
      for (const { batch, start } of batches) {
        try {
          batch.settle(outcome instanceof Error ? outcome : outcome.slice(start, start + batch.rows.length));
        } catch {
          // A room's relay failing must not keep the others from theirs; rooms catch their own.
        }
      }
      this.inFlight = false;
      if (this.queued.size > 0 && !this.scheduled) this.scheduleFlush();
    };
    this.storage.appendUpdates(rows).then(done, (error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
  };
}
