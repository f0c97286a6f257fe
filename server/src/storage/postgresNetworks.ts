import type pg from 'pg';
import type { LibraryEntryDraft, Locale } from '@benchlearn/shared';
import type { LibraryPage, LibraryQuery, NetworkRecord, NetworkRole, NetworkStorage, LibraryEntry } from './networks';
import { entryOf, searchedText } from './sqliteNetworks';
import { wordsOf } from './stemming';

/** Networks, their boards and the lessons library, searched with the 'dutch' and 'english' text search configurations. */
export const POSTGRES_NETWORK_TABLES = `
CREATE TABLE IF NOT EXISTS networks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  locale TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  coordinator_hash TEXT NOT NULL,
  member_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS network_boards (
  seq BIGSERIAL,
  board_id TEXT PRIMARY KEY,
  network_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS network_boards_network ON network_boards (network_id, seq);
CREATE TABLE IF NOT EXISTS library_entries (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  network_id TEXT NOT NULL,
  board_id TEXT NOT NULL,
  lesson_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  published_at BIGINT NOT NULL,
  tags JSONB NOT NULL,
  organisations JSONB NOT NULL,
  data TEXT NOT NULL,
  search TSVECTOR NOT NULL,
  UNIQUE (network_id, board_id, lesson_id)
);
CREATE INDEX IF NOT EXISTS library_entries_network ON library_entries (network_id, published_at);
CREATE INDEX IF NOT EXISTS library_entries_search ON library_entries USING GIN (search);
`;

const HASH: Record<NetworkRole, string> = { coordinator: 'coordinator_hash', member: 'member_hash' };
const VECTOR = "to_tsvector('dutch', $1) || to_tsvector('english', $1)";

interface EntryRow {
  id: string;
  network_id: string;
  version: number;
  data: string;
}

export class PostgresNetworks implements NetworkStorage {
  constructor(
    private readonly pool: pg.Pool,
    private readonly transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
  ) {}

  async createNetwork(network: NetworkRecord): Promise<void> {
    await this.pool.query('INSERT INTO networks (id, name, locale, created_at, coordinator_hash, member_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
      network.id,
      network.name,
      network.locale,
      network.createdAt,
      network.tokenHashes.coordinator,
      network.tokenHashes.member,
    ]);
  }

  async getNetwork(id: string): Promise<NetworkRecord | null> {
    const { rows } = await this.pool.query<{ id: string; name: string; locale: string; created_at: string; coordinator_hash: string; member_hash: string }>(
      'SELECT * FROM networks WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      locale: row.locale as Locale,
      createdAt: Number(row.created_at),
      tokenHashes: { coordinator: row.coordinator_hash, member: row.member_hash },
    };
  }

  async setNetworkTokenHash(id: string, role: NetworkRole, hash: string): Promise<boolean> {
    const result = await this.pool.query(`UPDATE networks SET ${HASH[role]} = $1 WHERE id = $2`, [hash, id]);
    return (result.rowCount ?? 0) > 0;
  }

  async addBoard(networkId: string, boardId: string): Promise<void> {
    await this.pool.query('INSERT INTO network_boards (board_id, network_id) VALUES ($1, $2)', [boardId, networkId]);
  }

  async networkOfBoard(boardId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ network_id: string }>('SELECT network_id FROM network_boards WHERE board_id = $1', [boardId]);
    return rows[0]?.network_id ?? null;
  }

  async boardsOf(networkId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ board_id: string }>('SELECT board_id FROM network_boards WHERE network_id = $1 ORDER BY seq', [networkId]);
    return rows.map((row) => row.board_id);
  }

  async publish(networkId: string, drafts: readonly LibraryEntryDraft[], newId: () => string): Promise<{ id: string; version: number }[]> {
    return this.transaction(async (client) => {
      const answers: { id: string; version: number }[] = [];
      for (const draft of drafts) {
        // One statement per lesson: a new entry, or the next version of the one published before.
        const { rows } = await client.query<{ id: string; version: number }>(
          `INSERT INTO library_entries (id, network_id, board_id, lesson_id, version, published_at, tags, organisations, data, search)
           VALUES ($2, $3, $4, $5, 1, $6, $7, $8, $9, ${VECTOR})
           ON CONFLICT (network_id, board_id, lesson_id) DO UPDATE SET version = library_entries.version + 1,
             published_at = EXCLUDED.published_at, tags = EXCLUDED.tags, organisations = EXCLUDED.organisations,
             data = EXCLUDED.data, search = EXCLUDED.search
           RETURNING id, version`,
          [
            searchedText(draft),
            newId(),
            networkId,
            draft.boardId,
            draft.lessonId,
            draft.publishedAt,
            JSON.stringify(draft.tags),
            JSON.stringify(draft.organisations),
            JSON.stringify(draft),
          ],
        );
        const row = rows[0];
        if (row) answers.push({ id: row.id, version: Number(row.version) });
      }
      return answers;
    });
  }

  async getEntry(networkId: string, entryId: string): Promise<LibraryEntry | null> {
    const { rows } = await this.pool.query<EntryRow>('SELECT id, network_id, version, data FROM library_entries WHERE network_id = $1 AND id = $2', [
      networkId,
      entryId,
    ]);
    return rows[0] ? entryOf(rows[0]) : null;
  }

  async withdraw(networkId: string, entryId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM library_entries WHERE network_id = $1 AND id = $2', [networkId, entryId]);
    return (result.rowCount ?? 0) > 0;
  }

  async countEntries(networkId: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT COUNT(*) AS count FROM library_entries WHERE network_id = $1', [networkId]);
    return Number(rows[0]?.count ?? 0);
  }

  async search(query: LibraryQuery): Promise<LibraryPage> {
    const params: (string | number)[] = [query.networkId];
    const where = ['network_id = $1'];
    const add = (value: string | number) => `$${params.push(value)}`;
    if (query.organisation !== undefined) where.push(`organisations ? ${add(query.organisation)}`);
    if (query.tag !== undefined) where.push(`tags ? ${add(query.tag)}`);
    if (query.boardId !== undefined) where.push(`board_id = ${add(query.boardId)}`);
    if (query.since !== undefined) where.push(`published_at >= ${add(query.since)}`);
    // Each query word as a prefix, in either language; words are letters and digits only, so safe in tsquery syntax.
    const words = query.terms.flatMap((term) => wordsOf(term));
    let order = 'published_at DESC, seq DESC';
    let from = 'library_entries';
    if (words.length > 0) {
      const tsquery = words
        .map((word) => {
          const p = add(`${word}:*`);
          return `(to_tsquery('dutch', ${p}) || to_tsquery('english', ${p}))`;
        })
        .join(' && ');
      // The query is built once (a subquery), not once per row; rank is read from the vector.
      from = `library_entries, (SELECT ${tsquery} AS query) q`;
      where.push('search @@ q.query');
      order = 'ts_rank(search, q.query) DESC, seq DESC';
    }
    const sql = `SELECT id, network_id, version, data FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${add(query.limit + 1)} OFFSET ${add(query.offset)}`;
    const { rows } = await this.pool.query<EntryRow>(sql, params);
    return { entries: rows.slice(0, query.limit).map(entryOf), more: rows.length > query.limit };
  }
}
