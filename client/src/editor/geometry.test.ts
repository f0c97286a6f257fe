import { describe, expect, it } from 'vitest';
import { edgePoint, freeSpot, linkPoints, rectFromCorners, rubberBandPoints, topmostAt } from './geometry';

const box = { x: 0, y: 0, w: 200, h: 100 };

describe('link geometry', () => {
  it('finds where a ray from the centre leaves the rect', () => {
    expect(edgePoint(box, { x: 1000, y: 50 })).toEqual({ x: 200, y: 50 });
    expect(edgePoint(box, { x: 100, y: -500 })).toEqual({ x: 100, y: 0 });
    const corner = edgePoint(box, { x: 300, y: 150 });
    expect(corner.x).toBeCloseTo(200);
    expect(corner.y).toBeCloseTo(100);
    expect(edgePoint(box, { x: 100, y: 50 })).toEqual({ x: 100, y: 50 });
  });

  it('draws a link from edge to edge between two cards', () => {
    const lesson = { x: 400, y: 0, w: 200, h: 100 };
    expect(linkPoints(box, lesson)).toEqual([200, 50, 400, 50]);
    const below = { x: 0, y: 300, w: 200, h: 100 };
    expect(linkPoints(box, below)).toEqual([100, 100, 100, 300]);
  });

  it('falls back to centres when cards overlap and draws nothing when they coincide', () => {
    expect(linkPoints(box, { x: 50, y: 10, w: 200, h: 100 })).toEqual([100, 50, 150, 60]);
    expect(linkPoints(box, box)).toBeNull();
  });

  it('rubber-bands from the card edge to the pointer', () => {
    expect(rubberBandPoints(box, { x: 500, y: 50 })).toEqual([200, 50, 500, 50]);
    expect(rubberBandPoints(box, { x: 20, y: 20 })).toEqual([100, 50, 20, 20]);
  });
});

describe('hit testing and placement', () => {
  it('makes a marquee rect from corners in any order', () => {
    expect(rectFromCorners({ x: 10, y: 50 }, { x: 0, y: 0 })).toEqual({ x: 0, y: 0, w: 10, h: 50 });
  });

  it('picks the topmost card under a point', () => {
    const rects: Record<string, { x: number; y: number; w: number; h: number }> = {
      low: { x: 0, y: 0, w: 100, h: 100 },
      high: { x: 50, y: 50, w: 100, h: 100 },
    };
    const rectOf = (id: string) => rects[id] ?? null;
    expect(topmostAt(['low', 'high'], rectOf, { x: 75, y: 75 })).toBe('high');
    expect(topmostAt(['low', 'high'], rectOf, { x: 10, y: 10 })).toBe('low');
    expect(topmostAt(['low', 'high'], rectOf, { x: 500, y: 10 })).toBeNull();
  });

  it('puts a new card beside the cards already there, never over them', () => {
    const size = { w: 200, h: 100 };
    expect(freeSpot({ x: 5, y: 5 }, size, [])).toEqual({ x: 5, y: 5 });
    const taken = [{ x: 0, y: 0, w: 200, h: 100 }];
    const second = freeSpot({ x: 0, y: 0 }, size, taken);
    expect(second).not.toEqual({ x: 0, y: 0 });
    taken.push({ ...second, ...size });
    const third = freeSpot({ x: 0, y: 0 }, size, taken);
    for (const r of taken) {
      const apart = third.x >= r.x + r.w || r.x >= third.x + size.w || third.y >= r.y + r.h || r.y >= third.y + size.h;
      expect(apart).toBe(true);
    }
    // A card far away does not move the new one.
    expect(freeSpot({ x: 0, y: 0 }, size, [{ x: 5000, y: 5000, w: 200, h: 100 }])).toEqual({ x: 0, y: 0 });
  });
});
