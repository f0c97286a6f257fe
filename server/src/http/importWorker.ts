import { JobWorker } from '../workers/jobWorker';
import type { ImportOutcome } from './importWork';

/**
 * The worker's nice value (Linux; elsewhere it stays as it is). A build takes a core for
 * seconds; on a server with one or two cores it competed with the event loop as an equal, and
 * during the abuse suite's import flood an honest room's edit p99 rose to 280 ms. At 10 the
 * event loop gets about nine tenths of a shared core when it needs it; the build takes the rest,
 * and all of an idle core.
 */
export const IMPORT_WORKER_NICE = 10;

/** The worker ends this long after its last import, giving back the memory a big board took. */
const WORKER_IDLE_MS = 5000;

/** Imports waiting for the worker at most; more are answered "busy" rather than held in memory. */
export const MAX_QUEUED_IMPORTS = 4;

export class ImportQueueFull extends Error {}

/** One import as the thread gets it: the file's UTF-8 bytes and the time it is imported at. */
export interface ImportJob {
  bytes: Uint8Array;
  now: number;
}

/**
 * Runs imports one at a time on a worker thread (importThread.ts). Parsing, validating,
 * building and encoding a maximum-size file held the event loop ~1.5 s (issue 12); here the
 * event loop only hands the body's bytes over (moved, not copied) and takes the two encoded
 * documents back.
 */
export class ImportWorker {
  private readonly worker: JobWorker<ImportJob, ImportOutcome, { nice: number }>;

  constructor(idleMs = WORKER_IDLE_MS) {
    this.worker = new JobWorker({
      name: 'import',
      entry: new URL('./importThread.ts', import.meta.url),
      data: { nice: IMPORT_WORKER_NICE },
      idleMs,
      closedMessage: 'the server is shutting down',
    });
  }

  /**
   * Builds the import of the file's UTF-8 `bytes` on the worker; throws ImportQueueFull when too
   * many wait already. The bytes are moved to the worker when they own their memory (they are
   * unusable here afterwards), copied when they share it (a small body in Node's buffer pool).
   */
  build(bytes: Uint8Array, now: number): Promise<ImportOutcome> {
    if (this.worker.queued >= MAX_QUEUED_IMPORTS) return Promise.reject(new ImportQueueFull('too many imports at once'));
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const sent = owned ? bytes : new Uint8Array(bytes);
    return this.worker.run({ bytes: sent, now }, [sent.buffer as ArrayBuffer]);
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
