import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection. A checkpoint copies
 * the WAL into the database file and fsyncs; on the event loop it took tens of milliseconds
 * under load (one stall a second for every room). PASSIVE never blocks the server's writes.
 * Plain JavaScript evaluated in the worker, so it runs the same under tsx, vitest and node.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      parentPort.postMessage(String(error && error.message ? error.message : error));
    }
  } else if (message === 'close') {
    db.close();
    parentPort.close();
  }
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private busy = false;

  constructor(file: string, onError: (message: string) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file } });
    this.worker.on('message', (message: unknown) => onError(String(message)));
    this.worker.on('error', (error) => onError(error.message));
    this.worker.unref();
  }

  /** Asks for a checkpoint; the worker's message queue runs them one at a time. */
  request(): void {
    if (this.busy) return;
    this.worker.postMessage('checkpoint');
  }

  async close(): Promise<void> {
    this.busy = true;
    this.worker.postMessage('close');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().finally(resolve), 2000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
