import { describe, expect, it } from 'vitest';
import {
  boardCenter,
  boardToScreen,
  boundsOf,
  centerOn,
  clampScale,
  cullingRect,
  fitBounds,
  READABLE_SCALE,
  readableView,
  rectInView,
  screenToBoard,
  visibleRect,
  wheelZoomFactor,
  zoomAt,
} from './viewport';

describe('viewport math', () => {
  it('converts screen and board coordinates both ways', () => {
    const view = { x: 100, y: -50, scale: 2 };
    const board = screenToBoard(view, { x: 300, y: 150 });
    expect(board).toEqual({ x: 100, y: 100 });
    expect(boardToScreen(view, board)).toEqual({ x: 300, y: 150 });
  });

  it('zooms around the pointer: the board point under it stays put', () => {
    const view = { x: 10, y: 20, scale: 1 };
    const pointer = { x: 400, y: 300 };
    const before = screenToBoard(view, pointer);
    const next = zoomAt(view, pointer, 2.5);
    expect(next.scale).toBe(2.5);
    const after = screenToBoard(next, pointer);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('clamps the zoom to 0.05..4', () => {
    expect(clampScale(10)).toBe(4);
    expect(clampScale(0.01)).toBe(0.05);
    expect(clampScale(Number.NaN)).toBe(1);
    expect(zoomAt({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 100).scale).toBe(4);
  });

  it('zooms in on wheel up and out on wheel down', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100)).toBeLessThan(1);
    expect(wheelZoomFactor(-10000)).toBe(wheelZoomFactor(-100));
  });

  it('fits bounds in the middle of the screen without zooming in past 1', () => {
    const size = { width: 1000, height: 600 };
    const view = fitBounds({ x: 0, y: 0, w: 2400, h: 1000 }, size, 50);
    expect(view.scale).toBeCloseTo(900 / 2400);
    const rect = visibleRect(view, size);
    expect(rect.x).toBeLessThanOrEqual(0);
    expect(rect.x + rect.w).toBeGreaterThanOrEqual(2400);
    expect(rect.y + rect.h / 2).toBeCloseTo(500);
    expect(fitBounds({ x: 0, y: 0, w: 10, h: 10 }, size).scale).toBe(1);
  });

  it('centres a board point', () => {
    const view = centerOn({ x: 0, y: 0, scale: 2 }, { width: 800, height: 600 }, { x: 100, y: 100 });
    expect(boardToScreen(view, { x: 100, y: 100 })).toEqual({ x: 400, y: 300 });
  });

  it('bounds several rects, or none', () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 0, y: 0, w: 10, h: 10 },
        { x: -5, y: 20, w: 5, h: 5 },
      ]),
    ).toEqual({ x: -5, y: 0, w: 15, h: 25 });
  });

  it('culls on a grid so small pans keep the same rect, and covers the screen', () => {
    const size = { width: 1200, height: 800 };
    const a = cullingRect({ x: 0, y: 0, scale: 1 }, size);
    const b = cullingRect({ x: -3, y: -2, scale: 1 }, size);
    expect(b).toEqual(a);
    const v = visibleRect({ x: -3, y: -2, scale: 1 }, size);
    expect(a.x).toBeLessThanOrEqual(v.x);
    expect(a.x + a.w).toBeGreaterThanOrEqual(v.x + v.w);
  });

  it('the middle of the screen is the middle of what is visible', () => {
    const view = { x: 100, y: -50, scale: 0.5 };
    const size = { width: 800, height: 600 };
    const v = visibleRect(view, size);
    expect(boardCenter(view, size)).toEqual({ x: v.x + v.w / 2, y: v.y + v.h / 2 });
  });
});

describe('the readable camera', () => {
  const size = { width: 1280, height: 800 };
  const frames = { x: 0, y: 0, w: 2400, h: 980 };
  const first = { x: 0, y: 0, w: 760, h: 980 };

  it('opens at the readable zoom on the first frame when the board does not fit readably, below the toolbar', () => {
    const view = readableView(frames, first, size, { top: 60, right: 0, bottom: 0, left: 0 });
    expect(view.scale).toBe(READABLE_SCALE);
    // Centred across, its top just below the toolbar.
    expect(boardToScreen(view, { x: 380, y: 0 })).toEqual({ x: 640, y: 84 });
  });

  it('starts a frame wider than a phone at its left edge', () => {
    const view = readableView(frames, first, { width: 390, height: 844 });
    expect(boardToScreen(view, { x: 0, y: 0 })).toEqual({ x: 24, y: 24 });
  });

  it('fits a small board whole, never closer than readable', () => {
    const view = readableView({ x: 0, y: 0, w: 400, h: 300 }, { x: 0, y: 0, w: 400, h: 300 }, size);
    expect(view.scale).toBe(READABLE_SCALE);
    expect(rectInView(view, size, { x: 0, y: 0, w: 400, h: 300 })).toBe(true);
  });

  it('fits the whole board clear of the insets', () => {
    const insets = { top: 60, right: 0, bottom: 40, left: 0 };
    const view = fitBounds(frames, size, 40, 1, insets);
    expect(rectInView(view, size, frames, insets)).toBe(true);
    expect(boardToScreen(view, { x: 0, y: 0 }).y).toBeGreaterThanOrEqual(60);
  });

  it('zooms about 1.1x per notch of a mouse wheel', () => {
    expect(wheelZoomFactor(-100)).toBeCloseTo(1.1);
    expect(wheelZoomFactor(100)).toBeCloseTo(1 / 1.1);
    expect(wheelZoomFactor(3, 1)).toBeCloseTo(1 / 1.1);
  });
});
