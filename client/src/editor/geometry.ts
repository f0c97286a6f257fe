import { edgePoint, linkPoints } from '@benchlearn/shared';
import type { Point, Rect } from './viewport';

export function rectCenter(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** A link's arrow is part of the one card and link layout, shared with every export. */
export { edgePoint, linkPoints };

/** A link as drawn: its id and the segment of its arrow (linkPoints), in board units. */
export interface LinkSegment {
  id: string;
  points: [number, number, number, number];
}

/**
 * The segments of `links` between their cards as drawn now (`rectOf`, drag offsets included),
 * leaving out a link without an arrow. The low-detail path is drawn from these and a press is
 * matched against them (picking.ts).
 */
export function linkSegments(links: Iterable<{ id: string; from: string; to: string }>, rectOf: (id: string) => Rect | null): LinkSegment[] {
  const segments: LinkSegment[] = [];
  for (const link of links) {
    const a = rectOf(link.from);
    const b = rectOf(link.to);
    const points = a && b ? linkPoints(a, b) : null;
    if (points) segments.push({ id: link.id, points });
  }
  return segments;
}

/** Distance from `p` to the segment x1, y1, x2, y2. */
export function distanceToSegment(p: Point, [x1, y1, x2, y2]: readonly [number, number, number, number]): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - x1) * dx + (p.y - y1) * dy) / len2));
  return Math.hypot(p.x - (x1 + t * dx), p.y - (y1 + t * dy));
}

/** Points of an arrow from the edge of `from` to a free point (a link being dragged). */
export function rubberBandPoints(from: Rect, to: Point): [number, number, number, number] {
  const start = containsPoint(from, to) ? rectCenter(from) : edgePoint(from, to);
  return [start.x, start.y, to.x, to.y];
}

/** The rect spanned by two corners in any order (a marquee). */
export function rectFromCorners(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** The topmost of `ids` (bottom first) whose rect contains `p`. */
export function topmostAt(ids: readonly string[], rectOf: (id: string) => Rect | null, p: Point): string | null {
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i]!;
    const r = rectOf(id);
    if (r && containsPoint(r, p)) return id;
  }
  return null;
}

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
}

/**
 * Where a new card of size `size` goes near `base` (its wished top-left) without covering any
 * card in `taken`: the nearest free cell of a grid around `base`, ring by ring, so repeated adds
 * sit side by side as on a sticky-note wall. Falls back to `base` when the area is full.
 */
export function freeSpot(base: Point, size: { w: number; h: number }, taken: readonly Rect[], gap = 24, maxRings = 6): Point {
  const near = taken.filter((r) =>
    overlaps(
      r,
      {
        x: base.x - (size.w + gap) * maxRings,
        y: base.y - (size.h + gap) * maxRings,
        w: (size.w + gap) * (2 * maxRings + 1),
        h: (size.h + gap) * (2 * maxRings + 1),
      },
      0,
    ),
  );
  const free = (p: Point) => !near.some((r) => overlaps(r, { x: p.x, y: p.y, ...size }, gap / 2));
  if (free(base)) return base;
  for (let ring = 1; ring <= maxRings; ring++) {
    const cells: Point[] = [];
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) cells.push({ x: base.x + dx * (size.w + gap), y: base.y + dy * (size.h + gap) });
      }
    }
    // Nearest first; on a tie, right of and below the view's centre (reading order).
    cells.sort((a, b) => Math.hypot(a.x - base.x, a.y - base.y) - Math.hypot(b.x - base.x, b.y - base.y) || a.y - b.y || a.x - b.x);
    const spot = cells.find(free);
    if (spot) return spot;
  }
  return base;
}
