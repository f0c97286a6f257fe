import { filterRows, type PngSink } from './png';
import { workerErrorMessage } from './workerError';

/** From the drawing thread to the PNG compressor (png.worker.ts). */
export type CompressorRequest =
  { type: 'start'; width: number; height: number } | { type: 'rows'; filtered: Uint8Array<ArrayBuffer>; count: number } | { type: 'finish' };

/** From the compressor: ready for rows, rows written (their bytes), the file, or why not. */
export type CompressorReply = { type: 'ready' } | { type: 'written'; bytes: number } | { type: 'done'; blob: Blob } | { type: 'failed'; message: string };

/** The part of a Worker this uses (a test passes a stand-in). */
export interface CompressorPort {
  postMessage(message: CompressorRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<CompressorReply>) => void) | null;
  onerror: ((event: Event) => void) | null;
}

/**
 * Rows handed over but not yet compressed, at most: a whole row of tiles of the widest picture
 * (32,767 px x 1,024 rows x 4 bytes is 128 MiB; a 5,000-card board is about 80), so the next
 * row of tiles is drawn while the last one is compressed.
 */
const MAX_IN_FLIGHT = 96 * 1024 * 1024;

function startCompressor(): CompressorPort {
  return new Worker(new URL('./png.worker.ts', import.meta.url), { type: 'module', name: 'benchlearn-png' }) as unknown as CompressorPort;
}

/**
 * A PNG compressed in a thread of its own: the export worker draws and reads the next tiles
 * while this one deflates the rows before them (compression is the larger half of a big PNG's
 * time). Resolves null when no such thread starts here (no nested workers): compress in place.
 */
export function openPngCompressor(width: number, height: number, start: () => CompressorPort = startCompressor): Promise<PngSink | null> {
  if (start === startCompressor && typeof Worker === 'undefined') return Promise.resolve(null);
  let port: CompressorPort;
  try {
    port = start();
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    port.onmessage = (event) => {
      if (event.data.type === 'ready') resolve(new RemotePng(port, width));
      else {
        port.terminate();
        resolve(null);
      }
    };
    port.onerror = (event) => {
      event.preventDefault();
      port.terminate();
      resolve(null);
    };
    port.postMessage({ type: 'start', width, height });
  });
}

class RemotePng implements PngSink {
  private inFlight = 0;
  private failure: Error | null = null;
  /** Who waits for room (addRows) or for the file (finish). */
  private waiting: (() => void) | null = null;
  private file: Blob | null = null;

  constructor(
    private readonly port: CompressorPort,
    private readonly width: number,
  ) {
    port.onmessage = (event) => {
      const reply = event.data;
      if (reply.type === 'written') this.inFlight -= reply.bytes;
      else if (reply.type === 'done') this.file = reply.blob;
      else if (reply.type === 'failed') this.failure = new Error(reply.message);
      this.wake();
    };
    port.onerror = (event) => {
      event.preventDefault();
      this.failure = new Error(workerErrorMessage(event, 'the PNG compressor stopped'));
      this.wake();
    };
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  private async until(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    if (this.failure) throw this.failure;
  }

  async addRows(rgba: Uint8Array, count: number): Promise<void> {
    if (this.failure) throw this.failure;
    const filtered = filterRows(rgba, count, this.width);
    this.inFlight += filtered.length;
    this.port.postMessage({ type: 'rows', filtered, count }, [filtered.buffer]);
    await this.until(() => this.inFlight <= MAX_IN_FLIGHT);
  }

  async finish(): Promise<Blob> {
    this.port.postMessage({ type: 'finish' });
    try {
      await this.until(() => this.file !== null);
      return this.file!;
    } finally {
      this.port.terminate();
    }
  }

  abort(): void {
    this.port.terminate();
  }
}
