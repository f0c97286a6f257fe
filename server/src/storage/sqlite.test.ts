import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '@benchlearn/shared';
import { CHECKPOINT_INTERVAL_MS, SqliteStorage } from './sqlite';
import { storageSuite } from './storageSuite';

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = async () => new SqliteStorage(join(dir, 'nested', 'data'));
storageSuite('sqlite', open, open);

describe('sqlite checkpoints', () => {
  it('checkpoints the WAL into the database file within about a second of a write (from a worker thread)', async () => {
    const dataDir = join(dir, 'checkpoint');
    const storage = new SqliteStorage(dataDir);
    const id = newId();
    try {
      await storage.createBoard(id, { facilitator: 'f', editor: 'e', viewer: 'v' }, new Uint8Array([0, 0]), { title: 'C', createdAt: 1 });
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
