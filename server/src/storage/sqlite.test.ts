import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { newId } from '@benchlearn/shared';
import { CHECKPOINT_INTERVAL_MS, NewerStorageSchemaError, SqliteStorage, STORAGE_SCHEMA } from './sqlite';
import { networkSuite } from './networkSuite';
import { storageSuite } from './storageSuite';
import { type StoredV1, V1_SQLITE_FILE, v1MigrationSuite } from './v1Suite';

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = async () => new SqliteStorage(join(dir, 'nested', 'data'));
storageSuite('sqlite', open, open);
networkSuite('sqlite', open);

/** Two empty documents, as the first rows of a board. */
const EMPTY_BOARD = { content: new Uint8Array([0, 0]), control: new Uint8Array([0, 0]) };

let databases = 0;

/** A data directory of its own, holding a copy of the v1 database or nothing. */
function storedIn(copyOf: string | null): StoredV1 {
  const dataDir = join(dir, `db-${databases++}`);
  const file = join(dataDir, 'benchlearn.sqlite');
  mkdirSync(dataDir, { recursive: true });
  if (copyOf) copyFileSync(copyOf, file);
  const read = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(file, { fileMustExist: true });
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    open: async () => new SqliteStorage(dataDir),
    layout: async () =>
      read((db) => ({
        version: db.pragma('user_version', { simple: true }),
        columns: Object.fromEntries(
          ['boards', 'updates', 'snapshots'].map((table) => [
            table,
            db.prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid').all(table),
          ]),
        ),
        indexes: db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all(),
      })),
    schemaChanges: async () => read((db) => db.pragma('schema_version', { simple: true }) as number),
  };
}

v1MigrationSuite(
  'sqlite',
  async () => storedIn(V1_SQLITE_FILE),
  async () => storedIn(null),
);

describe('sqlite storage schema', () => {
  it('records its storage schema, and refuses a database of a newer one without changing it', async () => {
    const stored = storedIn(null);
    await (await stored.open()).close();
    expect(await stored.layout()).toMatchObject({ version: STORAGE_SCHEMA });
    const file = join(dir, `db-${databases - 1}`, 'benchlearn.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${STORAGE_SCHEMA + 1}`);
    db.close();
    const before = await stored.schemaChanges!();
    await expect(stored.open()).rejects.toThrow(NewerStorageSchemaError);
    expect(await stored.schemaChanges!()).toBe(before);
  });
});

describe('sqlite checkpoints', () => {
  it('checkpoints the WAL into the database file within about a second of a write (from a worker thread)', async () => {
    const dataDir = join(dir, 'checkpoint');
    const storage = new SqliteStorage(dataDir);
    const id = newId();
    try {
      await storage.createBoard(id, { facilitator: 'f', editor: 'e', viewer: 'v' }, EMPTY_BOARD, { title: 'C', createdAt: 1 });
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_INTERVAL_MS * 2.5));
      // The database file alone, without its WAL, already has the board.
      const copy = join(dir, 'checkpoint-copy.sqlite');
      copyFileSync(join(dataDir, 'benchlearn.sqlite'), copy);
      const db = new Database(copy, { readonly: true });
      try {
        expect(db.prepare('SELECT title FROM boards WHERE id = ?').pluck().get(id)).toBe('C');
      } finally {
        db.close();
      }
    } finally {
      await storage.close();
    }
  });
});

describe('sqlite statements', () => {
  it('prepares each statement once, however many boards are opened, written, compacted and closed', async () => {
    const storage = new SqliteStorage(join(dir, 'statements'));
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    try {
      const cycle = async () => {
        const id = newId();
        await storage.createBoard(id, { facilitator: 'f', editor: 'e', viewer: 'v' }, EMPTY_BOARD, { title: 'S', createdAt: 1 });
        await storage.getBoard(id);
        for (const doc of ['content', 'control'] as const) {
          const { lastSeq } = await storage.loadDocument(id, doc);
          await storage.appendUpdates([{ boardId: id, doc, update: new Uint8Array([0, 0]) }]);
          await storage.compact(id, doc, new Uint8Array([0, 0]), lastSeq);
          await storage.boardBytes(id, doc);
        }
        await storage.boardBytes(id);
        await storage.listSnapshots(id);
      };
      await cycle();
      const afterOne = prepare.mock.calls.length;
      for (let i = 0; i < 20; i++) await cycle();
      // A discarded statement holds native memory until a GC finalizes it: none are made per board.
      expect(prepare.mock.calls.length).toBe(afterOne);
    } finally {
      prepare.mockRestore();
      await storage.close();
    }
  });
});
