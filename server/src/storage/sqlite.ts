import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Checkpointer } from './checkpointer';
import { sqliteSnapshotWorker, type SqliteSnapshotWorker } from './snapshotWorker';
import { BOARD_DOCUMENTS, type BoardDocument, type Role } from '@benchlearn/shared';
import type { TokenHashes } from '../auth/tokens';
import { bufferOf, HASH_COLUMN, tokenHashesOf } from './columns';
import { parseCounts } from './counts';
import { SQLITE_NETWORK_TABLES, SqliteNetworks } from './sqliteNetworks';
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
 * Durability of the embedded database.
 *
 * WAL journal with `synchronous = NORMAL`: a commit is written to the WAL file before
 * appendUpdate returns, so once an update is committed (and only then relayed) it survives a
 * crash or SIGKILL of the server process: the data is in the operating system's hands.
 *
 * Power loss or a kernel crash is different: NORMAL does not fsync on every commit, so commits
 * since the last fsync can roll back (the database itself stays consistent). To bound that
 * window, a checkpoint runs every CHECKPOINT_INTERVAL_MS while there are new writes, and SQLite
 * fsyncs the WAL before each checkpoint: at most about one second of edits is at risk on power
 * loss. We chose this over `synchronous = FULL` (an fsync per update) because better-sqlite3 is
 * synchronous: an fsync per keystroke would stall every room on the event loop. The checkpoint
 * itself runs on a worker thread (Checkpointer), off the event loop.
 */
export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * The storage schema this version writes, kept in `PRAGMA user_version` (0 for databases made
 * before it was recorded). 1: one document per board. 2: the `doc` column on `updates` and the
 * `control` column on `snapshots` (contract v2: a board is two documents). 3: networks and the
 * lessons library (sqliteNetworks.ts).
 */
export const STORAGE_SCHEMA = 3;

/** The tables as a new database gets them; an older database gets the missing columns from COLUMNS. */
const TABLES = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  locked INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  facilitator_hash TEXT NOT NULL,
  editor_hash TEXT NOT NULL,
  viewer_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL,
  data BLOB NOT NULL,
  doc TEXT NOT NULL DEFAULT 'content' CHECK (doc IN ('content', 'control'))
);
CREATE TABLE IF NOT EXISTS snapshots (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  board_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  auto INTEGER NOT NULL,
  counts TEXT NOT NULL,
  data BLOB NOT NULL,
  control BLOB
);
`;

/**
 * Columns added since schema 1, with the definition ALTER TABLE ADD COLUMN gives them. A v1
 * database's rows are all of the one document, which becomes the content document: hence the
 * default. A v1 snapshot has no control document: null, and `data` holds the whole v1 board.
 */
const COLUMNS: readonly { table: string; column: string; definition: string }[] = [
  { table: 'updates', column: 'doc', definition: "TEXT NOT NULL DEFAULT 'content' CHECK (doc IN ('content', 'control'))" },
  { table: 'snapshots', column: 'control', definition: 'BLOB' },
];

/** Created once the columns exist. The v1 index on (board_id, seq) gives way to one per document. */
const INDEXES = `
DROP INDEX IF EXISTS updates_board;
CREATE INDEX IF NOT EXISTS updates_board_doc ON updates (board_id, doc, seq);
CREATE INDEX IF NOT EXISTS snapshots_board ON snapshots (board_id, auto, seq);
`;

export class NewerStorageSchemaError extends Error {
  constructor(readonly schema: number) {
    super(`the database has storage schema ${schema}, newer than this server writes (${STORAGE_SCHEMA}); it is left untouched`);
  }
}

/**
 * Brings the database to STORAGE_SCHEMA: a new one gets the tables, an older one the missing
 * columns and indexes. One IMMEDIATE transaction, so two processes opening one file at once take
 * turns and a failure leaves the database as it was. Opening a current database changes nothing.
 */
function migrateSchema(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > STORAGE_SCHEMA) throw new NewerStorageSchemaError(version);
    if (version === STORAGE_SCHEMA) return;
    db.exec(TABLES);
    for (const { table, column, definition } of COLUMNS) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
      if (!columns.includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    db.exec(INDEXES);
    db.exec(SQLITE_NETWORK_TABLES);
    db.pragma(`user_version = ${STORAGE_SCHEMA}`);
  }).immediate();
}

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
  locked: number;
  deleted: number;
  facilitator_hash: string;
  editor_hash: string;
  viewer_hash: string;
}

interface SnapshotRow {
  id: string;
  name: string;
  created_at: number;
  auto: number;
  counts: string;
  data?: Buffer;
  /** Null for a snapshot stored before schema 2. */
  control?: Buffer | null;
}

function toSnapshotInfo(row: SnapshotRow): SnapshotInfo {
  return { id: row.id, name: row.name, createdAt: row.created_at, auto: row.auto === 1, counts: parseCounts(row.counts) };
}

function toRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    locked: row.locked === 1,
    deleted: row.deleted === 1,
    tokenHashes: tokenHashesOf(row),
  };
}

export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  readonly databaseFile: string;
  private readonly db: Database.Database;
  private readonly checkpointTimer: NodeJS.Timeout;
  private readonly checkpointer: Checkpointer;
  /** Compactions' snapshots of big boards: read and encoded on a thread of their own. */
  readonly snapshots: SqliteSnapshotWorker;
  /** Networks and the lessons library. */
  readonly networks: SqliteNetworks;
  private dirty = false;
  private closed = false;
  /** The hot path's statements and transaction, prepared once (preparing costs more than the insert). */
  private readonly isLive: Database.Statement<[string]>;
  private readonly insertUpdate: Database.Statement<[string, BoardDocument, Buffer]>;
  private readonly appendMany: (rows: readonly UpdateRow[]) => (number | null)[];

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'benchlearn.sqlite');
    this.databaseFile = file;
    this.snapshots = sqliteSnapshotWorker(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // The worker checkpoints every second; this connection steps in only if the WAL grows past
    // ~40 MB anyway (a worker that fell behind), instead of SQLite's default of ~4 MB.
    this.db.pragma('wal_autocheckpoint = 10000');
    migrateSchema(this.db);
    this.networks = new SqliteNetworks(this.db, (text) => this.sql(text));
    this.isLive = this.db.prepare('SELECT 1 FROM boards WHERE id = ? AND deleted = 0').pluck();
    this.insertUpdate = this.db.prepare('INSERT INTO updates (board_id, doc, data) VALUES (?, ?, ?)');
    this.appendMany = this.db.transaction((rows: readonly UpdateRow[]) => {
      // One liveness check per board and batch: the transaction keeps a delete from slipping in.
      const live = new Map<string, boolean>();
      return rows.map(({ boardId, doc, update }) => {
        let ok = live.get(boardId);
        if (ok === undefined) {
          ok = this.isLive.get(boardId) !== undefined;
          live.set(boardId, ok);
        }
        if (!ok) return null;
        const result = this.insertUpdate.run(boardId, doc, bufferOf(update));
        return Number(result.lastInsertRowid);
      });
    });
    this.checkpointer = new Checkpointer(file, (message) => {
      // Not fatal: the next checkpoint (or the automatic one) catches up.
      process.emitWarning(`SQLite checkpoint: ${message}`);
    });
    this.checkpointTimer = setInterval(() => {
      if (!this.dirty || this.closed) return;
      this.dirty = false;
      this.checkpointer.request();
    }, CHECKPOINT_INTERVAL_MS);
    this.checkpointTimer.unref();
  }

  /**
   * A statement prepared once and kept: preparing costs more than most of these queries, and
   * each discarded statement holds native memory until a GC finalizes it (a thousand boards
   * opened and closed left the process's heap larger). The SQL texts are constants: bounded.
   */
  private readonly statements = new Map<string, Database.Statement>();

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private row(id: string): BoardRow | undefined {
    return this.sql('SELECT * FROM boards WHERE id = ?').get(id) as BoardRow | undefined;
  }

  async createBoard(id: string, hashes: TokenHashes, initial: Readonly<Record<BoardDocument, Uint8Array>>, meta: NewBoardMeta): Promise<void> {
    this.db.transaction(() => {
      this.sql('INSERT INTO boards (id, title, created_at, facilitator_hash, editor_hash, viewer_hash) VALUES (?, ?, ?, ?, ?, ?)').run(
        id,
        meta.title,
        meta.createdAt,
        hashes.facilitator,
        hashes.editor,
        hashes.viewer,
      );
      for (const doc of BOARD_DOCUMENTS) this.insertUpdate.run(id, doc, bufferOf(initial[doc]));
    })();
    this.dirty = true;
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.row(id);
    return row ? toRecord(row) : null;
  }

  async updateBoard(id: string, fields: BoardFields): Promise<BoardRecord | null> {
    const row = this.db.transaction(() => {
      if (fields.title !== undefined) {
        this.sql('UPDATE boards SET title = ? WHERE id = ? AND deleted = 0').run(fields.title, id);
      }
      if (fields.locked !== undefined) {
        this.sql('UPDATE boards SET locked = ? WHERE id = ? AND deleted = 0').run(fields.locked ? 1 : 0, id);
      }
      return this.row(id);
    })();
    this.dirty = true;
    return row && row.deleted === 0 ? toRecord(row) : null;
  }

  async setTokenHash(id: string, role: Role, hash: string): Promise<void> {
    const result = this.sql(`UPDATE boards SET ${HASH_COLUMN[role]} = ? WHERE id = ? AND deleted = 0`).run(hash, id);
    if (result.changes === 0) throw new BoardNotFoundError(id);
    this.dirty = true;
  }

  async deleteBoard(id: string): Promise<boolean> {
    const deleted = this.db.transaction(() => {
      const result = this.sql(
        `UPDATE boards SET deleted = 1, title = '', locked = 0, facilitator_hash = '', editor_hash = '', viewer_hash = ''
         WHERE id = ? AND deleted = 0`,
      ).run(id);
      this.sql('DELETE FROM updates WHERE board_id = ?').run(id);
      this.sql('DELETE FROM snapshots WHERE board_id = ?').run(id);
      return result.changes > 0;
    })();
    this.dirty = true;
    return deleted;
  }

  async loadDocument(id: string, doc: BoardDocument, throughSeq = Number.MAX_SAFE_INTEGER): Promise<StoredDocument> {
    const rows = this.sql('SELECT seq, data FROM updates WHERE board_id = ? AND doc = ? AND seq <= ? ORDER BY seq').all(id, doc, throughSeq) as {
      seq: number;
      data: Buffer;
    }[];
    let bytes = 0;
    for (const row of rows) bytes += row.data.length;
    return { updates: rows.map((row) => new Uint8Array(row.data)), lastSeq: rows.at(-1)?.seq ?? 0, seqs: rows.map((row) => row.seq), bytes };
  }

  async appendUpdate(id: string, doc: BoardDocument, update: Uint8Array): Promise<number> {
    const [seq] = await this.appendUpdates([{ boardId: id, doc, update }]);
    if (seq === null || seq === undefined) throw new BoardNotFoundError(id);
    return seq;
  }

  /** Synchronous inside: the commit has happened before this returns its promise. */
  appendUpdates(rows: readonly UpdateRow[]): Promise<(number | null)[]> {
    if (rows.length === 0) return Promise.resolve([]);
    try {
      const seqs = this.appendMany(rows);
      this.dirty = true;
      return Promise.resolve(seqs);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async compact(id: string, doc: BoardDocument, snapshot: Uint8Array, throughSeq: number, covered?: readonly number[]): Promise<void> {
    if (throughSeq <= 0) return;
    this.db.transaction(() => {
      const live = this.sql('SELECT 1 FROM boards WHERE id = ? AND deleted = 0').get(id);
      if (!live) return;
      if (covered) {
        // One writer commits here in number order, so nothing is ever left out; the same rule as PostgreSQL's all the same.
        const remove = this.sql('DELETE FROM updates WHERE board_id = ? AND doc = ? AND seq = ?');
        for (const seq of covered) if (seq <= throughSeq) remove.run(id, doc, seq);
      } else this.sql('DELETE FROM updates WHERE board_id = ? AND doc = ? AND seq <= ?').run(id, doc, throughSeq);
      // The snapshot takes the newest sequence number it covers, so it stays before later rows.
      this.sql('INSERT INTO updates (seq, board_id, doc, data) VALUES (?, ?, ?, ?)').run(throughSeq, id, doc, bufferOf(snapshot));
    })();
    this.dirty = true;
  }

  async boardBytes(id: string, doc?: BoardDocument): Promise<number> {
    const row = (
      doc === undefined
        ? this.sql('SELECT COALESCE(SUM(length(data)), 0) AS bytes FROM updates WHERE board_id = ?').get(id)
        : this.sql('SELECT COALESCE(SUM(length(data)), 0) AS bytes FROM updates WHERE board_id = ? AND doc = ?').get(id, doc)
    ) as { bytes: number };
    return row.bytes;
  }

  async createSnapshot(boardId: string, snapshot: StoredSnapshot, keepAuto: number): Promise<void> {
    this.db.transaction(() => {
      const live = this.sql('SELECT 1 FROM boards WHERE id = ? AND deleted = 0').get(boardId);
      if (!live) throw new BoardNotFoundError(boardId);
      this.sql('INSERT INTO snapshots (id, board_id, name, created_at, auto, counts, data, control) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        snapshot.id,
        boardId,
        snapshot.name,
        snapshot.createdAt,
        snapshot.auto ? 1 : 0,
        JSON.stringify(snapshot.counts),
        bufferOf(snapshot.data),
        snapshot.control ? bufferOf(snapshot.control) : null,
      );
      if (snapshot.auto) {
        this.sql(
          `DELETE FROM snapshots WHERE board_id = ? AND auto = 1 AND seq NOT IN
           (SELECT seq FROM snapshots WHERE board_id = ? AND auto = 1 ORDER BY seq DESC LIMIT ?)`,
        ).run(boardId, boardId, Math.max(0, keepAuto));
      }
    })();
    this.dirty = true;
  }

  async listSnapshots(boardId: string): Promise<SnapshotInfo[]> {
    const rows = this.sql('SELECT id, name, created_at, auto, counts FROM snapshots WHERE board_id = ? ORDER BY seq DESC').all(boardId) as SnapshotRow[];
    return rows.map(toSnapshotInfo);
  }

  async getSnapshot(boardId: string, snapshotId: string): Promise<StoredSnapshot | null> {
    const row = this.sql('SELECT id, name, created_at, auto, counts, data, control FROM snapshots WHERE board_id = ? AND id = ?').get(boardId, snapshotId) as
      SnapshotRow | undefined;
    return row?.data ? { ...toSnapshotInfo(row), data: new Uint8Array(row.data), control: row.control ? new Uint8Array(row.control) : null } : null;
  }

  snapshotThrough(id: string, doc: BoardDocument, throughSeq: number): Promise<RowsSnapshot> {
    return this.snapshots.run({ boardId: id, doc, throughSeq });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.checkpointTimer);
    this.closed = true;
    await Promise.all([this.checkpointer.close(), this.snapshots.close()]);
    // The last checkpoint on this connection, with the worker gone: everything in the main file.
    this.db.pragma('wal_checkpoint(PASSIVE)');
    this.db.close();
  }
}
