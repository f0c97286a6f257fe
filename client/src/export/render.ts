import { SceneCanvas } from 'konva/lib/Canvas';
import type { Rect } from '../editor/viewport';
import type { ProgressListener, Slicer } from './chunks';
import { PngWriter, type PngSink } from './png';
import { tileBoardRect, tileRows, type OutputSize, type Tile } from './region';
import type { ExportScene } from './scene';

export type Background = 'white' | 'transparent';

export interface PictureJob {
  scene: ExportScene;
  /** The board region to draw (board units). */
  region: Rect;
  size: OutputSize;
  background: Background;
  slicer: Slicer;
  onProgress?: ProgressListener;
  /** PNG: where the rows are compressed, when not here (resolves null to compress here). */
  openPng?: (width: number, height: number) => Promise<PngSink | null>;
}

/**
 * A tile's side in output pixels: at most 1,000 board units and 1,024 pixels, so a tile holds a few dozen cards at
 * most whatever the zoom (a zoomed-out PDF page would otherwise draw thousands in one go).
 */
export function tileSide(scale: number): number {
  return Math.max(128, Math.min(1024, Math.floor(1000 * scale)));
}

/**
 * Draws the picture tile by tile, top to bottom, handing each tile's pixels to `onTile` and each
 * finished row of tiles to `onRow`; the event loop gets its turn between tiles.
 */
async function drawTiles(
  job: PictureJob,
  onTile: (tile: Tile, context: CanvasRenderingContext2D) => void,
  onRow: (row: readonly Tile[]) => Promise<void>,
): Promise<void> {
  const { scene, region, size, slicer } = job;
  const side = tileSide(size.scale);
  const rows = tileRows(size.width, size.height, side, side);
  const total = rows.reduce((sum, row) => sum + row.length, 0);
  const canvas = new SceneCanvas({ width: side, height: side, pixelRatio: 1, willReadFrequently: true });
  const context = canvas.getContext();
  const raw = context._context;
  let done = 0;
  try {
    for (const row of rows) {
      for (const tile of row) {
        const rect = tileBoardRect(region, size.scale, tile);
        await scene.prepare(rect, slicer);
        raw.setTransform(1, 0, 0, 1, 0, 0);
        raw.clearRect(0, 0, side, side);
        if (job.background === 'white') {
          raw.fillStyle = '#ffffff';
          raw.fillRect(0, 0, tile.width, tile.height);
        }
        context.save();
        context.scale(size.scale, size.scale);
        context.translate(-rect.x, -rect.y);
        scene.groupFor(rect).drawScene(canvas);
        context.restore();
        onTile(tile, raw);
        done += 1;
        job.onProgress?.(done / total);
        await slicer.pause();
      }
      await onRow(row);
      const last = row[0]!;
      scene.releaseAbove(region.y + (last.y + last.height) / size.scale);
    }
  } finally {
    canvas.setSize(0, 0);
  }
}

const ROWS_BYTES_PER_WRITE = 2 * 1024 * 1024;

/** The picture as a PNG file, strip by strip: never one canvas of the whole size. */
export async function renderPng(job: PictureJob): Promise<Blob> {
  const { width, height } = job.size;
  const png = (await job.openPng?.(width, height)) ?? new PngWriter(width, height);
  const stripHeight = tileSide(job.size.scale);
  const strip = new Uint8ClampedArray(width * stripHeight * 4);
  // The same memory as plain bytes: copying between typed arrays of one type is a memcpy,
  // between clamped and plain it goes value by value.
  const bytes = new Uint8Array(strip.buffer);
  try {
    await drawTiles(
      job,
      (tile, context) => {
        const pixels = context.getImageData(0, 0, tile.width, tile.height).data;
        for (let y = 0; y < tile.height; y++) {
          strip.set(pixels.subarray(y * tile.width * 4, (y + 1) * tile.width * 4), (y * width + tile.x) * 4);
        }
      },
      async (row) => {
        // The browser compresses on this thread: a few megabytes per write keeps each step short.
        const height = row[0]!.height;
        const rowsPerWrite = Math.max(1, Math.floor(ROWS_BYTES_PER_WRITE / (width * 4)));
        for (let y = 0; y < height; y += rowsPerWrite) {
          const count = Math.min(rowsPerWrite, height - y);
          await png.addRows(bytes.subarray(y * width * 4, (y + count) * width * 4), count);
          await job.slicer.pause();
        }
      },
    );
    return await png.finish();
  } catch (error) {
    png.abort();
    throw error;
  }
}

/** A canvas of this size: off screen in the export worker (no document there), else an element. */
function blankCanvas(width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof document === 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/** The picture on one canvas (small pictures only: the PDF's page). */
export async function renderCanvas(job: PictureJob): Promise<HTMLCanvasElement | OffscreenCanvas> {
  const out = blankCanvas(job.size.width, job.size.height);
  const target = out.getContext('2d');
  if (!target) throw new Error('no 2D canvas');
  await drawTiles(
    job,
    (tile, context) => target.drawImage(context.canvas, 0, 0, tile.width, tile.height, tile.x, tile.y, tile.width, tile.height),
    () => Promise.resolve(),
  );
  return out;
}
