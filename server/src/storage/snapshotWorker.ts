import type { BoardDocument } from '@benchlearn/shared';
import { JobWorker } from '../workers/jobWorker';
import type { RowsSnapshot } from './types';

/**
 * A storage adapter's snapshot worker builds a compaction's snapshot off the event loop: the
 * document's stored rows are applied to a fresh document on a worker thread and encoded. On the
 * event loop that encode took 20–70 ms for a busy or big board (the relay ramp's longest
 * stalls), and every room waited for it. Each adapter owns its worker (Storage.snapshotThrough):
 * SQLite's reads the rows itself, PostgreSQL's is handed the rows.
 *
 * The thread ends this long after its last job, giving its heap back: a compaction builds a
 * whole board in it, and a kept thread held that memory (after 1,000 boards opened and closed,
 * the process stayed about 10% above its baseline instead of 5%).
 */
export const SNAPSHOT_WORKER_IDLE_MS = 2000;

/** Rows handed over, one snapshot back. */
export type RowsSnapshotWorker = JobWorker<{ rows: Uint8Array[] }, Uint8Array>;

/** What SQLite's worker reads itself: one document's rows up to a sequence number. */
export interface SqliteSnapshotJob {
  boardId: string;
  doc: BoardDocument;
  throughSeq: number;
}

export type SqliteSnapshotWorker = JobWorker<SqliteSnapshotJob, RowsSnapshot, { file: string }>;

const closedMessage = 'the snapshot worker was closed';

export function rowsSnapshotWorker(idleMs = SNAPSHOT_WORKER_IDLE_MS): RowsSnapshotWorker {
  return new JobWorker({ name: 'snapshot', entry: new URL('./rowsSnapshotThread.ts', import.meta.url), data: undefined, idleMs, closedMessage });
}

/** A worker reading the SQLite database `file` on a read-only connection of its own. */
export function sqliteSnapshotWorker(file: string, idleMs = SNAPSHOT_WORKER_IDLE_MS): SqliteSnapshotWorker {
  return new JobWorker({ name: 'snapshot', entry: new URL('./sqliteSnapshotThread.ts', import.meta.url), data: { file }, idleMs, closedMessage });
}
