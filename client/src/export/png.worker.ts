/**
 * The PNG compressor, started by the export worker: it takes rows with their filter bytes and
 * deflates them into the file (PngWriter) while the export worker draws the next ones.
 */
import { PngWriter } from './png';
import type { CompressorReply, CompressorRequest } from './pngRemote';

/** The worker's global scope, as far as this uses it (the client's types are the page's). */
declare const self: { postMessage(message: CompressorReply): void; onmessage: ((event: MessageEvent<CompressorRequest>) => void) | null };

let png: PngWriter | null = null;
let failed = false;
// One message at a time, in order: a write must not overtake the one before it.
let queue = Promise.resolve();

async function handle(message: CompressorRequest): Promise<void> {
  if (message.type === 'start') {
    png = new PngWriter(message.width, message.height);
    self.postMessage({ type: 'ready' });
    return;
  }
  if (!png) throw new Error('rows before the picture’s size');
  if (message.type === 'rows') {
    await png.addFiltered(message.filtered, message.count);
    self.postMessage({ type: 'written', bytes: message.filtered.length });
  } else {
    self.postMessage({ type: 'done', blob: await png.finish() });
  }
}

self.onmessage = (event) => {
  const message = event.data;
  queue = queue.then(async () => {
    if (failed) return;
    try {
      await handle(message);
    } catch (error) {
      failed = true;
      png?.abort();
      self.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  });
};
