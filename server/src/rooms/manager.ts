import { BOARD_DOCUMENTS, CloseCode, type BoardDocs, type BoardDocument, type Role } from '@benchlearn/shared';
import { AutoSnapshots, type SnapshotSettings } from '../snapshots/snapshots';
import { UpdateBatcher } from './batcher';
import { LoadedBoard } from './board';
import { badRowReporter, documentFromRows } from './storedRows';
import { loadedState, migrate } from './load';
import { MemoryReleaser } from './releaser';
import type { BoardSubscription } from './clusterPort';
import type { LoadedState, RoomDeps, RoomPeer } from './room';

export interface RoomManagerOptions extends RoomDeps {
  /** How long a room stays loaded after its last connection left. */
  idleMs: number;
  /** Automatic snapshots while a board is edited; off when absent. */
  snapshots?: SnapshotSettings;
  /** Gives the memory of unloaded boards back (see MemoryReleaser); default settings when absent. */
  releaser?: MemoryReleaser;
}

function closeRole(board: LoadedBoard, role: Role): void {
  board.closePeers(CloseCode.Unauthorized, 'token rotated', (peer) => peer.role === role);
}

/**
 * Loads a board (its two documents' rooms) on demand and unloads it when nobody uses it. A
 * board requested twice while loading is loaded once: both callers get the same promise.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Promise<LoadedBoard | null>>();
  private readonly loaded = new Map<string, LoadedBoard>();
  private readonly idleTimers = new Map<LoadedBoard, NodeJS.Timeout>();
  private readonly links = new Map<LoadedBoard, BoardSubscription>();
  private shuttingDown = false;
  private readonly batcher: UpdateBatcher;
  private readonly releaser: MemoryReleaser;

  constructor(private readonly options: RoomManagerOptions) {
    this.batcher = new UpdateBatcher(options.storage, options.metrics);
    this.releaser = options.releaser ?? new MemoryReleaser();
    this.releaser.countRoomsWith(() => this.rooms.size);
    options.cluster?.onCatchUp((boardIds) => {
      for (const boardId of boardIds) {
        const room = this.loaded.get(boardId);
        if (room) this.queueCatchUp(room);
      }
    });
  }

  /** Boards waiting for a re-read of storage, and the chain that reads them. */
  private readonly catchUpsQueued = new Set<LoadedBoard>();
  private catchUpChain: Promise<void> = Promise.resolve();

  /**
   * Re-reads a board from storage after the ones already waiting. One board after another: each
   * re-read applies a whole board on the event loop, and a server with many boards loaded must
   * not stall every room at once after a Redis blip. A board already waiting is not queued twice.
   */
  private queueCatchUp(board: LoadedBoard): void {
    if (this.catchUpsQueued.has(board)) return;
    this.catchUpsQueued.add(board);
    this.catchUpChain = this.catchUpChain.then(async () => {
      this.catchUpsQueued.delete(board);
      if (!board.closed) await this.catchUp(board);
    });
  }

  /**
   * Re-reads a board's documents from storage into its rooms, relaying to this instance's
   * connections what they had not seen: after Redis dropped messages, storage still has every
   * committed update.
   */
  private async catchUp(board: LoadedBoard): Promise<void> {
    const { storage, log, metrics } = this.options;
    for (const room of board.rooms) {
      try {
        const stored = await storage.loadDocument(board.id, room.document);
        if (!room.closed) room.applyRemoteUpdate(stored.updates);
      } catch (error) {
        metrics.errors.inc({ kind: 'storage' });
        log.warn({ err: error, boardId: board.id, doc: room.document }, 'catching up on a shared board failed');
      }
    }
  }

  /** Another instance says it deleted the board: believed once storage says so too. */
  private remoteClosed(boardId: string): void {
    this.options.storage.getBoard(boardId).then(
      (record) => {
        if (!record || record.deleted) return this.dropHere(boardId, CloseCode.BoardNotFound, 'board deleted');
      },
      (error: unknown) => this.options.log.warn({ err: error, boardId }, 'checking a board another instance deleted failed'),
    );
  }

  /** The board if it is loaded now (not while loading). */
  peek(boardId: string): LoadedBoard | undefined {
    return this.loaded.get(boardId);
  }

  /**
   * The room if it is loaded or loading, once ready. Storage changes made before this call are
   * seen by a load that starts after it, so together they never miss a change.
   */
  async ifLoaded(boardId: string): Promise<LoadedBoard | null> {
    const pending = this.rooms.get(boardId);
    if (!pending) return null;
    const room = await pending.catch(() => null);
    return room && !room.closed ? room : null;
  }

  get size(): number {
    return this.loaded.size;
  }

  /**
   * The board's room, loaded if needed, with a hold that keeps it loaded until `release`.
   * Null when the board is unknown or deleted.
   */
  async hold(boardId: string): Promise<LoadedBoard | null> {
    // A room closes only from an idle timer or a delete; a second attempt sees the new state.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.shuttingDown) return null;
      const room = await this.load(boardId);
      if (!room) return null;
      if (!room.closed) {
        room.holds += 1;
        this.cancelIdle(room);
        return room;
      }
    }
    throw new Error(`room ${boardId} kept closing while loading`);
  }

  release(room: LoadedBoard): void {
    room.holds = Math.max(0, room.holds - 1);
    this.scheduleIdleIfUnused(room);
  }

  /** Runs `work` with the board held; null when the board is unknown or deleted. */
  async use<T>(boardId: string, work: (board: LoadedBoard) => Promise<T> | T): Promise<{ value: T } | null> {
    const room = await this.hold(boardId);
    if (!room) return null;
    try {
      return { value: await work(room) };
    } finally {
      this.release(room);
    }
  }

  join(board: LoadedBoard, doc: BoardDocument, peer: RoomPeer): void {
    this.cancelIdle(board);
    board.room(doc).join(peer);
    this.options.metrics.connections.inc();
  }

  leave(board: LoadedBoard, doc: BoardDocument, peer: RoomPeer): void {
    const room = board.room(doc);
    if (!room.peers.has(peer)) return;
    room.leave(peer);
    this.options.metrics.connections.dec();
    if (!this.shuttingDown) this.releaser.socketClosed();
    this.scheduleIdleIfUnused(board);
  }

  /**
   * A role's token was rotated: the sockets opened with it close (4401), on every instance.
   * (The HTTP route calls this instead of closing the room's peers itself, so that other
   * instances hear of it.)
   */
  async revoke(boardId: string, role: Role): Promise<void> {
    this.options.cluster?.publishRevoked(boardId, role);
    const room = await this.ifLoaded(boardId);
    if (room) closeRole(room, role);
  }

  /** A deleted board: close its sockets with `code` and drop the room without storing anything. */
  async drop(boardId: string, code: number, reason: string): Promise<void> {
    // Other instances close theirs too, whether or not this one has the board loaded.
    this.options.cluster?.publishClosed(boardId);
    await this.dropHere(boardId, code, reason);
  }

  private async dropHere(boardId: string, code: number, reason: string): Promise<void> {
    const pending = this.rooms.get(boardId);
    if (!pending) return;
    const room = await pending.catch(() => null);
    if (!room) return;
    this.forget(room);
    room.markClosed();
    room.closePeers(code, reason);
    room.destroy();
  }

  /**
   * A room whose document holds what storage does not (a commit failed): close its sockets
   * with 1011 and forget it without storing anything, so the next join loads what storage has.
   */
  private discard(room: LoadedBoard): void {
    if (room.closed) return;
    this.forget(room);
    room.markClosed();
    room.closePeers(1011, 'the board could not be stored; reconnect');
    // After the current relay loop: the room's own code is still on the stack.
    setImmediate(() => room.destroy());
  }

  /** Unloads every room after storing what is queued; used on shutdown. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.releaser.stop();
    const pending = [...this.rooms.values()];
    const rooms = (await Promise.all(pending.map((promise) => promise.catch(() => null)))).filter((room): room is LoadedBoard => room !== null);
    await Promise.all(rooms.map((room) => this.unload(room, true)));
  }

  private load(boardId: string): Promise<LoadedBoard | null> {
    let pending = this.rooms.get(boardId);
    if (!pending) {
      pending = this.open(boardId);
      this.rooms.set(boardId, pending);
      // An unknown board or a failed load is not cached: the next request asks storage again.
      pending.then(
        (room) => {
          if (!room && this.rooms.get(boardId) === pending) this.rooms.delete(boardId);
        },
        () => {
          if (this.rooms.get(boardId) === pending) this.rooms.delete(boardId);
        },
      );
    }
    return pending;
  }

  private async open(boardId: string): Promise<LoadedBoard | null> {
    const cluster = this.options.cluster;
    if (!cluster) return this.openFromStorage(boardId, null);
    // Subscribed before reading storage: nothing committed elsewhere in between is missed.
    const link = cluster.linkBoard(boardId, {
      closed: (id) => this.remoteClosed(id),
      catchUp: (room) => this.queueCatchUp(room),
      // Only an instance whose room state was changed knows better than a fresh load's defaults.
      hello: (room) => {
        if (room.stateChanged) cluster.publishRoomState(room.id, room.state);
        // The instance saying hello may have been killed after committing updates and before
        // publishing them, and is loading the board again: storage has what we never got.
        this.queueCatchUp(room);
      },
      revoked: (room, role) => closeRole(room, role),
    });
    await link.subscribe();
    try {
      const room = await this.openFromStorage(boardId, link);
      if (!room) link.close();
      return room;
    } catch (error) {
      link.close();
      throw error;
    }
  }

  private async openFromStorage(boardId: string, link: BoardSubscription | null): Promise<LoadedBoard | null> {
    const { storage, metrics, log } = this.options;
    const record = await storage.getBoard(boardId);
    if (!record || record.deleted) return null;
    const stopTimer = metrics.persistence.startTimer({ operation: 'load' });
    const stored = {
      content: await storage.loadDocument(boardId, 'content'),
      control: await storage.loadDocument(boardId, 'control'),
    };
    stopTimer();
    const onBadRow = badRowReporter(metrics, log, boardId);
    const docs: BoardDocs = { content: documentFromRows(stored.content.updates, onBadRow), control: documentFromRows(stored.control.updates, onBadRow) };
    const states = {} as Record<BoardDocument, LoadedState>;
    for (const doc of BOARD_DOCUMENTS) states[doc] = loadedState(this.options, boardId, doc, docs[doc], stored[doc]);
    const migration = await migrate(this.options, boardId, docs, states);
    let autoSnapshots: AutoSnapshots | null = null;
    const snapshots = this.options.snapshots;
    if (snapshots && snapshots.intervalMs > 0) {
      // The interval runs across loads: a board reopened a minute later takes no new one yet.
      const newest = (await storage.listSnapshots(boardId)).find((snapshot) => snapshot.auto);
      autoSnapshots = new AutoSnapshots(boardId, { storage, log, metrics, settings: snapshots }, newest?.createdAt ?? 0);
    }
    const board = new LoadedBoard(boardId, { ...states, locked: record.locked, autoSnapshots }, this.options, this.batcher);
    board.broken = (broken) => this.discard(broken);
    if (link) {
      this.links.set(board, link);
      link.attach(board);
      for (const doc of BOARD_DOCUMENTS) {
        const update = migration[doc];
        if (update) this.options.cluster?.publishUpdate(boardId, doc, update);
      }
      // The join code's visibility is not stored: ask the instances that have the board loaded.
      this.options.cluster?.publishHello(boardId);
    }
    // A document loaded with pending content over the cap has it compacted away from storage.
    for (const room of board.rooms) if (states[room.document].pendingDropped) void room.compactNow();
    this.loaded.set(boardId, board);
    metrics.rooms.set(this.loaded.size);
    // Loaded for a request that may never join (an HTTP read, a socket that went away).
    this.scheduleIdleIfUnused(board);
    return board;
  }

  private scheduleIdleIfUnused(room: LoadedBoard): void {
    if (room.closed || this.shuttingDown || room.peerCount > 0 || room.holds > 0 || this.idleTimers.has(room)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(room);
      if (room.peerCount === 0 && room.holds === 0) {
        void this.unload(room, false).catch((error: unknown) => {
          this.options.log.error({ err: error, boardId: room.id }, 'unloading the board failed');
        });
      }
    }, this.options.idleMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  private cancelIdle(room: LoadedBoard): void {
    const timer = this.idleTimers.get(room);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(room);
    }
  }

  private forget(room: LoadedBoard): void {
    this.cancelIdle(room);
    this.links.get(room)?.close();
    this.links.delete(room);
    if (this.loaded.get(room.id) === room) {
      this.loaded.delete(room.id);
      this.rooms.delete(room.id);
    }
    this.options.metrics.rooms.set(this.loaded.size);
  }

  private async unload(room: LoadedBoard, closePeers: boolean): Promise<void> {
    if (room.closed) return;
    // Forget it first: a request arriving now loads a fresh room from storage, which holds
    // the same state whether or not the compaction below has committed yet.
    this.forget(room);
    room.markClosed();
    if (closePeers) room.closePeers(1001, 'server shutting down');
    try {
      await room.flush();
    } finally {
      room.destroy();
      if (!this.shuttingDown) this.releaser.unloaded(room.storedBytes);
    }
  }
}
