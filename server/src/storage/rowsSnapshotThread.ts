// The snapshot worker of a storage whose rows are read on the event loop (PostgreSQL, an
// asynchronous client): the rows come in, one encoded snapshot goes back (see snapshotWorker.ts).
import { serveJobs } from '../workers/jobWorker';
import { encodeRows } from './snapshotRows';

serveJobs(
  ({ rows }: { rows: Uint8Array[] }) => encodeRows(rows),
  (snapshot) => [snapshot.buffer as ArrayBuffer],
);
