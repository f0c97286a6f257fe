import { boundsOf, expandRect, type Rect } from '../editor/viewport';
import type { ExportArea } from '../platform/fileName';

export type { Rect };

/** What a picture export shows: the whole board, what is on screen, or the selected cards. */
export type { ExportArea };

/** Space around the content of a whole-board or selection export (board units), as the SVG has. */
export const EXPORT_MARGIN = 40;

/** The region around some boxes with a margin; null when there are none. */
export function regionAround(boxes: Iterable<Rect>, margin = EXPORT_MARGIN): Rect | null {
  const bounds = boundsOf(boxes);
  return bounds ? expandRect(bounds, margin) : null;
}

/**
 * Limits of one picture. 32,767 px a side is the most image programs and browsers open;
 * 256 megapixels keeps the time (and the file) of a 5,000-card board at 1x within reason.
 */
export interface PictureLimits {
  maxSide: number;
  maxPixels: number;
}

export const PNG_LIMITS: PictureLimits = { maxSide: 32_767, maxPixels: 256 * 1024 * 1024 };

export interface OutputSize {
  width: number;
  height: number;
  /** Output pixels per board unit. */
  scale: number;
  /** True when the limits made the picture smaller than the asked scale. */
  reduced: boolean;
}

/** The pixel size of a region drawn at `scale`, made smaller (never larger) to fit the limits. */
export function outputSize(region: Rect, scale: number, limits: PictureLimits = PNG_LIMITS): OutputSize {
  const w = Math.max(1, region.w);
  const h = Math.max(1, region.h);
  let s = scale;
  s = Math.min(s, limits.maxSide / w, limits.maxSide / h);
  if (w * s * h * s > limits.maxPixels) s = Math.sqrt(limits.maxPixels / (w * h));
  // Rounding up must not cross a limit: shave until it fits (bounded: a few steps).
  let width = Math.max(1, Math.round(w * s));
  let height = Math.max(1, Math.round(h * s));
  for (let i = 0; i < 8 && (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels); i++) {
    s *= 0.999;
    width = Math.max(1, Math.round(w * s));
    height = Math.max(1, Math.round(h * s));
  }
  return { width, height, scale: s, reduced: s < scale - 1e-9 };
}

/** A piece of the output picture, in output pixels. */
export interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The picture cut into rows of tiles (row-major, top to bottom): each tile is one short piece
 * of work between which the page gets the event loop back.
 */
export function tileRows(width: number, height: number, tileWidth: number, tileHeight: number): Tile[][] {
  const rows: Tile[][] = [];
  for (let y = 0; y < height; y += tileHeight) {
    const row: Tile[] = [];
    for (let x = 0; x < width; x += tileWidth) {
      row.push({ x, y, width: Math.min(tileWidth, width - x), height: Math.min(tileHeight, height - y) });
    }
    rows.push(row);
  }
  return rows;
}

/** The board rect a tile shows. */
export function tileBoardRect(region: Rect, scale: number, tile: Tile): Rect {
  return { x: region.x + tile.x / scale, y: region.y + tile.y / scale, w: tile.width / scale, h: tile.height / scale };
}

/** The largest size of a w x h picture inside a box, keeping its proportions. */
export function fitInside(w: number, h: number, boxW: number, boxH: number): { w: number; h: number } {
  const scale = Math.min(boxW / Math.max(w, 1e-9), boxH / Math.max(h, 1e-9));
  return { w: w * scale, h: h * scale };
}
