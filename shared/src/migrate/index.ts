import * as Y from 'yjs';
import { SCHEMA_VERSION, boardMaps, isFiniteNumber } from '../board/doc';

export * from './export';

/** Migration from version `n` to `n + 1`, keyed by `n`. Version 1 is the first; none yet. */
const migrations: Record<number, (doc: Y.Doc) => void> = {};

export class UnsupportedSchemaError extends Error {
  constructor(readonly schema: number) {
    super(`board schema ${schema} is newer than this server understands (${SCHEMA_VERSION})`);
  }
}

/** Brings an older board up to SCHEMA_VERSION in one transaction; returns whether it changed. */
export function migrateBoard(doc: Y.Doc): boolean {
  const { meta } = boardMaps(doc);
  const raw = meta.get('schema');
  const from = isFiniteNumber(raw) ? raw : SCHEMA_VERSION;
  if (from > SCHEMA_VERSION) throw new UnsupportedSchemaError(from);
  if (from === SCHEMA_VERSION) return false;
  doc.transact(() => {
    for (let version = from; version < SCHEMA_VERSION; version++) {
      const step = migrations[version];
      if (!step) throw new UnsupportedSchemaError(version);
      step(doc);
    }
    meta.set('schema', SCHEMA_VERSION);
  });
  return true;
}
