import type { BoardDocument, Role, RoomState } from '@benchlearn/shared';
import type { LoadedBoard } from './board';

/**
 * What rooms tell the other instances sharing a board (docs/cluster.md), in plain verbs. Rooms
 * never see how it travels: the Redis implementation (cluster/) maps each verb to a frame.
 * Absent when one instance serves every board.
 */
export interface ClusterPort {
  /** An update of one of the board's documents, once committed to storage (never before). */
  publishUpdate(boardId: string, doc: BoardDocument, update: Uint8Array): void;
  /** Presence this instance's connections said (an awareness update), or that they left. */
  publishPresence(boardId: string, presence: Uint8Array): void;
  /** The room state (lock, join code) as this instance set it. */
  publishRoomState(boardId: string, state: RoomState): void;
  /** The board was deleted here: the others close their sockets on it. */
  publishClosed(boardId: string): void;
  /** A role's token was rotated: sockets opened with it close everywhere. */
  publishRevoked(boardId: string, role: Role): void;
  /** This instance has just loaded the board: whoever changed its room state, say it. */
  publishHello(boardId: string): void;
  /** Listens for boards to re-read from storage after the instance missed messages. */
  onCatchUp(listener: (boardIds: string[]) => void): void;
  /** One loaded board's subscription: what arrives for it goes to its rooms and to `actions`. */
  linkBoard(boardId: string, actions: BoardLinkActions): BoardSubscription;
}

/** What a board's subscription asks of the room manager. */
export interface BoardLinkActions {
  /** Another instance deleted the board (to be checked against storage before acting). */
  closed(boardId: string): void;
  /** The board may have missed committed updates: re-read it from storage. */
  catchUp(board: LoadedBoard): void;
  /** Another instance loaded the board and asks for the room state. */
  hello(board: LoadedBoard): void;
  /** Another instance rotated a role's token. */
  revoked(board: LoadedBoard, role: Role): void;
}

/** One loaded board's subscription, made before the board is read from storage. */
export interface BoardSubscription {
  /** Resolves once the subscription is confirmed (or was given up waiting for). */
  subscribe(): Promise<void>;
  /** The board is loaded: what arrived meanwhile is applied to it, and all that follows. */
  attach(board: LoadedBoard): void;
  close(): void;
}

/** The transaction origin of what another instance committed or relayed: never stored, never published again. */
export const CLUSTER_ORIGIN = Symbol('cluster');
