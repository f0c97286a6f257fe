import pg from 'pg';
import { BOARD_DOCUMENTS, type BoardDocument, type Role } from '@benchlearn/shared';
import type { TokenHashes } from '../auth/tokens';
import { bufferOf, HASH_COLUMN, tokenHashesOf } from './columns';
import { parseCounts } from './counts';
import { POSTGRES_NETWORK_TABLES, PostgresNetworks } from './postgresNetworks';
import { rowsSnapshotWorker, type RowsSnapshotWorker } from './snapshotWorker';
import {
  BoardNotFoundError,
  type BoardFields,
  type BoardRecord,
  type NewBoardMeta,
  type SnapshotInfo,
  type Storage,
  type StoredDocument,
  type StoredSnapshot,
  type UpdateRow,
  type RowsSnapshot,
} from './types';

/**
 * PostgreSQL storage, used when DATABASE_URL is set. A commit returns once PostgreSQL has
 * flushed it to its WAL (`synchronous_commit = on`, the default), so a committed update
 * survives a crash of either process and a power loss of the database host.
 */

/**
 * The tables as a new database gets them. Runs on every start and leaves existing tables as they
 * are: an older database gets its missing columns from MIGRATION.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  locked BOOLEAN NOT NULL DEFAULT FALSE,
  deleted BOOLEAN NOT NULL DEFAULT FALSE,
  facilitator_hash TEXT NOT NULL,
  editor_hash TEXT NOT NULL,
  viewer_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
  seq BIGSERIAL PRIMARY KEY,
  board_id TEXT NOT NULL,
  data BYTEA NOT NULL,
  doc TEXT NOT NULL DEFAULT 'content' CHECK (doc IN ('content', 'control'))
);
CREATE TABLE IF NOT EXISTS snapshots (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  board_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  auto BOOLEAN NOT NULL,
  counts TEXT NOT NULL,
  data BYTEA NOT NULL,
  control BYTEA
);
`;

/**
 * Storage schema 1 -> 2 (contract v2: a board is two documents). A v1 database's rows are all of
 * the one document, which becomes the content document: hence the default. A v1 snapshot has no
 * control document: null, and `data` holds the whole v1 board. The v1 index on (board_id, seq)
 * gives way to one per document. Each ALTER runs only when its column is missing (see
 * createTables): ALTER TABLE locks the table even when IF NOT EXISTS finds the column.
 */
const MIGRATION: readonly { table: string; column: string; sql: string }[] = [
  {
    table: 'updates',
    column: 'doc',
    sql: `ALTER TABLE updates ADD COLUMN IF NOT EXISTS doc TEXT NOT NULL DEFAULT 'content' CHECK (doc IN ('content', 'control'))`,
  },
  { table: 'snapshots', column: 'control', sql: 'ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS control BYTEA' },
];

const INDEXES = `
DROP INDEX IF EXISTS updates_board;
CREATE INDEX IF NOT EXISTS updates_board_doc ON updates (board_id, doc, seq);
CREATE INDEX IF NOT EXISTS snapshots_board ON snapshots (board_id, auto, seq);
`;

interface BoardRow {
  id: string;
  title: string;
  created_at: string;
  locked: boolean;
  deleted: boolean;
  facilitator_hash: string;
  editor_hash: string;
  viewer_hash: string;
}

interface SnapshotRow {
  id: string;
  name: string;
  created_at: string;
  auto: boolean;
  counts: string;
  data?: Buffer;
  /** Null for a snapshot stored before schema 2. */
  control?: Buffer | null;
}

function toSnapshotInfo(row: SnapshotRow): SnapshotInfo {
  return { id: row.id, name: row.name, createdAt: Number(row.created_at), auto: row.auto, counts: parseCounts(row.counts) };
}

function toRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    title: row.title,
    createdAt: Number(row.created_at),
    locked: row.locked,
    deleted: row.deleted,
    tokenHashes: tokenHashesOf(row),
  };
}

/** Locks the board row against a concurrent delete for the rest of the transaction. */
const LOCK_LIVE_BOARD = 'SELECT 1 FROM boards WHERE id = $1 AND NOT deleted FOR SHARE';

/** Any constant: the advisory lock the instances take in turn to create the tables. */
const SCHEMA_LOCK = 0x62656e63;

/**
 * Creates the schema and tables unless they exist, and adds what an older version's tables lack.
 * Several instances starting at once on an empty database (REDIS_URL deployments) would race:
 * CREATE ... IF NOT EXISTS is not atomic in the catalog and one of them failed with a duplicate
 * key. They take turns under a lock, and the instance that migrates does it in one transaction.
 */
async function createTables(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(TABLES);
    // current_schema(): where the unqualified names above resolve (the search_path's first schema).
    const present = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name IN ('updates', 'snapshots')`,
    );
    const has = new Set(present.rows.map((row) => `${row.table_name}.${row.column_name}`));
    for (const { table, column, sql } of MIGRATION) if (!has.has(`${table}.${column}`)) await client.query(sql);
    await client.query(INDEXES);
    await client.query(POSTGRES_NETWORK_TABLES);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export interface PostgresOptions {
  connectionString: string;
  /** A schema to keep the tables in (tests use a throwaway one); default: the search_path's. */
  schema?: string;
}

export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private closed = false;
  /** Compactions' snapshots of big boards: the rows are read here and encoded on a thread. */
  readonly snapshots: RowsSnapshotWorker = rowsSnapshotWorker();

  /** Networks and the lessons library. */
  readonly networks: PostgresNetworks;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
    this.networks = new PostgresNetworks(pool, (work) => this.transaction(work));
  }

  /** Connects and creates the tables; rejects when the database cannot be reached. */
  static async open(options: PostgresOptions): Promise<PostgresStorage> {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('invalid schema name');
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: 10,
      connectionTimeoutMillis: 5000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client's network error must not crash the process; the next query reports it.
    pool.on('error', () => {});
    try {
      await createTables(pool, schema);
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
    return new PostgresStorage(pool);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async createBoard(id: string, hashes: TokenHashes, initial: Readonly<Record<BoardDocument, Uint8Array>>, meta: NewBoardMeta): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO boards (id, title, created_at, facilitator_hash, editor_hash, viewer_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        meta.title,
        meta.createdAt,
        hashes.facilitator,
        hashes.editor,
        hashes.viewer,
      ]);
      for (const doc of BOARD_DOCUMENTS) await client.query('INSERT INTO updates (board_id, doc, data) VALUES ($1, $2, $3)', [id, doc, bufferOf(initial[doc])]);
    });
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const result = await this.pool.query<BoardRow>('SELECT * FROM boards WHERE id = $1', [id]);
    const row = result.rows[0];
    return row ? toRecord(row) : null;
  }

  async updateBoard(id: string, fields: BoardFields): Promise<BoardRecord | null> {
    const result = await this.pool.query<BoardRow>(
      `UPDATE boards SET title = COALESCE($2, title), locked = COALESCE($3, locked)
       WHERE id = $1 AND NOT deleted RETURNING *`,
      [id, fields.title ?? null, fields.locked ?? null],
    );
    const row = result.rows[0];
    return row ? toRecord(row) : null;
  }

  async setTokenHash(id: string, role: Role, hash: string): Promise<void> {
    const result = await this.pool.query(`UPDATE boards SET ${HASH_COLUMN[role]} = $2 WHERE id = $1 AND NOT deleted`, [id, hash]);
    if (result.rowCount === 0) throw new BoardNotFoundError(id);
  }

  async deleteBoard(id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      // Updating the row first takes its lock, so no append can slip in between.
      const result = await client.query(
        `UPDATE boards SET deleted = TRUE, title = '', locked = FALSE, facilitator_hash = '', editor_hash = '', viewer_hash = ''
         WHERE id = $1 AND NOT deleted`,
        [id],
      );
      await client.query('DELETE FROM updates WHERE board_id = $1', [id]);
      await client.query('DELETE FROM snapshots WHERE board_id = $1', [id]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async loadDocument(id: string, doc: BoardDocument, throughSeq = Number.MAX_SAFE_INTEGER): Promise<StoredDocument> {
    const result = await this.pool.query<{ seq: string; data: Buffer }>(
      'SELECT seq, data FROM updates WHERE board_id = $1 AND doc = $2 AND seq <= $3 ORDER BY seq',
      [id, doc, throughSeq],
    );
    let bytes = 0;
    for (const row of result.rows) bytes += row.data.length;
    const last = result.rows.at(-1);
    return {
      updates: result.rows.map((row) => new Uint8Array(row.data)),
      lastSeq: last ? Number(last.seq) : 0,
      seqs: result.rows.map((row) => Number(row.seq)),
      bytes,
    };
  }

  async appendUpdate(id: string, doc: BoardDocument, update: Uint8Array): Promise<number> {
    const result = await this.pool.query<{ seq: string }>(
      `WITH live AS (${LOCK_LIVE_BOARD})
       INSERT INTO updates (board_id, doc, data) SELECT $1, $2, $3 FROM live RETURNING seq`,
      [id, doc, bufferOf(update)],
    );
    const row = result.rows[0];
    if (!row) throw new BoardNotFoundError(id);
    return Number(row.seq);
  }

  async appendUpdates(rows: readonly UpdateRow[]): Promise<(number | null)[]> {
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((row) => row.boardId))];
    return this.transaction(async (client) => {
      // Locks every live board of the batch against a concurrent delete until the commit.
      const live = await client.query<{ id: string }>('SELECT id FROM boards WHERE id = ANY($1) AND NOT deleted FOR SHARE', [ids]);
      const liveIds = new Set(live.rows.map((row) => row.id));
      const kept = rows.filter((row) => liveIds.has(row.boardId));
      const seqs: number[] = [];
      if (kept.length > 0) {
        // One multi-row insert; sequence numbers are assigned in the order of the array.
        const inserted = await client.query<{ seq: string }>(
          'INSERT INTO updates (board_id, doc, data) SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[]) RETURNING seq',
          [kept.map((row) => row.boardId), kept.map((row) => row.doc), kept.map((row) => bufferOf(row.update))],
        );
        for (const row of inserted.rows) seqs.push(Number(row.seq));
        seqs.sort((a, b) => a - b);
      }
      let next = 0;
      return rows.map((row) => (liveIds.has(row.boardId) ? (seqs[next++] ?? null) : null));
    });
  }

  async compact(id: string, doc: BoardDocument, snapshot: Uint8Array, throughSeq: number, covered?: readonly number[]): Promise<void> {
    if (throughSeq <= 0) return;
    await this.transaction(async (client) => {
      const live = await client.query(LOCK_LIVE_BOARD, [id]);
      if (live.rowCount === 0) return;
      if (covered) {
        await client.query('DELETE FROM updates WHERE board_id = $1 AND doc = $2 AND seq <= $3 AND seq = ANY($4::bigint[])', [id, doc, throughSeq, covered]);
      } else await client.query('DELETE FROM updates WHERE board_id = $1 AND doc = $2 AND seq <= $3', [id, doc, throughSeq]);
      // The snapshot takes the newest sequence number it covers, so it stays before later rows.
      await client.query('INSERT INTO updates (seq, board_id, doc, data) VALUES ($1, $2, $3, $4)', [throughSeq, id, doc, bufferOf(snapshot)]);
    });
  }

  async boardBytes(id: string, doc?: BoardDocument): Promise<number> {
    // A null `doc` matches both documents.
    const result = await this.pool.query<{ bytes: string }>(
      'SELECT COALESCE(SUM(octet_length(data)), 0) AS bytes FROM updates WHERE board_id = $1 AND ($2::text IS NULL OR doc = $2)',
      [id, doc ?? null],
    );
    return Number(result.rows[0]?.bytes ?? 0);
  }

  async createSnapshot(boardId: string, snapshot: StoredSnapshot, keepAuto: number): Promise<void> {
    await this.transaction(async (client) => {
      const live = await client.query(LOCK_LIVE_BOARD, [boardId]);
      if (live.rowCount === 0) throw new BoardNotFoundError(boardId);
      await client.query('INSERT INTO snapshots (id, board_id, name, created_at, auto, counts, data, control) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        snapshot.id,
        boardId,
        snapshot.name,
        snapshot.createdAt,
        snapshot.auto,
        JSON.stringify(snapshot.counts),
        bufferOf(snapshot.data),
        snapshot.control ? bufferOf(snapshot.control) : null,
      ]);
      if (snapshot.auto) {
        await client.query(
          `DELETE FROM snapshots WHERE board_id = $1 AND auto AND seq NOT IN
           (SELECT seq FROM snapshots WHERE board_id = $1 AND auto ORDER BY seq DESC LIMIT $2)`,
          [boardId, Math.max(0, keepAuto)],
        );
      }
    });
  }

  async listSnapshots(boardId: string): Promise<SnapshotInfo[]> {
    const result = await this.pool.query<SnapshotRow>('SELECT id, name, created_at, auto, counts FROM snapshots WHERE board_id = $1 ORDER BY seq DESC', [
      boardId,
    ]);
    return result.rows.map(toSnapshotInfo);
  }

  async getSnapshot(boardId: string, snapshotId: string): Promise<StoredSnapshot | null> {
    const result = await this.pool.query<SnapshotRow>(
      'SELECT id, name, created_at, auto, counts, data, control FROM snapshots WHERE board_id = $1 AND id = $2',
      [boardId, snapshotId],
    );
    const row = result.rows[0];
    return row?.data ? { ...toSnapshotInfo(row), data: new Uint8Array(row.data), control: row.control ? new Uint8Array(row.control) : null } : null;
  }

  async snapshotThrough(id: string, doc: BoardDocument, throughSeq: number): Promise<RowsSnapshot> {
    const stored = await this.loadDocument(id, doc, throughSeq);
    return { snapshot: await this.snapshots.run({ rows: stored.updates }), seqs: stored.seqs, bytes: stored.bytes };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool.end(), this.snapshots.close()]);
  }
}
