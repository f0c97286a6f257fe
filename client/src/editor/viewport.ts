/**
 * Viewport math of the canvas. A view is the stage transform: the screen position (CSS px,
 * relative to the canvas element) of the board origin, and the zoom factor.
 */
export interface View {
  x: number;
  y: number;
  scale: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Far enough out that a board of 5,000 cards fits on one screen (drawn in low detail, lod.ts). */
export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function screenToBoard(view: View, p: Point): Point {
  return { x: (p.x - view.x) / view.scale, y: (p.y - view.y) / view.scale };
}

export function boardToScreen(view: View, p: Point): Point {
  return { x: p.x * view.scale + view.x, y: p.y * view.scale + view.y };
}

/** Zooms to `scale` (clamped) keeping the board point under `screen` where it is. */
export function zoomAt(view: View, screen: Point, scale: number): View {
  const next = clampScale(scale);
  const anchor = screenToBoard(view, screen);
  return { scale: next, x: screen.x - anchor.x * next, y: screen.y - anchor.y * next };
}

export function zoomBy(view: View, screen: Point, factor: number): View {
  return zoomAt(view, screen, view.scale * factor);
}

/**
 * Zoom factor of one wheel event. Trackpad pinches arrive as small ctrl+wheel deltas and
 * mouse wheels as large ones; an exponential keeps both smooth, the cap keeps a fast wheel sane.
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const capped = Math.max(-100, Math.min(100, pixels));
  return Math.exp(-capped * 0.01);
}

/** Wheel deltas in CSS pixels (line and page modes converted). */
export function wheelPixels(delta: number, deltaMode = 0): number {
  return deltaMode === 1 ? delta * 16 : deltaMode === 2 ? delta * 400 : delta;
}

/** A view showing all of `bounds` centred in `size`, no closer than `maxScale`. */
export function fitBounds(bounds: Rect, size: Size, padding = 40, maxScale = 1): View {
  const availW = Math.max(1, size.width - 2 * padding);
  const availH = Math.max(1, size.height - 2 * padding);
  const w = Math.max(1, bounds.w);
  const h = Math.max(1, bounds.h);
  const scale = clampScale(Math.min(maxScale, availW / w, availH / h));
  return {
    scale,
    x: size.width / 2 - (bounds.x + w / 2) * scale,
    y: size.height / 2 - (bounds.y + h / 2) * scale,
  };
}

/** The view with the same zoom that puts `p` in the middle of the screen. */
export function centerOn(view: View, size: Size, p: Point): View {
  return { scale: view.scale, x: size.width / 2 - p.x * view.scale, y: size.height / 2 - p.y * view.scale };
}

/** The board point in the middle of the screen. */
export function boardCenter(view: View, size: Size): Point {
  return screenToBoard(view, { x: size.width / 2, y: size.height / 2 });
}

/** The part of the board on screen, in board units. */
export function visibleRect(view: View, size: Size): Rect {
  const topLeft = screenToBoard(view, { x: 0, y: 0 });
  return { x: topLeft.x, y: topLeft.y, w: size.width / view.scale, h: size.height / view.scale };
}

export function boundsOf(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.w);
    maxY = Math.max(maxY, r.y + r.h);
  }
  if (minX === Infinity) return null;
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function expandRect(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

/**
 * The area whose cards are mounted when culling: the visible rect grown by half a screen on
 * every side and snapped outward to a grid, so panning re-renders the card list only when
 * the view crosses a grid line, not on every frame.
 */
export function cullingRect(view: View, size: Size, grid = 512): Rect {
  const v = visibleRect(view, size);
  const margin = Math.max(v.w, v.h) / 2;
  const step = grid / Math.min(1, view.scale);
  const x0 = Math.floor((v.x - margin) / step) * step;
  const y0 = Math.floor((v.y - margin) / step) * step;
  const x1 = Math.ceil((v.x + v.w + margin) / step) * step;
  const y1 = Math.ceil((v.y + v.h + margin) / step) * step;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
