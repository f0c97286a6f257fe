import type { Worker } from 'node:worker_threads';
import { startThread } from '../workers/thread';

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection (checkpointThread.ts).
 * A checkpoint copies the WAL into the database file and fsyncs; on the event loop it took tens
 * of milliseconds under load (one stall a second for every room).
 */
export class Checkpointer {
  private readonly worker: Worker;
  private busy = false;

  constructor(file: string, onError: (message: string) => void) {
    this.worker = startThread(new URL('./checkpointThread.ts', import.meta.url), { file });
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
