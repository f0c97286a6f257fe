import { ExportCancelled, type ProgressListener } from './chunks';
import type { Picture, PictureRequest } from './picture';
import { workerErrorMessage } from './workerError';

/** What the export worker answers: progress (0..1) while it works, then the file or why not. */
export type WorkerReply = { type: 'progress'; done: number } | { type: 'done'; picture: Picture } | { type: 'failed'; message: string };

/** The part of a Worker this uses (a test passes a stand-in). */
export interface WorkerPort {
  postMessage(message: PictureRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** The worker could not run here (no module workers, no 2D OffscreenCanvas): draw on the page instead. */
export class WorkerUnavailable extends Error {
  constructor(reason: string) {
    super(`export worker unavailable: ${reason}`);
    this.name = 'WorkerUnavailable';
  }
}

/** Whether this browser can draw a picture off the page: a worker with a 2D OffscreenCanvas. */
export function workerSupported(): boolean {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return false;
  try {
    return new OffscreenCanvas(1, 1).getContext('2d') !== null;
  } catch {
    return false;
  }
}

/** The export worker, bundled by Vite as a module worker of its own. */
export function startPictureWorker(): WorkerPort {
  return new Worker(new URL('./picture.worker.ts', import.meta.url), { type: 'module', name: 'benchlearn-export' }) as unknown as WorkerPort;
}

function isReply(value: unknown): value is WorkerReply {
  if (!value || typeof value !== 'object') return false;
  const reply = value as Record<string, unknown>;
  if (reply.type === 'progress') return typeof reply.done === 'number';
  if (reply.type === 'failed') return typeof reply.message === 'string';
  if (reply.type === 'done') {
    const picture = reply.picture as Record<string, unknown> | undefined;
    return !!picture && picture.blob instanceof Blob;
  }
  return false;
}

/**
 * Draws and encodes the picture in a worker, so the page never waits on canvas drawing, pixel
 * reads or compression: it only hands over the scene and receives the file. Cancel ends the
 * worker at once. Rejects with WorkerUnavailable when the worker fails before it could start
 * (the caller then draws on the page), with ExportCancelled on cancel.
 */
export function pictureInWorker(
  request: PictureRequest,
  options: { signal?: AbortSignal; onProgress?: ProgressListener; start?: () => WorkerPort } = {},
): Promise<Picture> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(new ExportCancelled());
  return new Promise<Picture>((resolve, reject) => {
    let worker: WorkerPort;
    try {
      worker = (options.start ?? startPictureWorker)();
    } catch (error) {
      reject(new WorkerUnavailable(error instanceof Error ? error.message : String(error)));
      return;
    }
    let started = false;
    const finish = (settle: () => void) => {
      signal?.removeEventListener('abort', cancel);
      worker.onmessage = null;
      worker.onerror = null;
      worker.onmessageerror = null;
      worker.terminate();
      settle();
    };
    const cancel = () => finish(() => reject(new ExportCancelled()));
    signal?.addEventListener('abort', cancel, { once: true });
    worker.onmessage = (event) => {
      const reply: unknown = event.data;
      if (!isReply(reply)) return finish(() => reject(new Error('unexpected message from the export worker')));
      started = true;
      if (reply.type === 'progress') onProgress?.(reply.done);
      else if (reply.type === 'done') finish(() => resolve(reply.picture));
      else finish(() => reject(new Error(reply.message)));
    };
    // A worker that never got going (its script did not load or run here) is a missing feature, not a failed export.
    worker.onerror = (event) => {
      event.preventDefault();
      const message = workerErrorMessage(event, 'the export worker stopped');
      finish(() => reject(started ? new Error(message) : new WorkerUnavailable(message)));
    };
    worker.onmessageerror = () => finish(() => reject(new Error('the export worker’s message could not be read')));
    worker.postMessage(request);
  });
}
