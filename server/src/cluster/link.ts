import type { LoadedBoard } from '../rooms/board';
import type { BoardLinkActions, BoardSubscription } from '../rooms/clusterPort';
import { pendingBytes } from '../rooms/pending';
import type { Cluster } from './cluster';
import { FrameKind, frameDocument, type Frame } from './frame';

/** Frames held while the board loads; past this, the room re-reads storage instead once loaded. */
const MAX_BUFFERED_FRAMES = 10_000;
/** At most one re-read of storage this often when remote updates keep arriving without their base. */
export const GAP_CATCH_UP_MS = 1000;
/**
 * How long a load waits for Redis to confirm the subscription. A Redis that accepts connections
 * but does not answer must not stall every load: past this the board loads anyway and is
 * re-read from storage once the subscription is confirmed.
 */
export const SUBSCRIBE_WAIT_MS = 1000;

/** What a board's subscription asks of the room manager (the rooms' own port). */
export type LinkActions = BoardLinkActions;

/**
 * One loaded board's subscription. It is subscribed before the board is read from storage, and
 * what arrives meanwhile is held and applied once the room exists: Yjs updates are idempotent
 * and commute, so an update both in the read rows and in the buffer is harmless, and one
 * committed between the read and the subscription cannot be missed.
 */
export class BoardLink implements BoardSubscription {
  private buffer: Frame[] | null = [];
  private overflowed = false;
  /** The subscription was confirmed after the load read storage: the read may have missed updates. */
  private late = false;
  private room: LoadedBoard | null = null;
  private lastGapCatchUp = -Infinity;
  private readonly handler = (frame: Frame) => this.receive(frame);

  constructor(
    readonly boardId: string,
    private readonly cluster: Pick<Cluster, 'subscribe' | 'unsubscribe'>,
    private readonly actions: LinkActions,
  ) {}

  /** Resolves once Redis confirmed the subscription, or after SUBSCRIBE_WAIT_MS. */
  async subscribe(waitMs = SUBSCRIBE_WAIT_MS): Promise<void> {
    const confirmed = this.cluster.subscribe(this.boardId, this.handler);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      confirmed.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), waitMs);
      }),
    ]);
    clearTimeout(timer);
    if (!timedOut) return;
    void confirmed.then(() => {
      if (this.room && !this.room.closed) this.actions.catchUp(this.room);
      else this.late = true;
    });
  }

  attach(room: LoadedBoard): void {
    this.room = room;
    const buffered = this.buffer ?? [];
    this.buffer = null;
    for (const frame of buffered) this.apply(room, frame);
    // Confirmed while loading but after the read began, or too much arrived to hold.
    if (this.overflowed || this.late) this.actions.catchUp(room);
    this.late = false;
  }

  close(): void {
    this.buffer = null;
    this.room = null;
    this.cluster.unsubscribe(this.boardId, this.handler);
  }

  private receive(frame: Frame): void {
    if (this.buffer) {
      if (this.buffer.length < MAX_BUFFERED_FRAMES) this.buffer.push(frame);
      else this.overflowed = true;
      return;
    }
    if (this.room && !this.room.closed) this.apply(this.room, frame);
  }

  private catchUpOnGap(room: LoadedBoard): void {
    const now = Date.now();
    if (now - this.lastGapCatchUp < GAP_CATCH_UP_MS) return;
    this.lastGapCatchUp = now;
    this.actions.catchUp(room);
  }

  private apply(room: LoadedBoard, frame: Frame): void {
    switch (frame.kind) {
      case FrameKind.Update:
      case FrameKind.ControlUpdate: {
        const target = room.room(frameDocument(frame.kind));
        target.applyRemoteUpdate(frame.update);
        // It builds on updates this instance never got: another instance committed them and
        // died before publishing them (pub/sub is at-most-once). Storage has them.
        if (pendingBytes(target.doc) > 0) this.catchUpOnGap(room);
        break;
      }
      case FrameKind.Presence:
        room.content.receiveRemotePresence(frame.presence);
        break;
      case FrameKind.RoomState:
        room.setRoomState(frame.state, true);
        break;
      case FrameKind.Closed:
        this.actions.closed(this.boardId);
        break;
      case FrameKind.Resync:
        this.actions.catchUp(room);
        break;
      case FrameKind.Hello:
        this.actions.hello(room);
        break;
      case FrameKind.Revoked:
        this.actions.revoked(room, frame.role);
        break;
    }
  }
}
