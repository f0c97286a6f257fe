import { describe, expect, it } from 'vitest';
import { scrollTopFor, windowRange } from './window';

describe('outline windowing', () => {
  it('renders the rows meeting the view plus the overscan', () => {
    // Rows of 50 px from y = 100; the view shows y 1000..1500: rows 18..28.
    expect(windowRange({ count: 1000, rowHeight: 50, listTop: 100, scrollTop: 1000, viewportHeight: 500, overscan: 2 })).toEqual({ start: 16, end: 30 });
  });

  it('clamps to the list and renders nothing of a list scrolled far away', () => {
    expect(windowRange({ count: 10, rowHeight: 50, listTop: 0, scrollTop: 0, viewportHeight: 500, overscan: 3 })).toEqual({ start: 0, end: 10 });
    // The list lies far below the view.
    expect(windowRange({ count: 100, rowHeight: 50, listTop: 10_000, scrollTop: 0, viewportHeight: 500, overscan: 3 })).toEqual({ start: 0, end: 0 });
    // The list lies far above the view.
    expect(windowRange({ count: 100, rowHeight: 50, listTop: 0, scrollTop: 20_000, viewportHeight: 500, overscan: 3 })).toEqual({ start: 100, end: 100 });
  });

  it('scrolls a row to the middle of the view', () => {
    expect(scrollTopFor(20, 50, 100, 400)).toBe(100 + 1000 - 200 + 25);
    expect(scrollTopFor(0, 50, 0, 400)).toBe(0);
  });
});
