/**
 * The export worker: draws the board picture on OffscreenCanvases with the same Konva nodes as
 * on the page (scene.ts), reads the pixels and compresses the PNG or builds the PDF here, and
 * posts the finished file back. The page only waits for messages.
 */
import Konva from 'konva';
import { Slicer } from './chunks';
import { makePicture, type PictureRequest } from './picture';
import type { WorkerReply } from './pictureWorker';
import { openPngCompressor } from './pngRemote';

/** The worker's global scope, as far as this uses it (the client's types are the page's). */
declare const self: { postMessage(message: WorkerReply): void; onmessage: ((event: MessageEvent<PictureRequest>) => void) | null };

// Konva makes its canvases (tiles, text measuring) with the document, which a worker has not.
Konva.Util.createCanvasElement = () => {
  const canvas = new OffscreenCanvas(1, 1) as OffscreenCanvas & { style?: Record<string, string> };
  canvas.style = {};
  return canvas as unknown as HTMLCanvasElement;
};

function reply(message: WorkerReply): void {
  self.postMessage(message);
}

self.onmessage = async (event: MessageEvent<PictureRequest>) => {
  // Nothing here shares the thread with the page: slices only keep cancel (terminate) prompt.
  const slicer = new Slicer(100);
  let last = -1;
  try {
    const picture = await makePicture(
      event.data,
      slicer,
      (done) => {
        const percent = Math.floor(done * 100);
        if (percent === last) return;
        last = percent;
        reply({ type: 'progress', done });
      },
      openPngCompressor,
    );
    reply({ type: 'done', picture });
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
