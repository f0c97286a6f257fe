import type { CardKind } from '@benchlearn/shared';
import type { ProgressListener, Slicer } from './chunks';
import { renderPdf, type PdfJob } from './pdf';
import { outputSize, type OutputSize, type Rect } from './region';
import { renderPng, type Background, type PictureJob } from './render';
import { ExportScene, type SceneData } from './scene';

interface SceneRequest {
  data: SceneData;
  kindLabels: Readonly<Record<CardKind, string>>;
  /** The board region to draw (board units). */
  region: Rect;
}

/**
 * Everything a PNG or PDF needs, as plain data: taken from the board on the page, then drawn
 * either in the export worker (picture.worker.ts) or, without one, on the page itself.
 */
export type PictureRequest =
  | (SceneRequest & { format: 'png'; ratio: number; background: Background })
  | (SceneRequest & { format: 'pdf' } & Omit<PdfJob, 'scene' | 'region' | 'slicer' | 'onProgress'>);

export interface Picture {
  blob: Blob;
  /** PNG: the size it came out at (smaller than asked on a huge board). */
  size?: OutputSize;
}

/** Draws and encodes the picture; on the page the slicer keeps it in short steps, in the worker it only checks for cancel. */
export async function makePicture(request: PictureRequest, slicer: Slicer, onProgress?: ProgressListener, openPng?: PictureJob['openPng']): Promise<Picture> {
  const scene = new ExportScene(request.data, request.kindLabels);
  try {
    if (request.format === 'png') {
      const size = outputSize(request.region, request.ratio);
      const blob = await renderPng({ scene, region: request.region, size, background: request.background, slicer, onProgress, openPng });
      return { blob, size };
    }
    const { format: _format, data: _data, kindLabels: _labels, ...pdf } = request;
    const blob = await renderPdf({ ...pdf, scene, slicer, onProgress });
    return { blob };
  } finally {
    scene.destroy();
  }
}
