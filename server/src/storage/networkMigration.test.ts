import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '@benchlearn/shared';
import { adminQuery, postgresProblem, TEST_DATABASE_URL } from '../testing/services';
import { PostgresStorage } from './postgres';
import { SqliteStorage, STORAGE_SCHEMA } from './sqlite';
import type { Storage } from './types';
import { V1_BOARD, V1_POSTGRES_DDL, V1_SQLITE_FILE } from './v1Suite';

/** Storage made by a version before networks (schema 1, the fixture, and schema 2) opens and gains the library's tables. */
const dir = mkdtempSync(join(tmpdir(), 'benchlearn-network-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let made = 0;

const LIBRARY_TABLES = ['library_entries', 'library_search', 'network_boards', 'networks'];

/** The old board is still there, and the library works at once. */
async function worksAfterMigration(storage: Storage): Promise<void> {
  expect((await storage.getBoard(V1_BOARD.board.id))?.title).toBe(V1_BOARD.board.title);
  const networkId = newId();
  await storage.networks.createNetwork({ id: networkId, name: 'N', locale: 'nl', createdAt: 1, tokenHashes: { coordinator: 'c', member: 'm' } });
  await storage.networks.addBoard(networkId, V1_BOARD.board.id);
  const draft = {
    lessonId: 'l',
    text: 'Fietsen helpt',
    organisation: null,
    votes: 0,
    evidence: [],
    organisations: [],
    tags: [],
    boardId: V1_BOARD.board.id,
    boardTitle: 'B',
    language: 'nl' as const,
    publishedAt: 1,
  };
  await storage.networks.publish(networkId, [draft], newId);
  expect((await storage.networks.search({ networkId, terms: ['fiets'], limit: 5, offset: 0 })).entries).toHaveLength(1);
}

function sqliteTables(file: string): { tables: string[]; version: number } {
  const db = new Database(file, { fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?, ?) ORDER BY name")
      .pluck()
      .all(...LIBRARY_TABLES) as string[];
    return { tables, version: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}

describe('storage migration to networks: sqlite', () => {
  it('opens the v1 fixture (schema 1) and gains the library tables', async () => {
    const dataDir = join(dir, `db-${made++}`);
    mkdirSync(dataDir, { recursive: true });
    copyFileSync(V1_SQLITE_FILE, join(dataDir, 'benchlearn.sqlite'));
    expect(sqliteTables(join(dataDir, 'benchlearn.sqlite')).tables).toEqual([]);
    const storage = new SqliteStorage(dataDir);
    try {
      await worksAfterMigration(storage);
    } finally {
      await storage.close();
    }
    expect(sqliteTables(join(dataDir, 'benchlearn.sqlite'))).toEqual({ tables: LIBRARY_TABLES, version: STORAGE_SCHEMA });
  });

  it('opens a schema 2 database (boards as two documents, no networks) and gains them', async () => {
    const dataDir = join(dir, `db-${made++}`);
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'benchlearn.sqlite');
    copyFileSync(V1_SQLITE_FILE, file);
    // Schema 2 as the version before wrote it: the v1 file migrated by it (doc and control columns), user_version 2.
    const db = new Database(file);
    db.exec("ALTER TABLE updates ADD COLUMN doc TEXT NOT NULL DEFAULT 'content' CHECK (doc IN ('content', 'control'))");
    db.exec('ALTER TABLE snapshots ADD COLUMN control BLOB');
    db.pragma('user_version = 2');
    db.close();
    const storage = new SqliteStorage(dataDir);
    try {
      await worksAfterMigration(storage);
    } finally {
      await storage.close();
    }
    expect(sqliteTables(file)).toEqual({ tables: LIBRARY_TABLES, version: STORAGE_SCHEMA });
  });
});

const unreachable = await postgresProblem();
if (unreachable && process.env.CI !== 'true') {
  console.warn(`[network migration tests, postgres] SKIPPED: ${unreachable}.`);
  describe.skip('storage migration to networks: postgres (database unreachable)', () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  describe('storage migration to networks: postgres', () => {
    const schema = `benchlearn_netmig_${randomBytes(6).toString('hex')}`;
    afterAll(() => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

    it('opens a v1 schema and gains the library tables', async () => {
      await adminQuery(`CREATE SCHEMA ${schema}`);
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        await client.query(V1_POSTGRES_DDL);
        await client.query("INSERT INTO boards (id, title, created_at, facilitator_hash, editor_hash, viewer_hash) VALUES ($1, $2, 1, '', '', '')", [
          V1_BOARD.board.id,
          V1_BOARD.board.title,
        ]);
        const storage = await PostgresStorage.open({ connectionString: TEST_DATABASE_URL, schema });
        try {
          await worksAfterMigration(storage);
        } finally {
          await storage.close();
        }
        const { rows } = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY($2) ORDER BY table_name',
          [schema, LIBRARY_TABLES],
        );
        expect(rows.map((row) => row.table_name)).toEqual(['library_entries', 'network_boards', 'networks']);
      } finally {
        await client.end();
      }
    });
  });
}
