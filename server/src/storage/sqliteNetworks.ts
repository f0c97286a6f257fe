import type Database from 'better-sqlite3';
import type { LibraryEntryDraft, Locale } from '@benchlearn/shared';
import type { LibraryEntry, LibraryPage, LibraryQuery, NetworkRecord, NetworkRole, NetworkStorage } from './networks';
import { stemmedText, stemsOf } from './stemming';

/** Storage schema 3: networks, their boards and the lessons library (with its FTS5 index of stemmed text). */
export const SQLITE_NETWORK_TABLES = `
CREATE TABLE IF NOT EXISTS networks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  locale TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  coordinator_hash TEXT NOT NULL,
  member_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS network_boards (
  board_id TEXT PRIMARY KEY,
  network_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS network_boards_network ON network_boards (network_id);
CREATE TABLE IF NOT EXISTS library_entries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  network_id TEXT NOT NULL,
  board_id TEXT NOT NULL,
  lesson_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  tags TEXT NOT NULL,
  organisations TEXT NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (network_id, board_id, lesson_id)
);
CREATE INDEX IF NOT EXISTS library_entries_network ON library_entries (network_id, published_at);
CREATE VIRTUAL TABLE IF NOT EXISTS library_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
`;

interface EntryRow {
  seq: number;
  id: string;
  network_id: string;
  version: number;
  data: string;
}

interface NetworkRow {
  id: string;
  name: string;
  locale: string;
  created_at: number;
  coordinator_hash: string;
  member_hash: string;
}

const HASH: Record<NetworkRole, string> = { coordinator: 'coordinator_hash', member: 'member_hash' };

export function entryOf(row: { id: string; network_id: string; version: number | string; data: string }): LibraryEntry {
  const draft = JSON.parse(row.data) as LibraryEntryDraft;
  return { ...draft, id: row.id, networkId: row.network_id, version: Number(row.version) };
}

/** The text searched for an entry: the lesson and its evidence. */
export function searchedText(draft: LibraryEntryDraft): string {
  return [draft.text, ...draft.evidence.map((item) => item.text)].join('\n');
}

/** An FTS5 query: every query word, as any of its stems, as a prefix. Stems are letters and digits only. */
function ftsQuery(terms: readonly string[]): string {
  return terms
    .map(
      (term) =>
        `(${stemsOf(term)
          .map((stem) => `"${stem}"*`)
          .join(' OR ')})`,
    )
    .join(' AND ');
}

export class SqliteNetworks implements NetworkStorage {
  constructor(
    private readonly db: Database.Database,
    /** SqliteStorage's statement cache (prepared once and kept; the search's filters combine into at most 32 texts). */
    private readonly sql: (text: string) => Database.Statement,
  ) {}

  async createNetwork(network: NetworkRecord): Promise<void> {
    this.sql('INSERT INTO networks (id, name, locale, created_at, coordinator_hash, member_hash) VALUES (?, ?, ?, ?, ?, ?)').run(
      network.id,
      network.name,
      network.locale,
      network.createdAt,
      network.tokenHashes.coordinator,
      network.tokenHashes.member,
    );
  }

  async getNetwork(id: string): Promise<NetworkRecord | null> {
    const row = this.sql('SELECT * FROM networks WHERE id = ?').get(id) as NetworkRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      locale: row.locale as Locale,
      createdAt: row.created_at,
      tokenHashes: { coordinator: row.coordinator_hash, member: row.member_hash },
    };
  }

  async setNetworkTokenHash(id: string, role: NetworkRole, hash: string): Promise<boolean> {
    return this.sql(`UPDATE networks SET ${HASH[role]} = ? WHERE id = ?`).run(hash, id).changes > 0;
  }

  async addBoard(networkId: string, boardId: string): Promise<void> {
    this.sql('INSERT INTO network_boards (board_id, network_id) VALUES (?, ?)').run(boardId, networkId);
  }

  async networkOfBoard(boardId: string): Promise<string | null> {
    const row = this.sql('SELECT network_id FROM network_boards WHERE board_id = ?').pluck().get(boardId) as string | undefined;
    return row ?? null;
  }

  async boardsOf(networkId: string): Promise<string[]> {
    return this.sql('SELECT board_id FROM network_boards WHERE network_id = ? ORDER BY rowid').pluck().all(networkId) as string[];
  }

  async publish(networkId: string, drafts: readonly LibraryEntryDraft[], newId: () => string): Promise<{ id: string; version: number }[]> {
    const find = this.sql('SELECT seq, id, version FROM library_entries WHERE network_id = ? AND board_id = ? AND lesson_id = ?');
    const insert = this.sql(
      `INSERT INTO library_entries (id, network_id, board_id, lesson_id, version, published_at, tags, organisations, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = this.sql('UPDATE library_entries SET version = ?, published_at = ?, tags = ?, organisations = ?, data = ? WHERE seq = ?');
    const index = this.sql('INSERT OR REPLACE INTO library_search (rowid, body) VALUES (?, ?)');
    return this.db.transaction(() =>
      drafts.map((draft) => {
        const before = find.get(networkId, draft.boardId, draft.lessonId) as { seq: number; id: string; version: number } | undefined;
        const tags = JSON.stringify(draft.tags);
        const organisations = JSON.stringify(draft.organisations);
        const data = JSON.stringify(draft);
        let seq: number;
        let id: string;
        let version = 1;
        if (before) {
          ({ seq, id } = before);
          version = before.version + 1;
          update.run(version, draft.publishedAt, tags, organisations, data, seq);
        } else {
          id = newId();
          seq = Number(insert.run(id, networkId, draft.boardId, draft.lessonId, version, draft.publishedAt, tags, organisations, data).lastInsertRowid);
        }
        index.run(seq, stemmedText(searchedText(draft)));
        return { id, version };
      }),
    )();
  }

  async getEntry(networkId: string, entryId: string): Promise<LibraryEntry | null> {
    const row = this.sql('SELECT * FROM library_entries WHERE network_id = ? AND id = ?').get(networkId, entryId) as EntryRow | undefined;
    return row ? entryOf(row) : null;
  }

  async withdraw(networkId: string, entryId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const seq = this.sql('SELECT seq FROM library_entries WHERE network_id = ? AND id = ?').pluck().get(networkId, entryId) as number | undefined;
      if (seq === undefined) return false;
      this.sql('DELETE FROM library_search WHERE rowid = ?').run(seq);
      this.sql('DELETE FROM library_entries WHERE seq = ?').run(seq);
      return true;
    })();
  }

  async countEntries(networkId: string): Promise<number> {
    return this.sql('SELECT COUNT(*) FROM library_entries WHERE network_id = ?').pluck().get(networkId) as number;
  }

  async search(query: LibraryQuery): Promise<LibraryPage> {
    const where = ['e.network_id = ?'];
    const params: (string | number)[] = [query.networkId];
    if (query.organisation !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(e.organisations) WHERE value = ?)');
      params.push(query.organisation);
    }
    if (query.tag !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(e.tags) WHERE value = ?)');
      params.push(query.tag);
    }
    if (query.boardId !== undefined) {
      where.push('e.board_id = ?');
      params.push(query.boardId);
    }
    if (query.since !== undefined) {
      where.push('e.published_at >= ?');
      params.push(query.since);
    }
    const terms = query.terms.filter((term) => term.length > 0);
    const sql =
      terms.length > 0
        ? `SELECT e.* FROM (SELECT rowid, rank FROM library_search WHERE library_search MATCH ?) s JOIN library_entries e ON e.seq = s.rowid
           WHERE ${where.join(' AND ')} ORDER BY s.rank, e.seq DESC LIMIT ? OFFSET ?`
        : `SELECT e.* FROM library_entries e WHERE ${where.join(' AND ')} ORDER BY e.published_at DESC, e.seq DESC LIMIT ? OFFSET ?`;
    const all = [...(terms.length > 0 ? [ftsQuery(terms)] : []), ...params, query.limit + 1, query.offset];
    const rows = this.sql(sql).all(...all) as EntryRow[];
    return { entries: rows.slice(0, query.limit).map(entryOf), more: rows.length > query.limit };
  }
}
