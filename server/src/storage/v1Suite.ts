import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardCounts,
  migrateBoard,
  newBoardDocs,
  readCards,
  readFrames,
  readLinks,
  readMeta,
  readSession,
  SCHEMA_VERSION,
  type BoardDocs,
} from '@benchlearn/shared';
import { roleForToken } from '../auth/tokens';
import type { Storage } from './types';

/**
 * A board stored by the version before the content/control split (fixtures/README.md), opened
 * by this version: sqlite.test.ts and postgres.test.ts each put it into their database the way
 * that version did, and run this.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export const V1_SQLITE_FILE = join(FIXTURES, 'v1-board.sqlite');
export const V1_POSTGRES_DDL = readFileSync(join(FIXTURES, 'v1-postgres-schema.sql'), 'utf8');
/** The board's one document as v1 stored it in a row. */
export const V1_UPDATE = new Uint8Array(readFileSync(join(FIXTURES, 'v1-board.update.bin')));

const Counts = Type.Object({ success: Type.Integer(), problem: Type.Integer(), lesson: Type.Integer(), note: Type.Integer(), links: Type.Integer() });
const V1Fixture = Type.Object({
  board: Type.Object({
    id: Type.String(),
    title: Type.String(),
    tokens: Type.Object({ facilitator: Type.String(), editor: Type.String(), viewer: Type.String() }),
  }),
  snapshot: Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.Integer(), auto: Type.Boolean(), counts: Counts }),
});

function readFixture() {
  const value: unknown = JSON.parse(readFileSync(join(FIXTURES, 'v1-board.json'), 'utf8'));
  if (!Value.Check(V1Fixture, value)) throw new Error('fixtures/v1-board.json does not read as the v1 board');
  return value;
}

/** The board's id, title and tokens, and its named snapshot as listed. */
export const V1_BOARD = readFixture();

/** When v1 created the board (its meta and its `boards` row agree). */
export const V1_CREATED_AT = 1796288071681;

/** A v1 `snapshots` row, as that version stored it. */
export interface V1SnapshotRow {
  seq: number;
  id: string;
  board_id: string;
  name: string;
  created_at: number;
  auto: number;
  counts: string;
  data: Buffer;
}

/**
 * The snapshot rows of the v1 SQLite fixture, for databases that are not a file. Read from a
 * copy: opening the fixture itself (WAL) would write its shared-memory file.
 */
export function v1SnapshotRows(): V1SnapshotRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'benchlearn-v1-'));
  try {
    const file = join(dir, 'v1.sqlite');
    copyFileSync(V1_SQLITE_FILE, file);
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT * FROM snapshots ORDER BY seq').all() as V1SnapshotRow[];
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A database holding what v1 stored, before this version opened it. */
export interface StoredV1 {
  /** A storage on it; the first one migrates the storage schema. */
  open(): Promise<Storage>;
  /** Its tables' columns, indexes and constraints, comparable with another database's. */
  layout(): Promise<unknown>;
  /** A counter the database bumps on every change of its schema, where it has one (SQLite). */
  schemaChanges?(): Promise<number>;
}

/** The board as the rooms will load it: both documents from their rows. */
async function loadBoard(storage: Storage, id: string): Promise<BoardDocs> {
  const board = newBoardDocs();
  for (const doc of ['content', 'control'] as const) {
    for (const update of (await storage.loadDocument(id, doc)).updates) Y.applyUpdate(board[doc], update);
  }
  return board;
}

/** The split of the v1 board: what moved into the control document and what stayed. */
function expectSplit(board: BoardDocs): void {
  expect(readMeta(board)).toMatchObject({ schema: SCHEMA_VERSION, title: 'Zwolle maart', locale: 'nl', template: 'benchlearning', createdAt: V1_CREATED_AT });
  expect(board.control.getMap('meta').get('title')).toBe('Zwolle maart');
  expect(readFrames(board).map((frame) => frame.title)).toEqual(['Successen (aangepast)', 'Problemen', 'Lessen']);
  const session = readSession(board);
  expect(session.voting).toMatchObject({ kinds: ['problem', 'lesson'], dots: 3, open: true, revealed: false });
  expect(session.timer).toMatchObject({ durationMs: 300_000 });
  expect(session.agenda?.phases.map((phase) => phase.title)).toEqual([
    'Successen verzamelen',
    'Problemen verzamelen',
    'Koppelen aan lessen',
    'Stemmen',
    'Het verslag lezen',
  ]);
  // Nothing of the facilitator's state is left in the content document.
  for (const name of ['meta', 'frames', 'session']) expect(board.content.getMap(name).size).toBe(0);
  // The content document alone holds the cards, links and votes.
  const cards = readCards(board);
  expect(cards.map((card) => card.kind).sort()).toEqual(['lesson', 'note', 'problem', 'success', 'success']);
  expect(cards.find((card) => card.kind === 'problem')?.votes).toEqual({ u2: 1 });
  expect(cards.find((card) => card.kind === 'lesson')?.votes).toEqual({ u1: 1 });
  const links = readLinks(board);
  expect(links).toHaveLength(2);
  expect(links.map((link) => link.label ?? null).sort()).toEqual(['fietsen', null]);
  expect(board.content.getMap('cards').size).toBe(5);
}

export function v1MigrationSuite(name: string, storedV1: () => Promise<StoredV1>, empty: () => Promise<StoredV1>): void {
  const id = V1_BOARD.board.id;

  async function withStorage(stored: StoredV1, work: (storage: Storage) => Promise<void>): Promise<void> {
    const storage = await stored.open();
    try {
      await work(storage);
    } finally {
      await storage.close();
    }
  }

  describe(`storage: ${name} opens a board stored by v1`, () => {
    it('keeps the board record, and its tokens still open it in their roles', async () => {
      await withStorage(await storedV1(), async (storage) => {
        const record = await storage.getBoard(id);
        expect(record).toMatchObject({ id, title: 'Zwolle maart', createdAt: V1_CREATED_AT, locked: false, deleted: false });
        for (const role of ['facilitator', 'editor', 'viewer'] as const) {
          expect(roleForToken(V1_BOARD.board.tokens[role], record!.tokenHashes)).toBe(role);
        }
      });
    });

    it('reads the v1 row as the content document, has no control rows, and lists the snapshots without a control document', async () => {
      await withStorage(await storedV1(), async (storage) => {
        const content = await storage.loadDocument(id, 'content');
        expect(content.updates).toHaveLength(1);
        expect(Buffer.from(content.updates[0]!).equals(Buffer.from(V1_UPDATE))).toBe(true);
        expect(content.bytes).toBe(V1_UPDATE.length);
        expect(await storage.loadDocument(id, 'control')).toEqual({ updates: [], seqs: [], lastSeq: 0, bytes: 0 });
        expect(await storage.boardBytes(id)).toBe(V1_UPDATE.length);
        expect(await storage.boardBytes(id, 'control')).toBe(0);

        const list = await storage.listSnapshots(id);
        expect(list.map((entry) => [entry.name, entry.auto])).toEqual([
          ['Na ronde 1', false],
          ['Automatische momentopname', true],
        ]);
        expect(list[0]).toEqual(V1_BOARD.snapshot);
        for (const entry of list) {
          const stored = await storage.getSnapshot(id, entry.id);
          expect(stored?.control).toBeNull();
          expect(stored?.data.length).toBeGreaterThan(0);
        }
        // A v1 snapshot's data is the whole v1 board: it splits like the board does.
        const named = await storage.getSnapshot(id, V1_BOARD.snapshot.id);
        const board = newBoardDocs();
        Y.applyUpdate(board.content, named!.data);
        expect(migrateBoard(board)).toBe(true);
        expect(boardCounts(board)).toEqual(V1_BOARD.snapshot.counts);
        expect(readMeta(board).title).toBe('Zwolle maart');
        expect(board.content.getMap('meta').size).toBe(0);
      });
    });

    it('gives a board that shared\u2019s migrateBoard splits: meta, frames and session into control; cards, links and votes stay', async () => {
      await withStorage(await storedV1(), async (storage) => {
        const board = await loadBoard(storage, id);
        expect(migrateBoard(board)).toBe(true);
        expectSplit(board);
        expect(migrateBoard(board)).toBe(false);
      });
    });

    it('stores the split board\u2019s rows of both documents, and opening it again changes nothing more', async () => {
      const stored = await storedV1();
      let through = 0;
      await withStorage(stored, async (storage) => {
        const board = await loadBoard(storage, id);
        const before = { content: Y.encodeStateVector(board.content), control: Y.encodeStateVector(board.control) };
        migrateBoard(board);
        // What the rooms store after migrating on load: each document's change as a row of it.
        const rows = await storage.appendUpdates([
          { boardId: id, doc: 'control', update: Y.encodeStateAsUpdate(board.control, before.control) },
          { boardId: id, doc: 'content', update: Y.encodeStateAsUpdate(board.content, before.content) },
        ]);
        expect(rows.every((seq) => seq !== null)).toBe(true);
        through = rows[1]!;
        const data = Y.encodeStateAsUpdate(board.content);
        const control = Y.encodeStateAsUpdate(board.control);
        const snapshot = { id: 'after-split-snapshot1', name: 'Na de splitsing', createdAt: 1, auto: false, counts: boardCounts(board), data, control };
        await storage.createSnapshot(id, snapshot, 50);
      });
      const layout = await stored.layout();
      const changes = await stored.schemaChanges?.();
      await withStorage(stored, async (storage) => {
        expect((await storage.loadDocument(id, 'content')).updates).toHaveLength(2);
        expect((await storage.loadDocument(id, 'control')).updates).toHaveLength(1);
        const board = await loadBoard(storage, id);
        expect(migrateBoard(board)).toBe(false);
        expectSplit(board);
        expect((await storage.getSnapshot(id, 'after-split-snapshot1'))?.control).not.toBeNull();
        // Compacting the content leaves the control row.
        await storage.compact(id, 'content', Y.encodeStateAsUpdate(board.content), through);
        expect((await storage.loadDocument(id, 'content')).updates).toHaveLength(1);
        expect((await storage.loadDocument(id, 'control')).updates).toHaveLength(1);
      });
      expect(await stored.layout()).toEqual(layout);
      expect(await stored.schemaChanges?.()).toBe(changes);
    });

    it('has, once migrated, the same tables, columns and indexes as a database this version created', async () => {
      const migrated = await storedV1();
      await (await migrated.open()).close();
      const fresh = await empty();
      await (await fresh.open()).close();
      expect(await migrated.layout()).toEqual(await fresh.layout());
    });
  });
}
