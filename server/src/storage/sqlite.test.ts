import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
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

describe('sqlite statements', () => {
  it('prepares each statement once, however many boards are opened, written, compacted and closed', async () => {
    const storage = new SqliteStorage(join(dir, 'statements'));
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    try {
      const cycle = async () => {
        const id = newId();
        await storage.createBoard(id, { facilitator: 'f', editor: 'e', viewer: 'v' }, new Uint8Array([0, 0]), { title: 'S', createdAt: 1 });
        await storage.getBoard(id);
        const { lastSeq } = await storage.loadDocument(id);
        await storage.appendUpdates([{ boardId: id, update: new Uint8Array([0, 0]) }]);
        await storage.compact(id, new Uint8Array([0, 0]), lastSeq + 1);
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
