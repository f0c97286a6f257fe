import * as Y from 'yjs';
import { SCHEMA_VERSION, boardMaps, isFiniteNumber, transactBoard, type BoardDocs } from '../board/doc';
import { SESSION_MAP } from '../board/session';

export * from './export';

/** The facilitator's top-level types, which schema 1 kept in the one document. */
const CONTROL_TYPES = ['meta', 'frames', SESSION_MAP] as const;

/**
 * Migration from version `n` to `n + 1`, keyed by `n`, each named for what it does. They run in
 * one transaction per document, in order.
 */
const migrations: Record<number, (board: BoardDocs) => void> = {
  1: splitV1Board,
};

export class UnsupportedSchemaError extends Error {
  constructor(readonly schema: number) {
    super(`board schema ${schema} is newer than this server understands (${SCHEMA_VERSION})`);
  }
}

/**
 * The schema a board is stored in: the control document's `meta.schema` (2 on), else the one
 * document's of schema 1, else null for two empty documents (nothing to migrate).
 */
export function storedSchema(board: BoardDocs): number | null {
  const control = boardMaps(board).meta.get('schema');
  if (isFiniteNumber(control)) return control;
  if (board.control.getMap('meta').size > 0 || board.control.getMap('frames').size > 0) return SCHEMA_VERSION;
  const legacy = board.content.getMap<unknown>('meta');
  if (legacy.size === 0) return null;
  const schema = legacy.get('schema');
  return isFiniteNumber(schema) ? schema : 1;
}

/**
 * Brings an older board up to SCHEMA_VERSION; returns whether it changed anything. Run where a
 * board is loaded (the server) before anyone sees it. Idempotent: a migrated board, a new board
 * and two empty documents are left alone.
 */
export function migrateBoard(board: BoardDocs): boolean {
  const from = storedSchema(board);
  if (from === null || from === SCHEMA_VERSION) return false;
  if (from > SCHEMA_VERSION) throw new UnsupportedSchemaError(from);
  transactBoard(board, () => {
    for (let version = from; version < SCHEMA_VERSION; version++) {
      const step = migrations[version];
      if (!step) throw new UnsupportedSchemaError(version);
      step(board);
    }
    boardMaps(board).meta.set('schema', SCHEMA_VERSION);
  });
  return true;
}

/**
 * 1 -> 2: the board becomes two documents. Meta, frames and the session move from the one
 * document (which stays the content document: cards, links, votes) into the control document,
 * and are deleted from the content document so no stale copy lingers there. Entries are copied
 * under their own keys, so two servers migrating the same board at once write the same keys and
 * Yjs keeps one value per key.
 */
function splitV1Board(board: BoardDocs): void {
  for (const name of CONTROL_TYPES) {
    const legacy = board.content.getMap<unknown>(name);
    const target = board.control.getMap<unknown>(name);
    for (const [key, value] of legacy.entries()) target.set(key, copyValue(value));
    for (const key of [...legacy.keys()]) legacy.delete(key);
  }
}

/** A deep copy of a value read from a Y.Map, fit to be inserted into another document. */
function copyValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const copy = new Y.Map<unknown>();
    for (const [key, inner] of value.entries()) copy.set(key, copyValue(inner));
    return copy;
  }
  if (value instanceof Y.Array) return Y.Array.from(value.toArray().map(copyValue) as Parameters<typeof Y.Array.from>[0]);
  if (value instanceof Y.Text) return new Y.Text(value.toString());
  return value;
}
