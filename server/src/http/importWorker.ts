import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportOutcome } from './importWork';

/** The server package's folder, the same from src/http (tsx, vitest) and from dist (the bundle). */
const SERVER_DIR = new URL(import.meta.url.includes('/src/http/') ? '../../' : '../', import.meta.url);

/**
 * The worker loads importWork.ts, with the shared model it needs, through tsx (a dependency of
 * the server), so the same TypeScript runs in it under tsx, vitest and the esbuild bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// On Linux a thread's nice value is its own: this lowers the worker's, not the event loop's.
try { require('node:os').setPriority(workerData.nice); } catch {}
const ready = import(workerData.tsxApi).then(({ tsImport }) => tsImport(workerData.module, workerData.parent));
// Decoded here, not on the event loop; a BOM stays, as a string body kept it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
parentPort.on('message', async ({ id, bytes, now }) => {
  try {
    const { buildImport } = await ready;
    const outcome = buildImport(decoder.decode(bytes), now);
    parentPort.postMessage({ id, outcome }, outcome.ok ? [outcome.content.buffer, outcome.control.buffer] : []);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

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

interface Answer {
  id: number;
  outcome?: ImportOutcome;
  error?: string;
}

/**
 * Runs imports one at a time on a worker thread. Parsing, validating, building and encoding a
 * maximum-size file held the event loop ~1.5 s (issue 12); here the event loop only hands the
 * body's bytes over (moved, not copied) and takes the two encoded documents back.
 */
export class ImportWorker {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(outcome: ImportOutcome): void; reject(error: Error): void }>();

  constructor(private readonly idleMs = WORKER_IDLE_MS) {}

  /**
   * Builds the import of the file's UTF-8 `bytes` on the worker; throws ImportQueueFull when too
   * many wait already. The bytes are moved to the worker when they own their memory (they are
   * unusable here afterwards), copied when they share it (a small body in Node's buffer pool).
   */
  build(bytes: Uint8Array, now: number): Promise<ImportOutcome> {
    if (this.waiting.size >= MAX_QUEUED_IMPORTS) return Promise.reject(new ImportQueueFull('too many imports at once'));
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const sent = owned ? bytes : new Uint8Array(bytes);
    const worker = this.start();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      this.waiting.set(id, { resolve: resolvePromise, reject });
      worker.ref();
      worker.postMessage({ id, bytes: sent, now }, [sent.buffer as ArrayBuffer]);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const require = createRequire(import.meta.url);
    const workerData = {
      // The ES module build: tsx's CommonJS one resolves its loader wrongly inside a worker.
      tsxApi: pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href,
      module: new URL('src/http/importWork.ts', SERVER_DIR).href,
      parent: import.meta.url,
      nice: IMPORT_WORKER_NICE,
    };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.on('message', (answer: Answer) => {
      const waiter = this.waiting.get(answer.id);
      if (!waiter) return;
      this.waiting.delete(answer.id);
      if (this.waiting.size === 0) this.idle(worker);
      if (answer.outcome) waiter.resolve(answer.outcome);
      else waiter.reject(new Error(answer.error ?? 'the import worker gave no answer'));
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the import worker exited with ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private idle(worker: Worker): void {
    worker.unref();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker === worker && this.waiting.size === 0) {
        this.worker = null;
        void worker.terminate();
      }
    }, this.idleMs);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    for (const waiter of this.waiting.values()) waiter.reject(new Error('the server is shutting down'));
    this.waiting.clear();
    if (worker) await worker.terminate();
  }
}
