import type * as Y from 'yjs';
import type * as awarenessProtocol from 'y-protocols/awareness';
import { DEFAULT_ROOM_STATE, type BoardDocument, type RoomState } from '@benchlearn/shared';
import type { RoomBatch, UpdateBatcher } from './batcher';
import { Compactor } from './compactor';
import { Fanout } from './fanout';
import { presenceEntryCount } from './messages';
import { UpdatePipeline } from './pipeline';
import { RoomPresence } from './presence';
import { SyncAnswers } from './syncAnswers';
import type { LoadedState, RoomBoard, RoomCore, RoomDeps, RoomPeer, StoredState, SubmitDone, SubmitResult } from './types';

export { CLUSTER_ORIGIN } from './clusterPort';
export { CLUSTER_COMPACT_MARGIN_MS, IN_PLACE_MAX_BYTES } from './compactor';
export type { LoadedState, RoomBoard, RoomDeps, RoomPeer, RoomSettings, SubmitDone, SubmitResult } from './types';

/**
 * One of a loaded board's documents (content or control), as a small façade over parts with
 * one job each: the update pipeline (queue, apply, group commit through the batcher, relay;
 * pipeline.ts), presence and the room state (content room only; presence.ts), and compaction
 * (compactor.ts). The connections on the document are the room's own. What belongs to the
 * board as a whole (holds, lock, server changes, restore) is LoadedBoard's.
 */
export class Room {
  readonly document: BoardDocument;
  readonly doc: Y.Doc;
  readonly peers = new Set<RoomPeer>();
  private readonly fanout = new Fanout(this.peers, (peer) => peer.role !== 'viewer');
  /** What everyone in the room is told about it (the lock, the projector's join code), as presence. */
  private roomState: RoomState;
  /** The room state was changed since the load, here or by another instance (see ClusterPort.publishHello). */
  stateChanged = false;
  /** Set once the board is unloaded or deleted: the room takes no more work. */
  closed = false;
  /** Set by the room manager: drops this room (without storing) when its document and storage disagree. */
  broken: ((room: Room) => void) | null = null;

  private readonly stored: StoredState;
  private readonly answers: SyncAnswers;
  private readonly pipeline: UpdatePipeline;
  private readonly compactor: Compactor;
  /** Presence, on the content room only (null on the control room). */
  private readonly presence: RoomPresence | null;

  constructor(
    readonly id: string,
    state: LoadedState,
    private readonly board: RoomBoard,
    private readonly deps: RoomDeps,
    batcher: UpdateBatcher,
    locked = false,
  ) {
    this.document = state.document;
    this.doc = state.doc;
    this.roomState = { ...DEFAULT_ROOM_STATE, locked };
    const { lastSeq, bytes, rowsSinceSnapshot, snapshotBytes } = state;
    this.stored = { lastSeq, bytes, rowsSinceSnapshot, snapshotBytes, pendingDropped: state.pendingDropped ?? false, ownRows: [] };
    this.answers = new SyncAnswers(this.doc);
    const core: RoomCore = {
      id,
      document: this.document,
      doc: this.doc,
      deps,
      stored: this.stored,
      peers: this.peers,
      fanout: this.fanout,
      answers: this.answers,
      isClosed: () => this.closed,
    };
    this.compactor = new Compactor(core, () => this.pipeline.uncommitted());
    this.pipeline = new UpdatePipeline(core, board, batcher, this.compactor, () => this.broken?.(this));
    this.presence = this.document === 'content' ? new RoomPresence(core, this.roomState, (message, except) => this.broadcast(message, except)) : null;
  }

  /** Presence, on the content room only (null on the control room). */
  get awareness(): awarenessProtocol.Awareness | null {
    return this.presence?.awareness ?? null;
  }

  /** Checked on every update, since a facilitator can lock the board while people are connected. */
  get locked(): boolean {
    return this.presence ? this.roomState.locked : this.board.isLocked();
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
    if (this.closed || !this.presence) return;
    this.presence.showRoomState(next);
    if (!remote) this.deps.cluster?.publishRoomState(this.id, next);
  }

  get storedBytes(): number {
    return this.stored.bytes;
  }

  /**
   * Stores an update and then relays it to every other connection. Nothing is relayed before
   * storage has committed it; a malformed update or one that would overfill the board is
   * neither stored nor relayed. Updates are committed in groups (see UpdateBatcher).
   */
  submitUpdate(update: Uint8Array, from: RoomPeer | null, done: SubmitDone, message: Uint8Array | null = null): void {
    this.pipeline.submitUpdate(update, from, done, message);
  }

  /**
   * The server's own update (a change LoadedBoard made on a copy of the board), as a promise.
   * `replaces`: a restore, whose size was checked on the result; it is not refused as too large.
   */
  submitServerUpdate(update: Uint8Array, replaces = false): Promise<SubmitResult> {
    return this.pipeline.submitServerUpdate(update, replaces);
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

  /** Null when everything the document holds is committed; else resolves once it is (see UpdatePipeline). */
  uncommitted(): Promise<void> | null {
    return this.pipeline.uncommitted();
  }

  /** The pipeline's share of a group commit (see UpdatePipeline.takeBatch). */
  takeBatch(): RoomBatch | null {
    return this.pipeline.takeBatch();
  }

  /** Resolves once no update is queued or being stored. */
  whenSettled(): Promise<void> {
    return this.pipeline.whenSettled();
  }

  /** Sends a message to every connection of the room but `except`. */
  broadcast(message: Uint8Array, except: RoomPeer | null = null): void {
    this.pipeline.broadcast(message, except);
  }

  /** A connection's presence (see RoomPresence.receivePresence); nothing on the control room. */
  receivePresence(peer: RoomPeer, update: Uint8Array, admit?: () => boolean): { kept: number; dropped: number } {
    if (!this.presence) return { kept: 0, dropped: presenceEntryCount(update) };
    return this.presence.receivePresence(peer, update, admit);
  }

  /** Presence another instance relayed (see RoomPresence.receiveRemotePresence). */
  receiveRemotePresence(update: Uint8Array): number {
    return this.presence?.receiveRemotePresence(update) ?? 0;
  }

  /** What another instance committed, or storage holds when catching up (see UpdatePipeline). */
  applyRemoteUpdate(update: Uint8Array | readonly Uint8Array[]): void {
    this.pipeline.applyRemoteUpdate(update);
  }

  /** Drops pending content over the cap (see Compactor.capPending). */
  capPending(from: string): boolean {
    return this.compactor.capPending(from);
  }

  /** Every current presence state, for a joining connection or a query (none on the control room). */
  presenceSnapshot(): Uint8Array | null {
    return this.presence?.snapshot() ?? null;
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
    this.fanout.joined(peer);
  }

  /** Removes a connection and the presence it introduced, and tells the others. */
  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    this.fanout.left(peer);
    this.presence?.left(peer);
  }

  closePeers(code: number, reason: string, which: (peer: RoomPeer) => boolean = () => true): void {
    for (const peer of [...this.peers]) {
      if (which(peer)) peer.close(code, reason);
    }
  }

  /** Replaces the stored rows with one snapshot of the document as it is now. */
  compactNow(): Promise<void> {
    return this.compactor.compactNow();
  }

  /** After a restore: the stored rows become one snapshot without pending content (see Compactor). */
  replaceRows(): Promise<void> {
    return this.compactor.replaceRows();
  }

  /** Waits for queued updates, then compacts; used when unloading and at shutdown. */
  async flush(): Promise<void> {
    await this.whenSettled();
    const running = this.compactor.running;
    if (running) await running;
    await this.compactNow();
  }

  destroy(): void {
    this.closed = true;
    this.presence?.destroy();
    this.answers.destroy();
    this.doc.destroy();
  }
}
