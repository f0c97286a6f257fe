// The import worker's thread (see importWorker.ts): parses, validates, builds and encodes one
// import at a time, and moves the two encoded documents back.
import { setPriority } from 'node:os';
import { serveJobs } from '../workers/jobWorker';
import { threadData } from '../workers/thread';
import { buildImport, type ImportOutcome } from './importWork';
import type { ImportJob } from './importWorker';

try {
  // On Linux a thread's nice value is its own: this lowers the worker's, not the event loop's.
  setPriority(threadData<{ nice: number }>().nice);
} catch {
  // Elsewhere (or when not allowed) it keeps the priority it has.
}

// Decoded here, not on the event loop; a BOM stays, as a string body kept it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

serveJobs<ImportJob, ImportOutcome>(
  ({ bytes, now }) => buildImport(decoder.decode(bytes), now),
  (outcome) => (outcome.ok ? [outcome.content.buffer as ArrayBuffer, outcome.control.buffer as ArrayBuffer] : []),
);
