import * as Y from 'yjs';

/**
 * The current document schema (contract §1 `meta.schema`, kept in the control document).
 * 1: one document per board. 2: the board is two documents (see BoardDocs); a v1 board is
 * split on load by `migrate/splitV1Board`.
 */
export const SCHEMA_VERSION = 2;

export type CardMap = Y.Map<unknown>;
export type LinkMap = Y.Map<unknown>;
export type FrameMap = Y.Map<unknown>;

/**
 * A board is two Yjs documents (contract v2, docs/model.md), so the server can decide who may
 * write by connection and document instead of reading every update's structs:
 * - `content`: cards, links and votes: what editors write (`/sync/:boardId`);
 * - `control`: meta, frames and the session: what only facilitators write
 *   (`/sync/:boardId/control`).
 * A write that touches both (moving a frame with its cards, restoring a snapshot) is one
 * transaction per document.
 */
export interface BoardDocs {
  readonly content: Y.Doc;
  readonly control: Y.Doc;
}

/** The two documents by name, as storage, the sync route and the cluster name them. */
export const BOARD_DOCUMENTS = ['content', 'control'] as const;
export type BoardDocument = (typeof BOARD_DOCUMENTS)[number];

/** Two fresh, empty documents. */
export function newBoardDocs(): BoardDocs {
  return { content: new Y.Doc(), control: new Y.Doc() };
}

export function destroyBoardDocs(board: BoardDocs): void {
  board.content.destroy();
  board.control.destroy();
}

/**
 * Runs `fn` inside one transaction on each document, with one origin: the shared/ writes it
 * makes nest in them and take that origin, and each document's observers run once, after `fn`.
 */
export function transactBoard<T>(board: BoardDocs, fn: () => T, origin: unknown = null): T {
  let result!: T;
  board.content.transact(() => {
    board.control.transact(() => {
      result = fn();
    }, origin);
  }, origin);
  return result;
}

/** The top-level shared types of a board, by their contract names, each in its document. */
export function boardMaps(board: BoardDocs) {
  return {
    meta: board.control.getMap<unknown>('meta'),
    cards: board.content.getMap<CardMap>('cards'),
    links: board.content.getMap<LinkMap>('links'),
    frames: board.control.getMap<FrameMap>('frames'),
  };
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
