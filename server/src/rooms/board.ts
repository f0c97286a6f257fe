import * as Y from 'yjs';
import { BOARD_DOCUMENTS, newBoardDocs, destroyBoardDocs, transactBoard, type BoardDocs, type BoardDocument, type RoomState } from '@benchlearn/shared';
import type { AutoSnapshots } from '../snapshots/snapshots';
import type { UpdateBatcher } from './batcher';
import { encodeWithoutPending } from './pending';
import { Room, type LoadedState, type RoomBoard, type RoomDeps, type RoomPeer, type SubmitResult } from './room';

export interface LoadedBoardState {
  content: LoadedState;
  control: LoadedState;
  locked: boolean;
  autoSnapshots: AutoSnapshots | null;
}

/** The outcome of a server change made of one outcome per document: the worst one counts. */
function combined(results: readonly SubmitResult[]): SubmitResult {
  for (const worst of ['gone', 'invalid', 'too-large', 'pending-full'] as const) if (results.includes(worst)) return worst;
  return results.includes('applied') ? 'applied' : 'unchanged';
}

/**
 * A change written by shared's board API on a copy of the board: per document, what it changed
 * (null for a document it left alone), and the copy itself for `inspect` (e.g. its size).
 */
function changeOnCopy<T>(
  docs: BoardDocs,
  change: (board: BoardDocs) => void,
  inspect?: (copy: BoardDocs) => T,
): { updates: Record<BoardDocument, Uint8Array | null>; inspected: T | undefined } {
  const copy = newBoardDocs();
  const captured: Record<BoardDocument, Uint8Array[]> = { content: [], control: [] };
  try {
    for (const doc of BOARD_DOCUMENTS) {
      Y.applyUpdate(copy[doc], Y.encodeStateAsUpdate(docs[doc]));
      // Exactly the change (its structs and deletions): an untouched document has none.
      copy[doc].on('update', (update: Uint8Array) => captured[doc].push(update));
    }
    transactBoard(copy, () => change(copy));
    const updates = { content: null, control: null } as Record<BoardDocument, Uint8Array | null>;
    for (const doc of BOARD_DOCUMENTS) {
      const parts = captured[doc];
      updates[doc] = parts.length === 0 ? null : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
    }
    return { updates, inspected: inspect?.(copy) };
  } finally {
    destroyBoardDocs(copy);
  }
}

/**
 * One loaded board: its two documents' rooms (content and control, each with its own update
 * pipeline, see Room) and what belongs to the board as a whole: the holds that keep it loaded,
 * the lock and room state (carried by the content room's presence), the server's own changes,
 * restores, flushing and closing both together.
 */
export class LoadedBoard implements RoomBoard {
  readonly content: Room;
  readonly control: Room;
  readonly docs: BoardDocs;
  readonly autoSnapshots: AutoSnapshots | null;
  /** HTTP requests and joining sockets that keep the board from unloading. */
  holds = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    state: LoadedBoardState,
    private readonly deps: RoomDeps,
    batcher: UpdateBatcher,
  ) {
    this.docs = { content: state.content.doc, control: state.control.doc };
    this.autoSnapshots = state.autoSnapshots;
    this.content = new Room(id, state.content, this, deps, batcher, state.locked);
    this.control = new Room(id, state.control, this, deps, batcher);
  }

  room(doc: BoardDocument): Room {
    return doc === 'content' ? this.content : this.control;
  }

  get rooms(): readonly [Room, Room] {
    return [this.content, this.control];
  }

  isLocked(): boolean {
    return this.content.locked;
  }

  get locked(): boolean {
    return this.content.locked;
  }

  get state(): RoomState {
    return this.content.state;
  }

  get stateChanged(): boolean {
    return this.content.stateChanged;
  }

  setRoomState(changes: Partial<RoomState>, remote = false): void {
    this.content.setRoomState(changes, remote);
  }

  otherBytes(document: BoardDocument): number {
    return document === 'content' ? this.control.storedBytes : this.content.storedBytes;
  }

  get storedBytes(): number {
    return this.content.storedBytes + this.control.storedBytes;
  }

  /** Set once the board is unloaded or deleted: it takes no more work. */
  get closed(): boolean {
    return this.content.closed;
  }

  markClosed(): void {
    for (const room of this.rooms) room.closed = true;
  }

  get peerCount(): number {
    return this.content.peers.size + this.control.peers.size;
  }

  /** Called when a room's document and storage disagree (a commit failed): the board is dropped. */
  set broken(handler: (board: LoadedBoard) => void) {
    for (const room of this.rooms) room.broken = () => handler(this);
  }

  /** Null when everything both documents hold is committed; else resolves once it is. */
  uncommitted(): Promise<void> | null {
    const waits = this.rooms.map((room) => room.uncommitted()).filter((wait): wait is Promise<void> => wait !== null);
    return waits.length === 0 ? null : Promise.all(waits).then(() => undefined);
  }

  /** Runs tasks one at a time in arrival order (the server's changes, flushing). */
  serialize<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => {});
    return result;
  }

  private settled(): Promise<unknown> {
    return Promise.all(this.rooms.map((room) => room.whenSettled()));
  }

  /**
   * A change made by the server itself (a new title from the HTTP API), written by `change`
   * through shared's board API on a copy of the board, then stored and relayed like any update,
   * each document's part in its own room (one group commit takes both). `prepare` runs first, in
   * the same turn of the queue, with the board as it is right before the change.
   */
  submitChange(change: (board: BoardDocs) => void, prepare?: (board: BoardDocs) => Promise<void> | void): Promise<SubmitResult> {
    return this.serialize(async () => {
      if (this.closed) return 'gone';
      await this.settled();
      if (prepare) await prepare(this.docs);
      if (this.closed) return 'gone';
      const { updates } = changeOnCopy(this.docs, change);
      const results = await Promise.all(BOARD_DOCUMENTS.map((doc) => (updates[doc] ? this.room(doc).submitServerUpdate(updates[doc]) : 'unchanged')));
      return combined(results);
    });
  }

  /**
   * A restore: like submitChange, but it replaces rather than adds ("restore of a snapshot
   * always works on a full board"). The size limit is checked on the result (the board as the
   * snapshot holds it, without pending content), not on the stored bytes plus the change; once
   * the change is committed and relayed, each document's stored rows are replaced by one
   * snapshot of the document, without pending content, so a board filled with junk is rescued
   * in place.
   */
  restore(change: (board: BoardDocs) => void, prepare?: (board: BoardDocs) => Promise<void> | void): Promise<SubmitResult> {
    return this.serialize(async () => {
      if (this.closed) return 'gone';
      await this.settled();
      if (prepare) await prepare(this.docs);
      if (this.closed) return 'gone';
      const { updates, inspected: resultBytes } = changeOnCopy(this.docs, change, (copy) =>
        BOARD_DOCUMENTS.reduce((sum, doc) => sum + encodeWithoutPending(copy[doc]).length, 0),
      );
      if ((resultBytes ?? 0) > this.deps.settings.maxBoardBytes) return 'too-large';
      const results = await Promise.all(BOARD_DOCUMENTS.map((doc) => (updates[doc] ? this.room(doc).submitServerUpdate(updates[doc], true) : 'unchanged')));
      const result = combined(results);
      if (result === 'applied' || result === 'unchanged') await Promise.all(this.rooms.map((room) => room.replaceRows()));
      return result;
    });
  }

  closePeers(code: number, reason: string, which: (peer: RoomPeer) => boolean = () => true): void {
    for (const room of this.rooms) room.closePeers(code, reason, which);
  }

  /** Waits for queued work, then compacts both documents; used when unloading and at shutdown. */
  async flush(): Promise<void> {
    await this.serialize(() => undefined);
    await this.settled();
    await this.autoSnapshots?.settled();
    await Promise.all(this.rooms.map((room) => room.flush()));
  }

  destroy(): void {
    for (const room of this.rooms) room.destroy();
  }
}
