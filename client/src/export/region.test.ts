import { describe, expect, it } from 'vitest';
import { fitInside, outputSize, regionAround, tileBoardRect, tileRows } from './region';

describe('picture regions', () => {
  it('puts the margin around the content, or nothing when there is none', () => {
    expect(
      regionAround([
        { x: 0, y: 0, w: 100, h: 50 },
        { x: 200, y: 100, w: 10, h: 10 },
      ]),
    ).toEqual({ x: -40, y: -40, w: 290, h: 190 });
    expect(regionAround([], 10)).toBeNull();
  });

  it('sizes the picture by the ratio: 2x has twice the pixels a side', () => {
    const region = { x: -40, y: -40, w: 620, h: 430 };
    expect(outputSize(region, 1)).toEqual({ width: 620, height: 430, scale: 1, reduced: false });
    expect(outputSize(region, 2)).toMatchObject({ width: 1240, height: 860, reduced: false });
  });

  it('makes a huge board smaller to fit the limits, and says so', () => {
    const region = { x: 0, y: 0, w: 18_500, h: 12_900 };
    const limits = { maxSide: 32_767, maxPixels: 256 * 1024 * 1024 };
    const one = outputSize(region, 1, limits);
    expect(one.reduced).toBe(false);
    const two = outputSize(region, 2, limits);
    expect(two.reduced).toBe(true);
    expect(two.width * two.height).toBeLessThanOrEqual(limits.maxPixels);
    expect(two.width).toBeLessThanOrEqual(limits.maxSide);
    // A long thin board is limited by its side.
    const strip = outputSize({ x: 0, y: 0, w: 40_000, h: 100 }, 1, limits);
    expect(strip.width).toBeLessThanOrEqual(limits.maxSide);
    expect(strip.reduced).toBe(true);
  });

  it('cuts the picture into rows of tiles that cover it exactly once', () => {
    const rows = tileRows(1000, 300, 400, 128);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.map((tile) => tile.width)).toEqual([400, 400, 200]);
    expect(rows[2]!.map((tile) => tile.height)).toEqual([44, 44, 44]);
    const area = rows.flat().reduce((sum, tile) => sum + tile.width * tile.height, 0);
    expect(area).toBe(1000 * 300);
  });

  it('maps a tile back to the board', () => {
    expect(tileBoardRect({ x: -40, y: -40, w: 620, h: 430 }, 2, { x: 200, y: 100, width: 100, height: 50 })).toEqual({ x: 60, y: 10, w: 50, h: 25 });
  });

  it('fits a picture inside a box keeping its proportions', () => {
    expect(fitInside(200, 100, 100, 100)).toEqual({ w: 100, h: 50 });
    expect(fitInside(100, 400, 100, 100)).toEqual({ w: 25, h: 100 });
  });
});
