import type * as Y from 'yjs';
import type { BoardDocs, BoardDocument, Role } from '@benchlearn/shared';
import type { Log } from '../logging';
import type { Metrics } from '../metrics';
import type { AutoSnapshots } from '../snapshots/snapshots';
import type { Storage } from '../storage/types';
import type { ClusterPort } from './clusterPort';
import type { Fanout } from './fanout';
import type { SyncAnswers } from './syncAnswers';

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
  otherBytes(document: BoardDocument): number;
  /** Automatic history snapshots of this board, when they are on. */
  autoSnapshots: AutoSnapshots | null;
}

/** Called once with the outcome of a submitted update, or with the storage error (nothing stored). */
export type SubmitDone = (result: SubmitResult, error?: unknown) => void;

/**
 * What storage holds of one document, as far as its room knows: the update pipeline counts
 * what it commits, the compactor what it merges.
 */
export interface StoredState {
  lastSeq: number;
  bytes: number;
  /** Rows stored since the last snapshot (what a compaction would merge). */
  rowsSinceSnapshot: number;
  /** Bytes of the last snapshot. */
  snapshotBytes: number;
  /** Pending content over the cap was dropped (at load, or merged from instances); compactions encode the cleaned document. */
  pendingDropped: boolean;
  /** With a cluster: this room's committed rows since its last compaction, oldest first, with when. */
  ownRows: { seq: number; at: number }[];
}

/** What the parts of a room share: the document, where it is stored, and the connections on it. */
export interface RoomCore {
  readonly id: string;
  readonly document: BoardDocument;
  readonly doc: Y.Doc;
  readonly deps: RoomDeps;
  readonly stored: StoredState;
  readonly peers: Set<RoomPeer>;
  /** Sends relays and presence to the peers, in order (big rooms in slices: fanout.ts). */
  readonly fanout: Fanout<RoomPeer>;
  /** Answers to sync step 1, cached until the document changes under them. */
  readonly answers: SyncAnswers;
  /** Set once the board is unloaded or deleted: the room takes no more work. */
  isClosed(): boolean;
}
