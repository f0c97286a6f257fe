import { MAX_PENDING_BYTES } from '@benchlearn/shared';
import { BoardNotFoundError } from '../storage/types';
import type { BatchSource, RoomBatch, UpdateBatcher } from './batcher';
import { CLUSTER_ORIGIN } from './clusterPort';
import type { Compactor } from './compactor';
import { SyncType, syncMessage } from './messages';
import { applyApart, applyRow, mergePending, pendingBytes, pendingChanged, placedBy, restorePending, retryPending } from './pending';
import { relayRuns, runMessages, type Relayable } from './relay';
import { applyStoredRows } from './storedRows';
import type { RoomBoard, RoomCore, RoomPeer, SubmitDone, SubmitResult } from './types';

/** The update of no structs and no deletions (what Y.encodeStateAsUpdate gives for nothing new). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

interface PendingUpdate {
  update: Uint8Array;
  /** The message to relay: the bytes as received when they were exactly one update message. */
  message: Uint8Array | null;
  from: RoomPeer | null;
  done: SubmitDone;
  /** Already waited for a compaction once because the board looked full. */
  compacted: boolean;
  /**
   * What applying it placed in the document (undefined until applied; null when all of it
   * waits as pending content): what is relayed, see apply.
   */
  placed?: Uint8Array | null;
  /** A restore: its size was checked on the result, and the rows are replaced after it (see LoadedBoard.restore). */
  replaces?: boolean;
}

/** How applying one update ended; a refusal may leave a part that landed (see apply). */
type Applied = 'applied' | 'unchanged' | { refused: 'invalid' | 'pending-full'; landed: Uint8Array | null };

const ignore: SubmitDone = () => {};

/**
 * A room's update pipeline: updates queue, are applied to the document in the batcher's flush
 * (group commit), committed to storage, and only then relayed to the connections and published
 * to the other instances. Updates another instance committed are applied and relayed here too.
 */
export class UpdatePipeline implements BatchSource {
  /** Updates waiting for the next group commit, in arrival order. */
  private pending: PendingUpdate[] = [];
  /** The rows applied to the document and handed to storage, until storage answers. */
  private committing: PendingUpdate[] | null = null;
  private committed: Promise<void> | null = null;
  private markCommitted: (() => void) | null = null;
  /** Set while a compaction runs that a full board waits for: the queue holds still. */
  private waitingForCompaction = false;
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly core: RoomCore,
    private readonly board: RoomBoard,
    private readonly batcher: UpdateBatcher,
    private readonly compactor: Compactor,
    /** The document holds what storage does not (a commit failed): the room must be dropped. */
    private readonly onBroken: () => void,
  ) {}

  private get maxPendingBytes(): number {
    return this.core.deps.settings.maxPendingBytes ?? MAX_PENDING_BYTES;
  }

  /**
   * Stores an update and then relays it to every other connection. Nothing is relayed before
   * storage has committed it; a malformed update or one that would overfill the board is
   * neither stored nor relayed. Updates are committed in groups (see UpdateBatcher).
   */
  submitUpdate(update: Uint8Array, from: RoomPeer | null, done: SubmitDone, message: Uint8Array | null = null): void {
    if (this.core.isClosed()) {
      done('gone');
      return;
    }
    this.pending.push({ update, message, from, done, compacted: false });
    if (!this.waitingForCompaction) this.batcher.schedule(this);
  }

  /**
   * The server's own update (a change LoadedBoard made on a copy of the board), as a promise.
   * `replaces`: a restore, whose size was checked on the result; it is not refused as too large.
   */
  submitServerUpdate(update: Uint8Array, replaces = false): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      if (this.core.isClosed()) {
        resolve('gone');
        return;
      }
      const done: SubmitDone = (result, error) => (error === undefined ? resolve(result) : reject(error));
      this.pending.push({ update, message: null, from: null, done, compacted: false, replaces });
      if (!this.waitingForCompaction) this.batcher.schedule(this);
    });
  }

  /**
   * Null when everything the document holds is committed; else resolves once it is. Only an
   * asynchronous storage (PostgreSQL) ever shows a gap: SQLite commits inside the same turn
   * that applies, so nothing can read the document in between.
   */
  uncommitted(): Promise<void> | null {
    return this.committed;
  }

  /**
   * Called by the batcher in its flush: applies the queued updates to the document, in order,
   * and hands their rows over. Applying first is what keeps a broken update out of storage;
   * the rows are committed before anything is relayed or answered (see `uncommitted`).
   */
  takeBatch(): RoomBatch | null {
    const entries = this.pending;
    this.pending = [];
    if (entries.length === 0 || this.waitingForCompaction) {
      this.pending = entries;
      return null;
    }
    if (this.core.isClosed()) {
      for (const entry of entries) entry.done('gone');
      this.notifyDrained();
      return null;
    }
    const accepted: PendingUpdate[] = [];
    // The board's bytes: MAX_BOARD_BYTES limits both documents together.
    let bytes = this.core.stored.bytes + this.board.otherBytes(this.core.document);
    let snapshotChecked = false;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (!entry.replaces && bytes + entry.update.length > this.core.deps.settings.maxBoardBytes) {
        if (!entry.compacted && this.core.stored.rowsSinceSnapshot + accepted.length > 0) {
          // History may be what fills the board: merge it, then try this update (and the ones
          // after it, which keep their order) again.
          for (const later of entries.slice(i)) later.compacted ||= later === entry;
          this.pending = entries.slice(i).concat(this.pending);
          this.compactBeforeRetry();
          break;
        }
        entry.done('too-large');
        continue;
      }
      if (isEmptyUpdate(entry.update)) {
        // What a client with nothing new sends as its sync step 2: not a change (no snapshot is due for it).
        entry.done('unchanged');
        continue;
      }
      if (!snapshotChecked) {
        // The board as it was before this batch, when an automatic snapshot is due.
        this.board.autoSnapshots?.beforeChange(this.board.docs);
        snapshotChecked = true;
      }
      const applied = this.apply(entry);
      let placed: Uint8Array | null | undefined = null;
      if (applied === 'applied') {
        accepted.push(entry);
        bytes += entry.update.length;
        placed = entry.placed;
      } else if (applied === 'unchanged') {
        entry.done('unchanged');
      } else {
        entry.done(applied.refused);
        // Part of it landed in the document before it was refused: store and relay that part, as
        // the server's own change, so that the document and storage hold the same (docs/protocol.md).
        placed = applied.landed;
        if (placed) bytes += this.serverChange(accepted, placed);
      }
      // Pending content that what it placed made placeable, placed on its own (pending.ts).
      const retried = placed ? this.retryPending() : null;
      if (retried) bytes += this.serverChange(accepted, retried);
    }
    if (accepted.length === 0) {
      this.notifyDrained();
      return null;
    }
    this.committing = accepted;
    this.committed = new Promise((resolve) => {
      this.markCommitted = resolve;
    });
    return {
      rows: accepted.map((entry) => ({ boardId: this.core.id, doc: this.core.document, update: entry.update })),
      settle: (outcome) => this.settle(accepted, outcome),
    };
  }

  /**
   * Applies one update to the document. Nothing reads its structs first: rights were decided
   * per connection and document (docs/protocol.md), so an update only has to decode, apply and
   * stay within the limits. The pending content is kept apart while it applies (applyApart), so
   * an update is judged by its own bytes alone. Yjs applies structs one by one, so an update
   * that throws halfway, or whose pending content would pass the cap, may have placed some
   * structs already: the pending content is put back as it was, and what landed is returned.
   */
  private apply(entry: PendingUpdate): Applied {
    const doc = this.core.doc;
    const pendingBefore = pendingBytes(doc);
    const { error, transaction, saved } = applyApart(doc, entry.update, entry.from);
    if (error !== null) {
      const landed = placedBy(doc, transaction, null);
      restorePending(doc, saved);
      this.core.deps.metrics.errors.inc({ kind: 'apply' });
      this.core.deps.log.info({ err: error, boardId: this.core.id, doc: this.core.document }, 'an update did not apply; refused');
      return { refused: 'invalid', landed };
    }
    // What of it waits as pending content (none: what it placed is the update as received).
    const fresh = pendingBytes(doc);
    // A merge holds at least the larger part, so an update whose own pending part passes the
    // cap is refused before it is merged (merging megabytes takes a while); else the merge
    // is measured (a client may send pending content the room already holds: no growth).
    const tooBig = fresh > this.maxPendingBytes && fresh > pendingBefore;
    if (!tooBig) mergePending(doc, saved);
    const pendingAfter = tooBig ? fresh : pendingBytes(doc);
    if (tooBig || (pendingAfter > this.maxPendingBytes && pendingAfter > pendingBefore)) {
      restorePending(doc, saved);
      this.core.deps.metrics.errors.inc({ kind: 'pending' });
      this.core.deps.log.info(
        { boardId: this.core.id, doc: this.core.document, pendingBytes: pendingAfter },
        'an update would leave too much content that cannot be placed; refused',
      );
      return { refused: 'pending-full', landed: placedBy(doc, transaction, null) };
    }
    // Relayed is what the document placed: the clients only ever get structs the room holds,
    // never content that waits as pending (which they could not check either). An honest
    // update is placed whole, so it still leaves as received.
    const placed = placedBy(doc, transaction, fresh === 0 ? entry.update : null);
    entry.placed = placed;
    if (placed !== entry.update) entry.message = null;
    return placed || pendingChanged(doc, saved) ? 'applied' : 'unchanged';
  }

  /** Places the pending content that became placeable; what landed, or null. Drops content that throws. */
  private retryPending(): Uint8Array | null {
    const { transaction, dropped } = retryPending(this.core.doc, null);
    if (dropped > 0) {
      this.core.deps.metrics.errors.inc({ kind: 'pending' });
      this.core.deps.log.info({ boardId: this.core.id, doc: this.core.document, pendingBytes: dropped }, 'pending content that threw when placed was dropped');
    }
    return placedBy(this.core.doc, transaction, null);
  }

  /** Queues the server's own change (what landed of a refused update, or placed pending content) to be stored and relayed; its bytes. */
  private serverChange(accepted: PendingUpdate[], update: Uint8Array): number {
    accepted.push({ update, message: null, from: null, done: ignore, compacted: true, placed: update });
    return update.length;
  }

  /** After the batch's transaction: relay what was stored, in order, and report each outcome. */
  private settle(accepted: PendingUpdate[], outcome: (number | null)[] | Error): void {
    this.committing = null;
    const stored = this.core.stored;
    const markCommitted = this.markCommitted;
    this.committed = null;
    this.markCommitted = null;
    try {
      if (outcome instanceof Error) {
        // The document holds updates storage does not: nobody may see it. Drop the room; the
        // senders' offline copies bring their edits back when they reconnect.
        if (!(outcome instanceof BoardNotFoundError)) this.core.deps.metrics.errors.inc({ kind: 'storage' });
        this.core.deps.log.error({ err: outcome, boardId: this.core.id }, 'storing updates failed; the board is reloaded from storage');
        for (const entry of accepted) entry.done('gone', outcome);
        this.onBroken();
        return;
      }
      let gone = false;
      const relayed: PendingUpdate[] = [];
      for (let i = 0; i < accepted.length; i++) {
        const entry = accepted[i]!;
        const seq = outcome[i];
        if (seq === null || seq === undefined) {
          gone = true;
          entry.done('gone');
          continue;
        }
        stored.lastSeq = seq;
        stored.bytes += entry.update.length;
        stored.rowsSinceSnapshot += 1;
        relayed.push(entry);
      }
      this.relay(relayed);
      const cluster = this.core.deps.cluster;
      if (cluster && relayed.length > 0) {
        // Committed, relayed here, and now told to the other instances: never before the commit.
        for (const entry of relayed) cluster.publishUpdate(this.core.id, this.core.document, entry.update);
        stored.ownRows.push({ seq: stored.lastSeq, at: Date.now() });
      }
      for (const entry of relayed) entry.done('applied');
      if (gone) this.onBroken();
      else this.compactor.compactIfDue();
    } finally {
      markCommitted?.();
      this.notifyDrained();
    }
  }

  private compactBeforeRetry(): void {
    this.waitingForCompaction = true;
    const run = async () => {
      // After this turn: the rows accepted before the full one are handed to storage first,
      // and compactNow waits for their commit.
      await Promise.resolve();
      await this.compactor.compactNow();
    };
    void run()
      .catch(() => {})
      .finally(() => {
        this.waitingForCompaction = false;
        if (this.pending.length > 0) this.batcher.schedule(this);
        else this.notifyDrained();
      });
  }

  private notifyDrained(): void {
    if (this.pending.length > 0 || this.committing || this.waitingForCompaction) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once no update is queued or being stored. */
  whenSettled(): Promise<void> {
    if (this.pending.length === 0 && !this.committing && !this.waitingForCompaction) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /**
   * Relays committed updates in commit order, merged per run (see relayRuns): each peer gets
   * one message per run instead of one per update, and never its own updates back.
   */
  private relay(committed: readonly PendingUpdate[]): void {
    if (committed.length === 0 || this.core.peers.size === 0) return;
    // What each update placed; an update that only waits as pending content is relayed once
    // it is placed, as the server's change that placed it.
    const entries: Relayable<RoomPeer>[] = [];
    for (const entry of committed) {
      const update = entry.placed === undefined ? entry.update : entry.placed;
      if (update) entries.push({ update, message: entry.message, from: entry.from });
    }
    if (entries.length === 0) return;
    if (entries.length === 1) {
      const only = entries[0]!;
      this.broadcast(only.message ?? syncMessage(SyncType.Update, only.update), only.from);
      return;
    }
    const runs = relayRuns<RoomPeer, Relayable<RoomPeer>>(entries).map((run) => runMessages(run));
    // A peer's messages of all runs leave together (the fan-out writes them as one).
    this.core.fanout.send(runs.length === 1 ? runs[0]! : (peer) => runs.flatMap((messagesFor) => messagesFor(peer)));
  }

  broadcast(message: Uint8Array, except: RoomPeer | null = null): void {
    const only = [message];
    this.core.fanout.send((peer) => (peer === except ? [] : only));
  }

  /**
   * Applies what another instance committed (or what storage holds, when catching up) and
   * relays to this instance's connections only what was new to the document. Not stored (it
   * is already) and not published again. Throws when the update does not decode.
   */
  applyRemoteUpdate(update: Uint8Array | readonly Uint8Array[]): void {
    if (this.core.isClosed()) return;
    let fresh: Uint8Array | null = null;
    const capture = (changes: Uint8Array, origin: unknown) => {
      if (origin === CLUSTER_ORIGIN) fresh = changes;
    };
    let error: unknown = null;
    this.core.doc.on('update', capture);
    try {
      // In one transaction (stored rows too): what was new leaves as one message. The pending
      // content is kept apart as in apply (applyRow).
      if (update instanceof Uint8Array) this.core.doc.transact(() => void (error = applyRow(this.core.doc, update, CLUSTER_ORIGIN)), CLUSTER_ORIGIN);
      else applyStoredRows(this.core.doc, update, this.compactor.badStoredRow, CLUSTER_ORIGIN);
    } finally {
      this.core.doc.off('update', capture);
    }
    // Each instance held its own pending content under the cap; together they may not be.
    this.compactor.capPending('another instance');
    const changes = fresh as Uint8Array | null;
    if (changes) {
      this.core.stored.bytes += changes.length;
      this.broadcast(syncMessage(SyncType.Update, changes));
    }
    if (error !== null) throw error instanceof Error ? error : new Error(String(error));
  }
}
