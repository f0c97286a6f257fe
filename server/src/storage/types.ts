import type { BoardDocument, Role } from '@benchlearn/shared';
import type { TokenHashes } from '../auth/tokens';
import type { NetworkStorage } from './networks';

export type { BoardDocument };

export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  locked: boolean;
  /** A deleted board keeps only its id (so it is never reused); everything else is gone. */
  deleted: boolean;
  tokenHashes: TokenHashes;
}

export interface NewBoardMeta {
  title: string;
  createdAt: number;
}

export interface BoardFields {
  title?: string;
  locked?: boolean;
}

/** One of a board's two stored documents (content or control): its rows in order, to be applied one after another. */
export interface StoredDocument {
  updates: Uint8Array[];
  /** The sequence number of the newest row; a compaction up to it covers everything loaded. */
  lastSeq: number;
  /** Each row's sequence number, in the order of `updates`. */
  seqs: number[];
  /** Bytes of all rows together (what MAX_BOARD_BYTES limits). */
  bytes: number;
}

/** One document's stored rows up to a sequence number as one update (Storage.snapshotThrough). */
export interface RowsSnapshot {
  snapshot: Uint8Array;
  /** The sequence numbers of the rows it was made of (Storage.compact's `covered`). */
  seqs: number[];
  /** Bytes of those rows together. */
  bytes: number;
}

/** Card and link counts of a snapshot, taken when it is made (the history list shows them). */
export interface SnapshotCounts {
  success: number;
  problem: number;
  lesson: number;
  note: number;
  links: number;
}

/** A snapshot as listed: what it is called, when it was taken, whether the server took it. */
export interface SnapshotInfo {
  id: string;
  name: string;
  createdAt: number;
  /** Taken by the server (while the board was edited, or before a restore), not by a person. */
  auto: boolean;
  counts: SnapshotCounts;
}

/** A snapshot with its documents, each one Yjs update holding that document at that moment. */
export interface StoredSnapshot extends SnapshotInfo {
  /** The content document (cards, links, votes). */
  data: Uint8Array;
  /**
   * The control document (meta, frames, session); null for a snapshot stored before the board
   * became two documents (schema 1): then `data` holds the whole board, split when it is read.
   */
  control: Uint8Array | null;
}

/** One update to append to a board (see Storage.appendUpdates). */
export interface UpdateRow {
  boardId: string;
  doc: BoardDocument;
  update: Uint8Array;
}

export class BoardNotFoundError extends Error {
  constructor(readonly boardId: string) {
    super(`board ${boardId} does not exist`);
  }
}

/**
 * Where boards live. Every method is async so a networked database fits behind it; the rooms
 * never know which database they talk to.
 */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** Networks of boards and their lessons library (storage/networks.ts). */
  readonly networks: NetworkStorage;
  /** A new board with the first row of each of its documents. */
  createBoard(id: string, tokenHashes: TokenHashes, initial: Readonly<Record<BoardDocument, Uint8Array>>, meta: NewBoardMeta): Promise<void>;
  /** The board's record, or null when it never existed. A deleted board answers with `deleted: true`. */
  getBoard(id: string): Promise<BoardRecord | null>;
  /** Changes title and/or lock; null when the board is unknown or deleted. */
  updateBoard(id: string, fields: BoardFields): Promise<BoardRecord | null>;
  /** Replaces one role's token hash (rotation: the old token stops working at once). */
  setTokenHash(id: string, role: Role, hash: string): Promise<void>;
  /** Removes both documents, the snapshots, the title and the tokens; returns whether there was a live board. */
  deleteBoard(id: string): Promise<boolean>;
  /**
   * Every row of one of the board's documents in order, or only those up to `throughSeq`.
   * A board stored before schema 2 has only `content` rows (the whole v1 board) and no
   * `control` rows: the rooms migrate it on load (shared's migrateBoard).
   */
  loadDocument(id: string, doc: BoardDocument, throughSeq?: number): Promise<StoredDocument>;
  /**
   * Appends one update and resolves once it is durably committed (see the adapter for what
   * "durably" means there). Returns the row's sequence number. Throws BoardNotFoundError
   * for an unknown or deleted board.
   */
  appendUpdate(id: string, doc: BoardDocument, update: Uint8Array): Promise<number>;
  /**
   * Appends several rows, of one board or many, in ONE transaction (group commit: the rooms
   * collect what arrives in one turn of the event loop and store it together). Resolves once
   * all are durably committed, with each row's sequence number in order, or null for a row
   * whose board is unknown or deleted (that row is not stored; the others are). Rejects, with
   * nothing stored, when the transaction fails.
   */
  appendUpdates(rows: readonly UpdateRow[]): Promise<(number | null)[]>;
  /**
   * Replaces the rows of one document up to and including `throughSeq` with one snapshot
   * (stored under `throughSeq`), in one transaction. Rows appended after the snapshot was
   * taken stay, and so do the other document's rows.
   *
   * `covered`: the sequence numbers of the rows the snapshot was made from, when it was made
   * from rows read from storage. Then only those rows are replaced: with several server
   * instances writing one PostgreSQL database, a row is numbered when it is inserted but seen
   * when it commits, so a row numbered below `throughSeq` may have committed after the read. It
   * stays as it is (Yjs updates apply in any order) and the next compaction takes it in.
   */
  compact(id: string, doc: BoardDocument, snapshot: Uint8Array, throughSeq: number, covered?: readonly number[]): Promise<void>;
  /**
   * One document's rows up to and including `throughSeq` as one snapshot, built off the event
   * loop on the adapter's own worker (a row that does not apply is skipped, as when a board
   * loads), with the rows it covers: what a compaction of a big board stores.
   */
  snapshotThrough(id: string, doc: BoardDocument, throughSeq: number): Promise<RowsSnapshot>;
  /** Stored bytes of one document, or of both when `doc` is left out. */
  boardBytes(id: string, doc?: BoardDocument): Promise<number>;
  /**
   * Stores a snapshot of a board's document. Retention, in the same transaction: of the
   * automatic snapshots only the newest `keepAuto` stay; named ones stay until the board is
   * deleted. Throws BoardNotFoundError for an unknown or deleted board.
   */
  createSnapshot(boardId: string, snapshot: StoredSnapshot, keepAuto: number): Promise<void>;
  /** The board's snapshots, newest first, without their documents. */
  listSnapshots(boardId: string): Promise<SnapshotInfo[]>;
  /** One snapshot with its document, or null when the board has no snapshot with that id. */
  getSnapshot(boardId: string, snapshotId: string): Promise<StoredSnapshot | null>;
  close(): Promise<void>;
}
