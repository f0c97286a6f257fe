import type { Box } from './card';
import { LINK_STYLE } from './style';

interface Point {
  x: number;
  y: number;
}

function center(r: Box): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

function contains(r: Box, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** Where the ray from the rect's centre towards `toward` leaves the rect. */
export function edgePoint(r: Box, toward: Point): Point {
  const c = center(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  // The ray hits a vertical side when it is steeper in x than the rect's aspect, else a horizontal one.
  const tx = dx !== 0 ? r.w / 2 / Math.abs(dx) : Infinity;
  const ty = dy !== 0 ? r.h / 2 / Math.abs(dy) : Infinity;
  const t = Math.min(tx, ty);
  return { x: c.x + dx * t, y: c.y + dy * t };
}

/**
 * The arrow of a link: from the edge of `from` to the edge of `to`, along the line between
 * their centres. Null when the cards overlap so much that no sensible arrow exists.
 */
export function linkPoints(from: Box, to: Box): [number, number, number, number] | null {
  const a = center(from);
  const b = center(to);
  const start = edgePoint(from, b);
  const end = edgePoint(to, a);
  // When the end lies inside the from card (or vice versa) the cards overlap: from centre to centre.
  if (contains(from, end) || contains(to, start)) {
    if (a.x === b.x && a.y === b.y) return null;
    return [a.x, a.y, b.x, b.y];
  }
  return [start.x, start.y, end.x, end.y];
}

/**
 * The head of an arrow drawn along `points`, as Konva's Arrow draws it: a triangle with its tip
 * on the end point, `headLength` long and `headWidth` wide. Renderers without an arrow shape
 * (the SVG) draw the shaft to `base` and fill the triangle.
 */
export function arrowHead([x1, y1, x2, y2]: readonly [number, number, number, number]): { tip: Point; left: Point; right: Point; base: Point } {
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  const base = { x: x2 - ux * LINK_STYLE.headLength, y: y2 - uy * LINK_STYLE.headLength };
  const half = LINK_STYLE.headWidth / 2;
  return {
    tip: { x: x2, y: y2 },
    base,
    left: { x: base.x - uy * half, y: base.y + ux * half },
    right: { x: base.x + uy * half, y: base.y - ux * half },
  };
}
