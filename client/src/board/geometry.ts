import type { Point, Rect } from './viewport';

export function rectCenter(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** Where the ray from the rect's centre towards `toward` leaves the rect. */
export function edgePoint(r: Rect, toward: Point): Point {
  const c = rectCenter(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const halfW = r.w / 2;
  const halfH = r.h / 2;
  // The ray hits a vertical side when it is steeper in x than the rect's aspect, else a horizontal one.
  const tx = dx !== 0 ? halfW / Math.abs(dx) : Infinity;
  const ty = dy !== 0 ? halfH / Math.abs(dy) : Infinity;
  const t = Math.min(tx, ty);
  return { x: c.x + dx * t, y: c.y + dy * t };
}

/**
 * The arrow of a link: from the edge of `from` to the edge of `to`, along the line between
 * their centres. Null when the cards overlap so much that no sensible arrow exists.
 */
export function linkPoints(from: Rect, to: Rect): [number, number, number, number] | null {
  const a = rectCenter(from);
  const b = rectCenter(to);
  const start = edgePoint(from, b);
  const end = edgePoint(to, a);
  // When the end lies inside the from card (or vice versa) the cards overlap: draw nothing.
  if (containsPoint(from, end) || containsPoint(to, start)) {
    if (a.x === b.x && a.y === b.y) return null;
    return [a.x, a.y, b.x, b.y];
  }
  return [start.x, start.y, end.x, end.y];
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

/**
 * A spot for a new card at `base` that no card occupies exactly, stepping diagonally so
 * repeated adds fan out instead of stacking on top of each other.
 */
export function freeSpot(base: Point, occupied: (p: Point) => boolean, step = 24, maxTries = 50): Point {
  let p = base;
  for (let i = 0; i < maxTries && occupied(p); i++) p = { x: p.x + step, y: p.y + step };
  return p;
}
