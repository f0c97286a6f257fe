import { describe, expect, it } from 'vitest';
import { arrowHead, linkPoints } from './link';
import { LINK_STYLE } from './style';

describe('a link’s arrow', () => {
  it('runs between the cards’ edges, centre to centre when they overlap, and not at all on one spot', () => {
    expect(linkPoints({ x: 0, y: 0, w: 100, h: 100 }, { x: 300, y: 0, w: 100, h: 100 })).toEqual([100, 50, 300, 50]);
    expect(linkPoints({ x: 0, y: 0, w: 100, h: 100 }, { x: 50, y: 0, w: 100, h: 100 })).toEqual([50, 50, 100, 50]);
    expect(linkPoints({ x: 0, y: 0, w: 100, h: 100 }, { x: 0, y: 0, w: 100, h: 100 })).toBeNull();
  });

  it('has its head’s tip on the end, as long and wide as the link style says', () => {
    const head = arrowHead([0, 0, 100, 0]);
    expect(head.tip).toEqual({ x: 100, y: 0 });
    expect(head.base).toEqual({ x: 100 - LINK_STYLE.headLength, y: 0 });
    expect(Math.abs(head.left.y - head.right.y)).toBeCloseTo(LINK_STYLE.headWidth);
  });
});
