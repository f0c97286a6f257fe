import type { Slicer } from './chunks';

/** The board picture ready for a PDF image object: RGB rows, zlib-compressed (FlateDecode). */
export interface DeflatedImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** About a megapixel per band: each read, conversion and compression step stays short. */
const BAND_PIXELS = 1_000_000;

/**
 * The canvas's pixels as deflated RGB, band by band, compressed by the browser's own
 * CompressionStream. A PDF library would decode a PNG and compress it again in one blocking step;
 * the PDF takes the finished stream instead (the board is drawn on white: no alpha channel needed).
 */
export async function deflatedRgb(canvas: HTMLCanvasElement | OffscreenCanvas, slicer: Slicer): Promise<DeflatedImage> {
  const { width, height } = canvas;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  const parts: Uint8Array[] = [];
  const drained = (async () => {
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parts.push(value);
    }
  })();
  drained.catch(() => undefined);
  try {
    const band = Math.max(1, Math.floor(BAND_PIXELS / width));
    for (let y = 0; y < height; y += band) {
      const rows = Math.min(band, height - y);
      const rgba = context.getImageData(0, y, width, rows).data;
      const rgb = new Uint8Array(width * rows * 3);
      for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
        rgb[o] = rgba[i]!;
        rgb[o + 1] = rgba[i + 1]!;
        rgb[o + 2] = rgba[i + 2]!;
      }
      await writer.write(rgb);
      await slicer.pause();
    }
    await writer.close();
    await drained;
  } catch (error) {
    void writer.abort().catch(() => undefined);
    throw error;
  }
  const data = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.length;
  }
  return { data, width, height };
}
