import { CARD_FONTS } from '@benchlearn/shared';

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
 * Zoom factor of one wheel event. Trackpad pinches arrive as many small ctrl+wheel deltas and
 * mouse wheels as one large one per notch: each event counts at most WHEEL_NOTCH_PIXELS, so a
 * notch is a modest step (about 1.1x) and a pinch stays smooth.
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0): number {
  // Line mode (Firefox's mouse wheel) says 3 lines for a notch.
  const pixels = deltaMode === 1 ? (deltaY * WHEEL_NOTCH_PIXELS) / 3 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const capped = Math.max(-WHEEL_NOTCH_PIXELS, Math.min(WHEEL_NOTCH_PIXELS, pixels));
  return Math.exp(-capped * WHEEL_ZOOM_RATE);
}

/** The most one wheel event counts, in CSS pixels (a mouse notch is about 100). */
export const WHEEL_NOTCH_PIXELS = 100;
/** ln(1.1) per notch: one notch of a mouse wheel zooms by about 1.1x. */
const WHEEL_ZOOM_RATE = Math.log(1.1) / WHEEL_NOTCH_PIXELS;

/** Wheel deltas in CSS pixels (line and page modes converted). */
export function wheelPixels(delta: number, deltaMode = 0): number {
  return deltaMode === 1 ? delta * 16 : deltaMode === 2 ? delta * 400 : delta;
}

/** Screen space taken by what floats over the canvas (the toolbar, the legend), in CSS px. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/** Body text at least this many CSS px is readable (issue 14). */
export const READABLE_BODY_PX = 14;
/** The zoom at which a card's body text is READABLE_BODY_PX on screen. */
export const READABLE_SCALE = READABLE_BODY_PX / CARD_FONTS.body.size;

/**
 * A view showing all of `bounds` centred in `size` minus `insets` (so nothing hides under the
 * toolbar), no closer than `maxScale`.
 */
export function fitBounds(bounds: Rect, size: Size, padding = 40, maxScale = 1, insets: Insets = NO_INSETS): View {
  const availW = Math.max(1, size.width - insets.left - insets.right - 2 * padding);
  const availH = Math.max(1, size.height - insets.top - insets.bottom - 2 * padding);
  const w = Math.max(1, bounds.w);
  const h = Math.max(1, bounds.h);
  const scale = clampScale(Math.min(maxScale, availW / w, availH / h));
  const centreX = insets.left + (size.width - insets.left - insets.right) / 2;
  const centreY = insets.top + (size.height - insets.top - insets.bottom) / 2;
  return {
    scale,
    x: centreX - (bounds.x + w / 2) * scale,
    y: centreY - (bounds.y + h / 2) * scale,
  };
}

/**
 * The view a board opens at: the whole `content` when it fits at a readable zoom, else `focus`
 * (where work happens: the first frame) at the readable zoom, centred across when it fits and
 * from its top-left corner when it does not, below the toolbar.
 */
export function readableView(content: Rect, focus: Rect, size: Size, insets: Insets = NO_INSETS, padding = 24): View {
  const whole = fitBounds(content, size, padding, READABLE_SCALE, insets);
  if (whole.scale >= READABLE_SCALE - 1e-9) return whole;
  const scale = READABLE_SCALE;
  const availW = size.width - insets.left - insets.right - 2 * padding;
  const availH = size.height - insets.top - insets.bottom - 2 * padding;
  const left = insets.left + padding;
  const top = insets.top + padding;
  const x = focus.w * scale <= availW ? left + (availW - focus.w * scale) / 2 - focus.x * scale : left - focus.x * scale;
  const y = focus.h * scale <= availH ? top + (availH - focus.h * scale) / 2 - focus.y * scale : top - focus.y * scale;
  return { scale, x, y };
}

/** Whether all of `r` is on screen, clear of the insets. */
export function rectInView(view: View, size: Size, r: Rect, insets: Insets = NO_INSETS): boolean {
  const a = boardToScreen(view, { x: r.x, y: r.y });
  const b = boardToScreen(view, { x: r.x + r.w, y: r.y + r.h });
  return a.x >= insets.left && a.y >= insets.top && b.x <= size.width - insets.right && b.y <= size.height - insets.bottom;
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
