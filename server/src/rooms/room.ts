import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Log } from '../logging';
import {
  claimsFacilitatorPresence,
  DEFAULT_ROOM_STATE,
  MAX_PRESENCE_BYTES,
  ROOM_STATE_KEY,
  type Role,
  type RoomState,
} from '@benchlearn/shared';
import type { Metrics } from '../metrics';
import { BoardNotFoundError, type Storage } from '../storage/types';
import type { AutoSnapshots } from '../snapshots/snapshots';
import { awarenessMessage, decodePresence, encodePresence, SyncType, syncMessage } from './messages';

/** A connection as a room sees it: something to send to and to close. */
export interface RoomPeer {
  readonly role: Role;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /**
   * Checks soon that the other end is still there, and drops the connection if not. Called when
   * someone else claims this connection's presence: a client that reconnected after a network
   * drop keeps its client id, and its old, half-open socket must not hold that id for long.
   */
  probe?(): void;
}

export type SubmitResult = 'applied' | 'unchanged' | 'invalid' | 'too-large' | 'gone';

export interface RoomSettings {
  maxBoardBytes: number;
  compactEvery: number;
}

export interface RoomDeps {
  storage: Storage;
  metrics: Metrics;
  log: Log;
  settings: RoomSettings;
}

export interface LoadedState {
  doc: Y.Doc;
  locked: boolean;
  lastSeq: number;
  bytes: number;
  /** Rows stored since the last snapshot (what a compaction would merge). */
  rowsSinceSnapshot: number;
  /** Automatic history snapshots of this board, when they are on. */
  autoSnapshots?: AutoSnapshots | null;
}

/**
 * Checks that an update decodes and applies on its own, without touching the board. Throws on
 * a malformed update; returns whether it carries anything at all.
 */
function inspectUpdate(update: Uint8Array): boolean {
  const decoded = Y.decodeUpdate(update);
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, update);
  } finally {
    scratch.destroy();
  }
  return decoded.structs.length > 0 || decoded.ds.clients.size > 0;
}

/** One loaded board: its document, the connections on it and their presence. */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  /** What everyone in the room is told about it (the lock, the projector's join code), as presence. */
  private roomState: RoomState;
  /** HTTP requests and joining sockets that keep the room from unloading. */
  holds = 0;
  /** Set once the room is unloaded or its board deleted: it takes no more work. */
  closed = false;
  readonly autoSnapshots: AutoSnapshots | null;

  private chain: Promise<unknown> = Promise.resolve();
  private lastSeq: number;
  private bytes: number;
  private rowsSinceSnapshot: number;
  private compaction: Promise<void> | null = null;
  /** Which connection introduced each presence client id: others may not speak for it. */
  private readonly presenceOwners = new Map<number, RoomPeer>();

  constructor(
    readonly id: string,
    state: LoadedState,
    private readonly deps: RoomDeps,
  ) {
    this.doc = state.doc;
    this.roomState = { ...DEFAULT_ROOM_STATE, locked: state.locked };
    this.lastSeq = state.lastSeq;
    this.bytes = state.bytes;
    this.rowsSinceSnapshot = state.rowsSinceSnapshot;
    this.autoSnapshots = state.autoSnapshots ?? null;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The room state is the server's own presence (docs/protocol.md): it reaches every client,
    // joining ones too, through the awareness protocol a stock client already speaks. Awareness
    // renews it every 15 s, so clients never time it out. The room's document is never written
    // under this client id (server changes are made on a copy), so the id is the server's alone.
    this.awareness.setLocalState({ [ROOM_STATE_KEY]: this.roomState });
    this.awareness.on('update', this.relayPresence);
  }

  /** Checked on every update, since a facilitator can lock the board while people are connected. */
  get locked(): boolean {
    return this.roomState.locked;
  }

  set locked(locked: boolean) {
    this.setRoomState({ locked });
  }

  get state(): RoomState {
    return this.roomState;
  }

  /** Changes the room state and tells every connection at once. */
  setRoomState(changes: Partial<RoomState>): void {
    const next = { ...this.roomState, ...changes };
    if (next.locked === this.roomState.locked && next.showJoin === this.roomState.showJoin) return;
    this.roomState = next;
    if (!this.closed) this.awareness.setLocalState({ [ROOM_STATE_KEY]: next });
  }

  get storedBytes(): number {
    return this.bytes;
  }

  /** Runs tasks one at a time in arrival order, so relays leave in the order they were committed. */
  serialize<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => {});
    return result;
  }

  /**
   * Stores an update and then relays it to every other connection. Nothing is relayed before
   * storage has committed it; a malformed update or one that would overfill the board is
   * neither stored nor relayed.
   */
  submitUpdate(update: Uint8Array, from: RoomPeer | null): Promise<SubmitResult> {
    return this.serialize(() => this.commit(update, from));
  }

  /**
   * A change made by the server itself (a new title from the HTTP API, a restore), written by
   * `change` through shared's board API on a copy of the document, then stored and relayed like
   * any update. `prepare` runs first, in the same turn of the queue, with the document as it is
   * right before the change (a restore stores a snapshot of it there: no edit slips in between).
   */
  submitChange(change: (doc: Y.Doc) => void, prepare?: (doc: Y.Doc) => Promise<void> | void): Promise<SubmitResult> {
    return this.serialize(async () => {
      if (this.closed) return 'gone';
      if (prepare) await prepare(this.doc);
      if (this.closed) return 'gone';
      const copy = new Y.Doc();
      try {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
        const before = Y.encodeStateVector(copy);
        change(copy);
        return this.commit(Y.encodeStateAsUpdate(copy, before), null);
      } finally {
        copy.destroy();
      }
    });
  }

  private async commit(update: Uint8Array, from: RoomPeer | null): Promise<SubmitResult> {
    if (this.closed) return 'gone';
    let hasContent: boolean;
    try {
      hasContent = inspectUpdate(update);
    } catch {
      return 'invalid';
    }
    if (!hasContent) return 'unchanged';
    if (this.bytes + update.length > this.deps.settings.maxBoardBytes) {
      // History may be what fills the board: merge it before refusing.
      if (this.rowsSinceSnapshot > 0) await this.compactNow();
      if (this.bytes + update.length > this.deps.settings.maxBoardBytes) return 'too-large';
    }
    const stopTimer = this.deps.metrics.persistence.startTimer({ operation: 'append' });
    let seq: number;
    try {
      seq = await this.deps.storage.appendUpdate(this.id, update);
    } catch (error) {
      if (error instanceof BoardNotFoundError) return 'gone';
      this.deps.metrics.errors.inc({ kind: 'storage' });
      throw error;
    } finally {
      stopTimer();
    }
    if (this.closed) return 'gone';
    this.lastSeq = seq;
    this.bytes += update.length;
    this.rowsSinceSnapshot += 1;
    // The board as it was before this change, when an automatic snapshot is due.
    this.autoSnapshots?.beforeChange(this.doc);
    try {
      Y.applyUpdate(this.doc, update, from);
    } catch (error) {
      // It applied to an empty document but not to this one; it is stored, and loading skips it.
      this.deps.metrics.errors.inc({ kind: 'apply' });
      this.deps.log.error({ err: error, boardId: this.id }, 'a stored update did not apply to the board');
    }
    this.broadcast(syncMessage(SyncType.Update, update), from);
    if (this.rowsSinceSnapshot >= this.deps.settings.compactEvery) this.compactSoon();
    return 'applied';
  }

  broadcast(message: Uint8Array, except: RoomPeer | null = null): void {
    for (const peer of this.peers) {
      if (peer !== except) peer.send(message);
    }
  }

  /**
   * Applies a connection's presence. Dropped: entries for a client id another connection (or
   * the server) introduced, states over MAX_PRESENCE_BYTES, states that carry a room state
   * (only the server speaks for the room), and facilitator-only fields (presenting, summon)
   * from anyone else. Throws when the message does not decode.
   */
  receivePresence(peer: RoomPeer, update: Uint8Array): { kept: number; dropped: number } {
    const entries = decodePresence(update);
    const kept = entries.filter((entry) => {
      if (entry.clientId === this.awareness.clientID) return false;
      const owner = this.presenceOwners.get(entry.clientId);
      if (owner !== undefined && owner !== peer) {
        owner.probe?.();
        return false;
      }
      if (Buffer.byteLength(entry.state, 'utf8') > MAX_PRESENCE_BYTES) return false;
      const state: unknown = JSON.parse(entry.state);
      if (typeof state === 'object' && state !== null && ROOM_STATE_KEY in state) return false;
      return peer.role === 'facilitator' || !claimsFacilitatorPresence(state);
    });
    for (const entry of kept) {
      if (entry.state !== 'null') this.presenceOwners.set(entry.clientId, peer);
    }
    if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresence(kept), peer);
    return { kept: kept.length, dropped: entries.length - kept.length };
  }

  /** Every current presence state, for a joining connection or a query. */
  presenceSnapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
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
    for (const clientId of owned) this.presenceOwners.delete(clientId);
    if (owned.length > 0 && !this.closed) awarenessProtocol.removeAwarenessStates(this.awareness, owned, 'left');
  }

  closePeers(code: number, reason: string, which: (peer: RoomPeer) => boolean = () => true): void {
    for (const peer of [...this.peers]) {
      if (which(peer)) peer.close(code, reason);
    }
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
    if (this.rowsSinceSnapshot === 0) return Promise.resolve();
    // Taken synchronously: the document holds exactly the rows up to lastSeq at this moment.
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const throughSeq = this.lastSeq;
    const bytesCovered = this.bytes;
    const rowsCovered = this.rowsSinceSnapshot;
    const stopTimer = this.deps.metrics.persistence.startTimer({ operation: 'compact' });
    this.compaction = this.deps.storage
      .compact(this.id, snapshot, throughSeq)
      .then(() => {
        this.bytes = this.bytes - bytesCovered + snapshot.length;
        this.rowsSinceSnapshot -= rowsCovered;
      })
      .catch((error: unknown) => {
        this.deps.metrics.errors.inc({ kind: 'storage' });
        this.deps.log.error({ err: error, boardId: this.id }, 'compaction failed; the rows stay as they are');
      })
      .finally(() => {
        stopTimer();
        this.compaction = null;
      });
    return this.compaction;
  }

  /** Waits for queued updates, then compacts; used when unloading and at shutdown. */
  async flush(): Promise<void> {
    await this.serialize(() => undefined);
    await this.autoSnapshots?.settled();
    if (this.compaction) await this.compaction;
    await this.compactNow();
  }

  destroy(): void {
    this.closed = true;
    this.awareness.off('update', this.relayPresence);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly relayPresence = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    this.broadcast(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
  };
}
