import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Log } from '../logging';
import {
  claimsFacilitatorPresence,
  DEFAULT_ROOM_STATE,
  MAX_PENDING_BYTES,
  MAX_PRESENCE_BYTES,
  MAX_PRESENCE_IDS_PER_CONNECTION,
  MAX_PRESENCE_PER_ROOM,
  ROOM_STATE_KEY,
  type BoardDocs,
  type BoardDocument,
  type Role,
  type RoomState,
} from '@benchlearn/shared';
import type { Metrics } from '../metrics';
import { BoardNotFoundError, type RowsSnapshot, type Storage } from '../storage/types';
import type { AutoSnapshots } from '../snapshots/snapshots';
import type { RoomBatch, UpdateBatcher } from './batcher';
import { compactionDue } from './compaction';
import { relayRun, relayRuns } from './relay';
import { applyStoredRows, badRowReporter, documentFromRows } from './storedRows';
import { SyncAnswers } from './syncAnswers';
import { awarenessMessage, decodePresence, encodePresence, presenceEntryCount, SyncType, syncMessage, type PresenceEntry } from './messages';
import { dropPending, encodeWithoutPending, pendingBytes, pendingChanged, restorePending, savePending } from './pending';
import { CLUSTER_ORIGIN, type ClusterPort } from './clusterPort';

/**
 * How old the newest row a compaction covers must be when the board has other writers. Storage
 * numbers rows when they are inserted, not when they commit: another instance's row numbered
 * below ours may still be committing when the snapshot is read, and the compaction would delete
 * it unread. Covering only rows committed this long ago leaves out any transaction shorter than it.
 */
export const CLUSTER_COMPACT_MARGIN_MS = 5_000;

/** A connection as a room sees it: something to send to and to close. */
export interface RoomPeer {
  readonly role: Role;
  /**
   * Who this connection is, as far as presence goes: its role and the hash of the board token
   * it opened with (the role alone when absent). A presence client id is only ever handed to a
   * connection with the same identity as its last owner (issue 12).
   */
  readonly identity?: string;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /**
   * Checks soon that the other end is still there, and drops the connection if not. Called when
   * someone else claims this connection's presence: a client that reconnected after a network
   * drop keeps its client id, and its old, half-open socket must not hold that id for long.
   */
  probe?(): void;
  /** Holds writes back until uncork, so several relays leave in one write (one syscall). */
  cork?(): void;
  uncork?(): void;
}

/**
 * What became of a submitted update. `unchanged`: it applied and changed nothing (nothing is
 * stored or relayed). `pending-full`: it would leave more than MAX_PENDING_BYTES of content
 * that cannot be placed yet (see pending.ts); refused like `too-large`.
 */
export type SubmitResult = 'applied' | 'unchanged' | 'invalid' | 'too-large' | 'pending-full' | 'gone';

export interface RoomSettings {
  maxBoardBytes: number;
  /** Bytes of pending content a document may hold; MAX_PENDING_BYTES unless set. */
  maxPendingBytes?: number;
  compactEvery: number;
  /** With a cluster: CLUSTER_COMPACT_MARGIN_MS unless set. */
  clusterCompactMarginMs?: number;
}

export interface RoomDeps {
  storage: Storage;
  metrics: Metrics;
  log: Log;
  settings: RoomSettings;
  /** Other instances share the board's room (REDIS_URL). */
  cluster?: ClusterPort | null;
}

/** One of a board's documents as it was loaded from storage. */
export interface LoadedState {
  document: BoardDocument;
  doc: Y.Doc;
  lastSeq: number;
  bytes: number;
  /** Rows stored since the last snapshot (what a compaction would merge). */
  rowsSinceSnapshot: number;
  /** Bytes of the last snapshot (the board's first row when it was never compacted). */
  snapshotBytes: number;
  /** Pending content over the cap was dropped when it loaded: compact it away from storage. */
  pendingDropped?: boolean;
}

/** What the room's document belongs to: the board's two documents and its shared parts. */
export interface RoomBoard {
  /** Both documents (an automatic snapshot holds both). */
  docs: BoardDocs;
  /** Whether the board is locked (the content room's room state; the control room asks it). */
  isLocked(): boolean;
  /** Stored bytes of the board's other document (MAX_BOARD_BYTES limits both together). */
  otherBytes(room: Room): number;
  /** Automatic history snapshots of this board, when they are on. */
  autoSnapshots: AutoSnapshots | null;
}

/** The update of no structs and no deletions (what Y.encodeStateAsUpdate gives for nothing new). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** Called once with the outcome of a submitted update, or with the storage error (nothing stored). */
export type SubmitDone = (result: SubmitResult, error?: unknown) => void;

interface PendingUpdate {
  update: Uint8Array;
  /** The message to relay: the bytes as received when they were exactly one update message. */
  message: Uint8Array | null;
  from: RoomPeer | null;
  done: SubmitDone;
  /** Already waited for a compaction once because the board looked full. */
  compacted: boolean;
  /** A restore: its size was checked on the result, and the rows are replaced after it (see LoadedBoard.restore). */
  replaces?: boolean;
}

/** How applying one update ended; a refusal may leave a part that landed (see apply). */
type Applied = 'applied' | 'unchanged' | { refused: 'invalid' | 'pending-full'; landed: Uint8Array | null };

const ignore: SubmitDone = () => {};

/** Owns presence entries another instance vouched for: no local connection may speak for them. */
const REMOTE_OWNER: RoomPeer = { role: 'viewer', send: () => {}, close: () => {} };

/** Client ids whose last owner's identity a room remembers (the oldest are forgotten first). */
const REMEMBERED_PRESENCE_OWNERS = 10 * MAX_PRESENCE_PER_ROOM;

function identityOf(peer: RoomPeer): string {
  return peer.identity ?? peer.role;
}

/** Stored bytes under which a board's compaction is encoded in place rather than on the worker. */
export const IN_PLACE_MAX_BYTES = 256 * 1024;

/**
 * One of a loaded board's documents (content or control) with its own update pipeline: the
 * connections on it, group commit through the batcher, relay, compaction. The content room also
 * carries presence and the room state (docs/protocol.md); the control room has neither. What
 * belongs to the board as a whole (holds, lock, server changes, restore) is LoadedBoard's.
 */
export class Room {
  readonly document: BoardDocument;
  readonly doc: Y.Doc;
  /** Presence, on the content room only (null on the control room). */
  readonly awareness: awarenessProtocol.Awareness | null;
  readonly peers = new Set<RoomPeer>();
  /** What everyone in the room is told about it (the lock, the projector's join code), as presence. */
  private roomState: RoomState;
  /** The room state was changed since the load, here or by another instance (see ClusterPort.publishHello). */
  stateChanged = false;
  /** Set once the board is unloaded or deleted: the room takes no more work. */
  closed = false;

  /** Updates waiting for the next group commit, in arrival order. */
  private pending: PendingUpdate[] = [];
  /** The rows applied to the document and handed to storage, until storage answers. */
  private committing: PendingUpdate[] | null = null;
  private committed: Promise<void> | null = null;
  private markCommitted: (() => void) | null = null;
  /** Set while a compaction runs that a full board waits for: the queue holds still. */
  private waitingForCompaction = false;
  private drainWaiters: (() => void)[] = [];
  private readonly answers: SyncAnswers;
  private lastSeq: number;
  private bytes: number;
  private rowsSinceSnapshot: number;
  private snapshotBytes: number;
  private compaction: Promise<void> | null = null;
  /** Which connection introduced each presence client id: others may not speak for it. */
  private readonly presenceOwners = new Map<number, RoomPeer>();
  /** How many client ids each connection speaks for (at most MAX_PRESENCE_IDS_PER_CONNECTION). */
  private readonly presenceCounts = new Map<RoomPeer, number>();
  /**
   * Clock offsets of client ids claimed again after their state was removed (a user back on a
   * new socket): added to every clock that owner sends, while it owns the id (see receivePresence).
   */
  private readonly presenceClockOffsets = new Map<number, number>();
  /**
   * The identity of each client id's last owner, kept after it left: a user reconnecting gets
   * their id back, and nobody with another token can take it in the gap.
   */
  private readonly presenceIdentities = new Map<number, string>();
  /** Every presence state as one message, for joiners and queries, until presence changes. */
  private presenceCache: Uint8Array | null = null;
  /** With a cluster: this room's committed rows since its last compaction, oldest first, with when. */
  private readonly ownRows: { seq: number; at: number }[] = [];

  /** Pending content over the cap was dropped at load; compactions encode the cleaned document. */
  private pendingDropped: boolean;

  constructor(
    readonly id: string,
    state: LoadedState,
    private readonly board: RoomBoard,
    private readonly deps: RoomDeps,
    private readonly batcher: UpdateBatcher,
    locked = false,
  ) {
    this.document = state.document;
    this.doc = state.doc;
    this.roomState = { ...DEFAULT_ROOM_STATE, locked };
    this.lastSeq = state.lastSeq;
    this.bytes = state.bytes;
    this.rowsSinceSnapshot = state.rowsSinceSnapshot;
    this.snapshotBytes = state.snapshotBytes;
    this.pendingDropped = state.pendingDropped ?? false;
    this.answers = new SyncAnswers(this.doc);
    if (this.document === 'content') {
      this.awareness = new awarenessProtocol.Awareness(this.doc);
      // The room state is the server's own presence (docs/protocol.md): it reaches every client,
      // joining ones too, through the awareness protocol a stock client already speaks. Awareness
      // renews it every 15 s, so clients never time it out. The room's document is never written
      // under this client id (server changes are made on a copy), so the id is the server's alone.
      this.awareness.setLocalState({ [ROOM_STATE_KEY]: this.roomState });
      this.awareness.on('update', this.relayPresence);
    } else {
      this.awareness = null;
    }
  }

  /** Checked on every update, since a facilitator can lock the board while people are connected. */
  get locked(): boolean {
    return this.awareness ? this.roomState.locked : this.board.isLocked();
  }

  private get maxPendingBytes(): number {
    return this.deps.settings.maxPendingBytes ?? MAX_PENDING_BYTES;
  }

  set locked(locked: boolean) {
    this.setRoomState({ locked });
  }

  get state(): RoomState {
    return this.roomState;
  }

  /**
   * Changes the room state and tells every connection at once, and the other instances unless
   * the change came from one of them (`remote`).
   */
  setRoomState(changes: Partial<RoomState>, remote = false): void {
    const next = { ...this.roomState, ...changes };
    if (next.locked === this.roomState.locked && next.showJoin === this.roomState.showJoin) return;
    this.roomState = next;
    this.stateChanged = true;
    if (this.closed || !this.awareness) return;
    this.awareness.setLocalState({ [ROOM_STATE_KEY]: next });
    if (!remote) this.deps.cluster?.publishRoomState(this.id, next);
  }

  get storedBytes(): number {
    return this.bytes;
  }

  /**
   * Stores an update and then relays it to every other connection. Nothing is relayed before
   * storage has committed it; a malformed update or one that would overfill the board is
   * neither stored nor relayed. Updates are committed in groups (see UpdateBatcher).
   */
  submitUpdate(update: Uint8Array, from: RoomPeer | null, done: SubmitDone, message: Uint8Array | null = null): void {
    if (this.closed) {
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
      if (this.closed) {
        resolve('gone');
        return;
      }
      const done: SubmitDone = (result, error) => (error === undefined ? resolve(result) : reject(error));
      this.pending.push({ update, message: null, from: null, done, compacted: false, replaces });
      if (!this.waitingForCompaction) this.batcher.schedule(this);
    });
  }

  /** Sync step 1 for a joining connection (cached until the board changes). */
  syncStep1(): Uint8Array {
    return this.answers.step1Message();
  }

  /**
   * The answer to a client's sync step 1 (a step 2, and the updates since a cached one was
   * encoded, to be sent in order); throws on a malformed state vector.
   */
  syncStep2(stateVector: Uint8Array): readonly Uint8Array[] {
    return this.answers.step2Messages(stateVector);
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
    if (this.closed) {
      for (const entry of entries) entry.done('gone');
      this.notifyDrained();
      return null;
    }
    const accepted: PendingUpdate[] = [];
    // The board's bytes: MAX_BOARD_BYTES limits both documents together.
    let bytes = this.bytes + this.board.otherBytes(this);
    let snapshotChecked = false;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (!entry.replaces && bytes + entry.update.length > this.deps.settings.maxBoardBytes) {
        if (!entry.compacted && this.rowsSinceSnapshot + accepted.length > 0) {
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
      if (applied === 'applied') {
        accepted.push(entry);
        bytes += entry.update.length;
        continue;
      }
      if (applied === 'unchanged') {
        entry.done('unchanged');
        continue;
      }
      entry.done(applied.refused);
      if (applied.landed) {
        // Part of it landed in the document before it was refused: store and relay that part, as
        // the server's own change, so that the document and storage hold the same (docs/protocol.md).
        accepted.push({ update: applied.landed, message: null, from: null, done: ignore, compacted: true });
        bytes += applied.landed.length;
      }
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
      rows: accepted.map((entry) => ({ boardId: this.id, doc: this.document, update: entry.update })),
      settle: (outcome) => this.settle(accepted, outcome),
    };
  }

  /**
   * Applies one update to the document. Nothing reads its structs first: rights were decided
   * per connection and document (docs/protocol.md), so an update only has to decode, apply and
   * stay within the limits. Yjs applies structs one by one, so an update that throws halfway,
   * or whose pending content would pass the cap, may have placed some structs already: the
   * pending content is put back as it was, and what landed is returned (null when nothing did).
   */
  private apply(entry: PendingUpdate): Applied {
    const saved = savePending(this.doc);
    const pendingBefore = pendingBytes(this.doc);
    let transaction: Y.Transaction | null = null;
    let failed = false;
    try {
      this.doc.transact((tr) => {
        transaction = tr;
        Y.applyUpdate(this.doc, entry.update, entry.from);
      }, entry.from);
    } catch (error) {
      failed = true;
      this.deps.metrics.errors.inc({ kind: 'apply' });
      this.deps.log.info({ err: error, boardId: this.id, doc: this.document }, 'an update did not apply; refused');
    }
    const tr = transaction as Y.Transaction | null;
    const landed = tr !== null && ([...tr.afterState].some(([client, clock]) => (tr.beforeState.get(client) ?? 0) !== clock) || tr.deleteSet.clients.size > 0);
    const pendingAfter = pendingBytes(this.doc);
    const overCap = pendingAfter > this.maxPendingBytes && pendingAfter > pendingBefore;
    if (!failed && !overCap) return landed || pendingChanged(this.doc, saved) ? 'applied' : 'unchanged';
    restorePending(this.doc, saved);
    if (overCap) {
      this.deps.metrics.errors.inc({ kind: 'pending' });
      this.deps.log.info(
        { boardId: this.id, doc: this.document, pendingBytes: pendingAfter },
        'an update would leave too much content that cannot be placed; refused',
      );
    }
    return {
      refused: failed ? 'invalid' : 'pending-full',
      landed: landed && tr ? encodeWithoutPending(this.doc, Y.encodeStateVector(tr.beforeState)) : null,
    };
  }

  /** After the batch's transaction: relay what was stored, in order, and report each outcome. */
  private settle(accepted: PendingUpdate[], outcome: (number | null)[] | Error): void {
    this.committing = null;
    const markCommitted = this.markCommitted;
    this.committed = null;
    this.markCommitted = null;
    try {
      if (outcome instanceof Error) {
        // The document holds updates storage does not: nobody may see it. Drop the room; the
        // senders' offline copies bring their edits back when they reconnect.
        if (!(outcome instanceof BoardNotFoundError)) this.deps.metrics.errors.inc({ kind: 'storage' });
        this.deps.log.error({ err: outcome, boardId: this.id }, 'storing updates failed; the board is reloaded from storage');
        for (const entry of accepted) entry.done('gone', outcome);
        this.broken?.(this);
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
        this.lastSeq = seq;
        this.bytes += entry.update.length;
        this.rowsSinceSnapshot += 1;
        relayed.push(entry);
      }
      this.relay(relayed);
      const cluster = this.deps.cluster;
      if (cluster && relayed.length > 0) {
        // Committed, relayed here, and now told to the other instances: never before the commit.
        for (const entry of relayed) cluster.publishUpdate(this.id, this.document, entry.update);
        this.ownRows.push({ seq: this.lastSeq, at: Date.now() });
      }
      for (const entry of relayed) entry.done('applied');
      if (gone) this.broken?.(this);
      else if (this.compactionDue()) this.compactSoon();
    } finally {
      markCommitted?.();
      this.notifyDrained();
    }
  }

  /** Set by the room manager: drops this room (without storing) when its document and storage disagree. */
  broken: ((room: Room) => void) | null = null;

  private compactBeforeRetry(): void {
    this.waitingForCompaction = true;
    const run = async () => {
      // After this turn: the rows accepted before the full one are handed to storage first,
      // and compactNow waits for their commit.
      await Promise.resolve();
      await this.compactNow();
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
  private relay(entries: readonly PendingUpdate[]): void {
    if (entries.length === 0 || this.peers.size === 0) return;
    if (entries.length === 1) {
      const only = entries[0]!;
      this.broadcast(only.message ?? syncMessage(SyncType.Update, only.update), only.from);
      return;
    }
    const runs = relayRuns<RoomPeer, PendingUpdate>(entries);
    // Several messages to one peer leave in one write instead of one each.
    const corked = runs.length > 1 ? [...this.peers] : [];
    for (const peer of corked) peer.cork?.();
    try {
      for (const run of runs) relayRun(run, this.peers);
    } finally {
      for (const peer of corked) peer.uncork?.();
    }
  }

  broadcast(message: Uint8Array, except: RoomPeer | null = null): void {
    for (const peer of this.peers) {
      if (peer !== except) peer.send(message);
    }
  }

  /**
   * Applies a connection's presence. Dropped: a message of more entries than a room may hold
   * (unread); entries for a client id another connection (or the server) owns, or whose last
   * owner had another identity (a viewer cannot take an editor's id while the editor
   * reconnects); new client ids past MAX_PRESENCE_IDS_PER_CONNECTION or MAX_PRESENCE_PER_ROOM;
   * removals of ids nobody holds; states over MAX_PRESENCE_BYTES, states that carry a room state
   * (only the server speaks for the room), and facilitator-only fields (presenting, summon) from
   * anyone else. `admit` is asked once, when something is left to apply (the connection's rate
   * limit: a stock client echoes everyone's presence back, which costs nothing here). Throws when
   * the message does not decode.
   */
  receivePresence(peer: RoomPeer, update: Uint8Array, admit: () => boolean = () => true): { kept: number; dropped: number } {
    const awareness = this.awareness;
    const count = presenceEntryCount(update);
    if (!awareness || count > MAX_PRESENCE_PER_ROOM) return { kept: 0, dropped: count };
    const entries = decodePresence(update, false);
    const identity = identityOf(peer);
    const states = awareness.getStates();
    let owned = this.presenceCounts.get(peer) ?? 0;
    let present = states.size;
    const kept: PresenceEntry[] = [];
    for (const entry of entries) {
      if (entry.clientId === awareness.clientID) continue;
      const owner = this.presenceOwners.get(entry.clientId);
      if (owner !== undefined && owner !== peer) {
        // The same person back on a new socket: check soon whether the old one is still there.
        if (owner !== REMOTE_OWNER && identityOf(owner) === identity) owner.probe?.();
        continue;
      }
      if (owner === undefined) {
        if (entry.state === 'null') continue;
        const last = this.presenceIdentities.get(entry.clientId);
        if (last !== undefined && last !== identity) continue;
        if (owned >= MAX_PRESENCE_IDS_PER_CONNECTION || present >= MAX_PRESENCE_PER_ROOM) continue;
      }
      if (Buffer.byteLength(entry.state, 'utf8') > MAX_PRESENCE_BYTES) continue;
      const state: unknown = JSON.parse(entry.state);
      if (typeof state === 'object' && state !== null && ROOM_STATE_KEY in state) continue;
      if (peer.role !== 'facilitator' && claimsFacilitatorPresence(state)) continue;
      if (owner === undefined) {
        owned += 1;
        if (!states.has(entry.clientId)) present += 1;
      }
      kept.push(entry);
    }
    if (kept.length === 0 || !admit()) return { kept: 0, dropped: entries.length };
    for (const entry of kept) {
      if (this.presenceOwners.get(entry.clientId) === peer) {
        entry.clock += this.presenceClockOffsets.get(entry.clientId) ?? 0;
        continue;
      }
      // A user back on a new socket sends the clock its state had; everyone already holds a
      // higher clock for the id (its state was removed when the old socket left) and would ignore
      // it until the client renews its state twice (30 s). Its clocks are shifted past what
      // anyone holds, this message's and every later one's, so each still counts in order. A
      // client id nobody has seen keeps its clocks as they are.
      const known = awareness.meta.get(entry.clientId)?.clock;
      const offset = known !== undefined && entry.clock <= known && !states.has(entry.clientId) ? known + 1 - entry.clock : 0;
      if (offset > 0) this.presenceClockOffsets.set(entry.clientId, offset);
      else this.presenceClockOffsets.delete(entry.clientId);
      entry.clock += offset;
      this.presenceOwners.set(entry.clientId, peer);
      this.presenceCounts.set(peer, (this.presenceCounts.get(peer) ?? 0) + 1);
      this.rememberIdentity(entry.clientId, identity);
    }
    awarenessProtocol.applyAwarenessUpdate(awareness, encodePresence(kept), peer);
    return { kept: kept.length, dropped: entries.length - kept.length };
  }

  private rememberIdentity(clientId: number, identity: string): void {
    this.presenceIdentities.delete(clientId);
    this.presenceIdentities.set(clientId, identity);
    if (this.presenceIdentities.size > REMEMBERED_PRESENCE_OWNERS) {
      const oldest = this.presenceIdentities.keys().next();
      if (!oldest.done) this.presenceIdentities.delete(oldest.value);
    }
  }

  /**
   * Applies presence another instance relayed to its connections. It checked them (owner,
   * size, room state, facilitator fields) against its own connections; here only entries a
   * local connection owns, and the server's own, are kept out. Throws when it does not decode.
   */
  receiveRemotePresence(update: Uint8Array): number {
    const awareness = this.awareness;
    if (this.closed || !awareness) return 0;
    const count = presenceEntryCount(update);
    if (count > MAX_PRESENCE_PER_ROOM) return 0;
    let present = awareness.getStates().size;
    const kept = decodePresence(update).filter((entry) => {
      if (entry.clientId === awareness.clientID) return false;
      const owner = this.presenceOwners.get(entry.clientId);
      if (owner !== undefined && owner !== REMOTE_OWNER) return false;
      // Each instance kept its own rooms under the cap; together they may not be.
      if (owner === undefined && entry.state !== 'null') {
        if (present >= MAX_PRESENCE_PER_ROOM) return false;
        present += 1;
      }
      return true;
    });
    for (const entry of kept) {
      if (entry.state === 'null') this.presenceOwners.delete(entry.clientId);
      else this.presenceOwners.set(entry.clientId, REMOTE_OWNER);
    }
    if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(awareness, encodePresence(kept), CLUSTER_ORIGIN);
    return kept.length;
  }

  /**
   * Applies what another instance committed (or what storage holds, when catching up) and
   * relays to this instance's connections only what was new to the document. Not stored (it
   * is already) and not published again. Throws when the update does not decode.
   */
  applyRemoteUpdate(update: Uint8Array | readonly Uint8Array[]): void {
    if (this.closed) return;
    let fresh: Uint8Array | null = null;
    const capture = (changes: Uint8Array, origin: unknown) => {
      if (origin === CLUSTER_ORIGIN) fresh = changes;
    };
    this.doc.on('update', capture);
    try {
      if (update instanceof Uint8Array) Y.applyUpdate(this.doc, update, CLUSTER_ORIGIN);
      // Stored rows, in one transaction: what was new leaves as one message.
      else applyStoredRows(this.doc, update, this.badStoredRow, CLUSTER_ORIGIN);
    } finally {
      this.doc.off('update', capture);
    }
    // Each instance held its own pending content under the cap; together they may not be.
    this.capPending('another instance');
    const changes = fresh as Uint8Array | null;
    if (!changes) return;
    this.bytes += changes.length;
    this.broadcast(syncMessage(SyncType.Update, changes));
  }

  /**
   * Drops the document's pending content when it is over the cap (stored by an older server,
   * or merged from several instances): joiners are not sent it. Counted and logged.
   */
  capPending(from: string): boolean {
    const bytes = pendingBytes(this.doc);
    if (bytes <= this.maxPendingBytes) return false;
    dropPending(this.doc);
    this.answers.invalidate();
    this.pendingDropped = true;
    this.deps.metrics.errors.inc({ kind: 'pending' });
    this.deps.log.warn({ boardId: this.id, doc: this.document, pendingBytes: bytes, from }, 'dropped pending content over the cap');
    return true;
  }

  /** Every current presence state, for a joining connection or a query (none on the control room). */
  presenceSnapshot(): Uint8Array | null {
    const awareness = this.awareness;
    if (!awareness) return null;
    if (this.presenceCache) return this.presenceCache;
    const ids = [...awareness.getStates().keys()];
    if (ids.length === 0) return null;
    return (this.presenceCache = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, ids)));
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
  }

  /** Removes a connection and the presence it introduced, and tells the others. */
  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    const owned: number[] = [];
    for (const [clientId, owner] of this.presenceOwners) {
      if (owner === peer) owned.push(clientId);
    }
    for (const clientId of owned) {
      this.presenceOwners.delete(clientId);
      this.presenceClockOffsets.delete(clientId);
    }
    this.presenceCounts.delete(peer);
    if (owned.length > 0 && !this.closed && this.awareness) awarenessProtocol.removeAwarenessStates(this.awareness, owned, 'left');
  }

  closePeers(code: number, reason: string, which: (peer: RoomPeer) => boolean = () => true): void {
    for (const peer of [...this.peers]) {
      if (which(peer)) peer.close(code, reason);
    }
  }

  private compactionDue(): boolean {
    const stored = { rows: this.rowsSinceSnapshot, rowBytes: this.bytes - this.snapshotBytes, snapshotBytes: this.snapshotBytes };
    return compactionDue(stored, this.deps.settings.compactEvery);
  }

  /** Compaction off the hot path: it does not block the relay chain. */
  private compactSoon(): void {
    if (this.compaction) return;
    setImmediate(() => {
      if (!this.closed) void this.compactNow().catch(() => {});
    });
  }

  /** Replaces the stored rows with one snapshot of the document as it is now. */
  compactNow(): Promise<void> {
    if (this.compaction) return this.compaction;
    // Only what storage holds goes into the snapshot (an asynchronous storage may still be committing).
    if (this.committed) return this.committed.then(() => this.compactNow());
    // A board whose pending content was dropped at load is compacted even from one row: its
    // stored rows still hold that content, and the next load would read it again.
    if (this.rowsSinceSnapshot === 0 && !this.pendingDropped) return Promise.resolve();
    if (this.deps.cluster) return this.compactShared();
    // Read now: the document and storage hold exactly the rows up to lastSeq at this moment, so a
    // snapshot of either (made later, on the worker) covers those rows and no others.
    const throughSeq = this.lastSeq;
    const bytesCovered = this.bytes;
    const rowsCovered = this.rowsSinceSnapshot;
    return this.runCompaction(async () => {
      const cleaning = this.pendingDropped;
      const snapshot = await this.snapshotThrough(throughSeq);
      await this.deps.storage.compact(this.id, this.document, snapshot, throughSeq);
      if (cleaning) this.pendingDropped = false;
      this.bytes = this.bytes - bytesCovered + snapshot.length;
      this.snapshotBytes = snapshot.length;
      this.rowsSinceSnapshot -= rowsCovered;
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
    const cutoff = Date.now() - (this.deps.settings.clusterCompactMarginMs ?? CLUSTER_COMPACT_MARGIN_MS);
    let covered = 0;
    while (covered < this.ownRows.length && this.ownRows[covered]!.at <= cutoff) covered++;
    if (covered === 0) return Promise.resolve();
    const throughSeq = this.ownRows[covered - 1]!.seq;
    return this.runCompaction(async () => {
      const stored = await this.storedSnapshot(throughSeq);
      // Only the rows read are replaced: one numbered lower that committed after the read stays.
      await this.deps.storage.compact(this.id, this.document, stored.snapshot, throughSeq, stored.seqs);
      this.ownRows.splice(0, covered);
      this.bytes = Math.max(stored.snapshot.length, this.bytes - stored.bytes + stored.snapshot.length);
      this.snapshotBytes = stored.snapshot.length;
      this.rowsSinceSnapshot = this.ownRows.length;
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
      const busy = this.committed ?? this.compaction;
      if (!busy) break;
      await busy;
    }
    if (this.closed) return;
    if (pendingBytes(this.doc) > 0) {
      const dropped = dropPending(this.doc);
      this.answers.invalidate();
      this.deps.log.info({ boardId: this.id, doc: this.document, pendingBytes: dropped }, 'a restore dropped pending content');
    }
    const throughSeq = this.lastSeq;
    if (this.deps.cluster) {
      return this.runCompaction(async () => {
        const stored = await this.deps.storage.loadDocument(this.id, this.document, throughSeq);
        const doc = documentFromRows(stored.updates, this.badStoredRow);
        let snapshot: Uint8Array;
        try {
          dropPending(doc);
          snapshot = Y.encodeStateAsUpdate(doc);
        } finally {
          doc.destroy();
        }
        await this.deps.storage.compact(this.id, this.document, snapshot, throughSeq, stored.seqs);
        this.ownRows.length = 0;
        this.bytes = Math.max(snapshot.length, this.bytes - stored.bytes + snapshot.length);
        this.snapshotBytes = snapshot.length;
        this.rowsSinceSnapshot = 0;
      });
    }
    const bytesCovered = this.bytes;
    const rowsCovered = this.rowsSinceSnapshot;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    return this.runCompaction(async () => {
      await this.deps.storage.compact(this.id, this.document, snapshot, throughSeq);
      this.pendingDropped = false;
      this.bytes = this.bytes - bytesCovered + snapshot.length;
      this.snapshotBytes = snapshot.length;
      this.rowsSinceSnapshot -= rowsCovered;
    });
  }

  private runCompaction(work: () => Promise<void>): Promise<void> {
    const stopTimer = this.deps.metrics.persistence.startTimer({ operation: 'compact' });
    this.compaction = work()
      .catch((error: unknown) => {
        this.deps.metrics.errors.inc({ kind: 'storage' });
        this.deps.log.error({ err: error, boardId: this.id, doc: this.document }, 'compaction failed; the rows stay as they are');
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
    if (this.bytes < IN_PLACE_MAX_BYTES || this.pendingDropped) return Y.encodeStateAsUpdate(this.doc);
    return (await this.deps.storage.snapshotThrough(this.id, this.document, throughSeq)).snapshot;
  }

  /**
   * A snapshot of the stored rows up to `throughSeq`, with the rows it covers: on the storage's
   * worker from IN_PLACE_MAX_BYTES up, else read and encoded in place. A row that does not apply
   * is skipped, on either path, as when a board loads. In place, pending content over the cap is
   * left out (the worker is not asked when the rows are known to hold such content).
   */
  private async storedSnapshot(throughSeq: number): Promise<RowsSnapshot> {
    const { storage } = this.deps;
    if (this.bytes >= IN_PLACE_MAX_BYTES && !this.pendingDropped) return storage.snapshotThrough(this.id, this.document, throughSeq);
    const stored = await storage.loadDocument(this.id, this.document, throughSeq);
    const doc = documentFromRows(stored.updates, this.badStoredRow);
    try {
      if (pendingBytes(doc) > this.maxPendingBytes) dropPending(doc);
      return { snapshot: Y.encodeStateAsUpdate(doc), seqs: stored.seqs, bytes: stored.bytes };
    } finally {
      doc.destroy();
    }
  }

  private get badStoredRow(): (error: unknown, index: number) => void {
    return badRowReporter(this.deps.metrics, this.deps.log, this.id);
  }

  /** Waits for queued updates, then compacts; used when unloading and at shutdown. */
  async flush(): Promise<void> {
    await this.whenSettled();
    if (this.compaction) await this.compaction;
    await this.compactNow();
  }

  destroy(): void {
    this.closed = true;
    if (this.awareness) {
      this.awareness.off('update', this.relayPresence);
      this.awareness.destroy();
    }
    this.answers.destroy();
    this.doc.destroy();
  }

  private readonly relayPresence = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const changed = [...added, ...updated, ...removed];
    const awareness = this.awareness;
    if (changed.length === 0 || !awareness) return;
    this.presenceCache = null;
    const cluster = this.deps.cluster;
    if (cluster) {
      for (const clientId of removed) {
        if (this.presenceOwners.get(clientId) === REMOTE_OWNER) this.presenceOwners.delete(clientId);
      }
      // What this instance's connections said (or that they left). Not: what another instance
      // sent, timeouts (each instance times out stale presence itself), and the server's own
      // entry, whose room state travels as its own frame.
      if (origin !== CLUSTER_ORIGIN && origin !== 'timeout') {
        const ours = changed.filter((clientId) => clientId !== awareness.clientID);
        if (ours.length > 0) cluster.publishPresence(this.id, awarenessProtocol.encodeAwarenessUpdate(awareness, ours));
      }
    }
    // A room of one: the only connection is the one that sent it; there is nobody to tell.
    if (this.peers.size === 0 || (this.peers.size === 1 && this.peers.has(origin as RoomPeer))) return;
    this.broadcast(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, changed)));
  };
}
