// SQLite's snapshot worker (see snapshotWorker.ts): it reads a document's rows itself, on a
// read-only connection of its own (WAL: a reader never blocks the server's writes), and encodes
// them. Reading thousands of rows on the event loop cost as much as the encode.
import Database from 'better-sqlite3';
import type { BoardDocument } from '@benchlearn/shared';
import { serveJobs } from '../workers/jobWorker';
import { threadData } from '../workers/thread';
import { encodeRows } from './snapshotRows';
import type { SqliteSnapshotJob } from './snapshotWorker';
import type { RowsSnapshot } from './types';

const db = new Database(threadData<{ file: string }>().file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const read = db.prepare<[string, BoardDocument, number], { seq: number | bigint; data: Buffer }>(
  'SELECT seq, data FROM updates WHERE board_id = ? AND doc = ? AND seq <= ? ORDER BY seq',
);

serveJobs(
  ({ boardId, doc, throughSeq }: SqliteSnapshotJob): RowsSnapshot => {
    const rows = read.all(boardId, doc, throughSeq);
    let bytes = 0;
    for (const row of rows) bytes += row.data.length;
    return { snapshot: encodeRows(rows.map((row) => row.data)), seqs: rows.map((row) => Number(row.seq)), bytes };
  },
  ({ snapshot }) => [snapshot.buffer as ArrayBuffer],
);
