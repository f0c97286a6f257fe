import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { BoardDocument } from '@benchlearn/shared';

/**
 * Builds a compaction's snapshot on a worker thread: the board's stored rows are applied to a
 * fresh document there and encoded. On the event loop that encode took 20–70 ms for a busy or
 * big board (the relay ramp's longest stalls), and every room waited for it. With SQLite the
 * worker reads the rows itself on a read-only connection (WAL: a reader never blocks the
 * server's writes); reading thousands of rows on the event loop cost as much as the encode.
 * Plain JavaScript evaluated in the worker (Yjs's CommonJS build), so it runs the same under
 * tsx, vitest and node. A row that does not apply is skipped, as when a board loads.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
const readers = new Map();
function storedRows(file, boardId, doc, throughSeq) {
  let read = readers.get(file);
  if (!read) {
    const Database = require(workerData.sqlite);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    read = db.prepare('SELECT data FROM updates WHERE board_id = ? AND doc = ? AND seq <= ? ORDER BY seq').pluck();
    readers.set(file, read);
  }
  return read.all(boardId, doc, throughSeq);
}
parentPort.on('message', ({ id, rows, stored }) => {
  try {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const row of rows || storedRows(stored.file, stored.boardId, stored.doc, stored.throughSeq)) {
        try {
          Y.applyUpdate(doc, row);
        } catch {}
      }
    });
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, snapshot }, [snapshot.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

/** Where the worker reads a document's rows itself (SQLite). */
interface StoredRows {
  file: string;
  boardId: string;
  doc: BoardDocument;
  throughSeq: number;
}

interface Answer {
  id: number;
  snapshot?: Uint8Array;
  error?: string;
}

/**
 * The worker ends this long after its last job, giving its heap back: a compaction builds a
 * whole board in it, and a kept worker held that memory (after 1,000 boards opened and closed,
 * the process stayed about 10% above its baseline instead of 5%). Starting it again costs ~50 ms
 * on its own thread.
 */
export const WORKER_IDLE_MS = 2000;

export class CompactionWorker {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 0;
  /** Snapshots encoded so far (for tests and logs). */
  encoded = 0;
  private readonly waiting = new Map<number, { resolve(snapshot: Uint8Array): void; reject(error: Error): void }>();

  constructor(private readonly idleMs = WORKER_IDLE_MS) {}

  /** The snapshot of these rows (applied in order), encoded off the event loop. */
  encode(rows: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.ask({ rows });
  }

  /**
   * The snapshot of one of a board's documents, of its rows up to `throughSeq` in an SQLite
   * database file, read by the worker (the other document's rows are not read).
   */
  encodeStored(file: string, boardId: string, doc: BoardDocument, throughSeq: number): Promise<Uint8Array> {
    return this.ask({ stored: { file, boardId, doc, throughSeq } });
  }

  private ask(work: { rows: readonly Uint8Array[] } | { stored: StoredRows }): Promise<Uint8Array> {
    const worker = this.start();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...work });
    });
  }

  /** Started on the first compaction: a server that never compacts has no extra thread. */
  private start(): Worker {
    if (this.worker) return this.worker;
    const require = createRequire(import.meta.url);
    const workerData = { yjs: require.resolve('yjs'), sqlite: require.resolve('better-sqlite3') };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.on('message', (answer: Answer) => {
      const waiter = this.waiting.get(answer.id);
      if (!waiter) return;
      this.waiting.delete(answer.id);
      if (this.waiting.size === 0) this.idle(worker);
      if (answer.snapshot) {
        this.encoded += 1;
        waiter.resolve(answer.snapshot);
      } else waiter.reject(new Error(answer.error ?? 'the compaction worker gave no snapshot'));
    });
    const fail = (error: Error) => {
      // Jobs only ever wait on the current worker. One that ended while idle (or at close) was
      // already replaced: its exit must not fail the jobs of the worker after it.
      if (this.worker !== worker) return;
      this.worker = null;
      // The next compaction starts a new worker; the ones waiting are told, and their rows stay.
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the compaction worker exited with ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private idle(worker: Worker): void {
    worker.unref();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.waiting.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    // Nothing should be waiting (shutdown stores every room first); if something is, it hears so.
    for (const waiter of this.waiting.values()) waiter.reject(new Error('the compaction worker was closed'));
    this.waiting.clear();
    if (worker) await worker.terminate();
  }
}
