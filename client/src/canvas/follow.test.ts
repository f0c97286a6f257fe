import { describe, expect, it } from 'vitest';
import { clientOf, fitRegion, presentationView, presenterOf, SummonWatcher, type Followable } from './follow';
import { visibleRect } from '../editor/viewport';

describe('fitRegion', () => {
  it('a 16:9 projector following a 4:3 laptop shows all the laptop shows, centred, with bands at the sides', () => {
    const laptop = { x: 100, y: 50, w: 1024, h: 768 };
    const projector = { width: 1920, height: 1080 };
    const view = fitRegion(laptop, projector);
    const shown = visibleRect(view, projector);
    // Nothing of the laptop's region is cut off…
    expect(shown.x).toBeLessThanOrEqual(laptop.x + 1e-9);
    expect(shown.y).toBeLessThanOrEqual(laptop.y + 1e-9);
    expect(shown.x + shown.w).toBeGreaterThanOrEqual(laptop.x + laptop.w - 1e-9);
    expect(shown.y + shown.h).toBeGreaterThanOrEqual(laptop.y + laptop.h - 1e-9);
    // …the height fits exactly, and the region sits in the middle.
    expect(view.scale).toBeCloseTo(1080 / 768);
    expect(shown.y).toBeCloseTo(laptop.y);
    expect(shown.x + shown.w / 2).toBeCloseTo(laptop.x + laptop.w / 2);
  });

  it('a 4:3 screen following a wide region fits the width instead', () => {
    const region = { x: -500, y: 0, w: 1600, h: 400 };
    const view = fitRegion(region, { width: 800, height: 600 });
    expect(view.scale).toBeCloseTo(0.5);
    const shown = visibleRect(view, { width: 800, height: 600 });
    expect(shown.x).toBeCloseTo(-500);
    expect(shown.w).toBeCloseTo(1600);
    expect(shown.y).toBeLessThan(0);
  });

  it('never zooms past the upper limit, and shows a huge region whole however small it gets', () => {
    expect(fitRegion({ x: 0, y: 0, w: 10, h: 10 }, { width: 1000, height: 1000 }).scale).toBe(4);
    const huge = fitRegion({ x: 0, y: 0, w: 100_000, h: 50_000 }, { width: 1000, height: 500 });
    expect(huge.scale).toBeCloseTo(0.01);
  });
});

const peer = (clientId: number, userId: string, extra: Partial<Followable> = {}): Followable => ({
  clientId,
  userId,
  viewport: { x: 0, y: 0, w: 100, h: 100 },
  presenting: false,
  summon: null,
  ...extra,
});

describe('whom to follow', () => {
  it('picks the presenting tab of a person, then one with a viewport, then the lowest client id', () => {
    const peers = [peer(5, 'ann'), peer(3, 'ann', { viewport: null }), peer(9, 'ann', { presenting: true }), peer(1, 'bob')];
    expect(clientOf(peers, 'ann')?.clientId).toBe(9);
    expect(clientOf(peers.slice(0, 2), 'ann')?.clientId).toBe(5);
    expect(clientOf(peers, 'nobody')).toBeNull();
  });

  it('the projector follows the first presenter with a viewport', () => {
    expect(presenterOf([peer(4, 'a', { presenting: true }), peer(2, 'b', { presenting: true, viewport: null }), peer(7, 'c')])?.userId).toBe('a');
    expect(presenterOf([peer(1, 'a')])).toBeNull();
  });
});

describe('SummonWatcher', () => {
  it('reacts to a counter that grows, not to the first sight of one', () => {
    const watcher = new SummonWatcher();
    expect(watcher.update([peer(1, 'fac', { summon: 3 })])).toBeNull();
    expect(watcher.update([peer(1, 'fac', { summon: 3 })])).toBeNull();
    expect(watcher.update([peer(1, 'fac', { summon: 4 })])).toBe('fac');
    // A facilitator seen before without a counter who then summons.
    expect(watcher.update([peer(1, 'fac', { summon: 4 }), peer(2, 'other')])).toBeNull();
    expect(watcher.update([peer(1, 'fac', { summon: 4 }), peer(2, 'other', { summon: 1 })])).toBe('other');
    // Someone who left and came back is seen afresh.
    expect(watcher.update([])).toBeNull();
    expect(watcher.update([peer(1, 'fac', { summon: 9 })])).toBeNull();
  });
});

describe('presentationView', () => {
  const size = { width: 1920, height: 1080 };
  it('fits a region that can be shown with card text at 24 px', () => {
    const region = { x: 0, y: 0, w: 800, h: 450 };
    expect(presentationView(region, size, 14, 'centre')).toEqual(fitRegion(region, size));
  });

  it('shows a region too big for 24 px in part: centred for a presenter, from its start for the board', () => {
    const region = { x: 100, y: 50, w: 2400, h: 1200 };
    const centre = presentationView(region, size, 14, 'centre');
    expect(centre.scale).toBeCloseTo(24 / 14);
    expect(centre.x + (region.x + region.w / 2) * centre.scale).toBeCloseTo(size.width / 2);
    const start = presentationView(region, size, 14, 'start');
    expect(start.scale).toBeCloseTo(24 / 14);
    expect(start.x + region.x * start.scale).toBeCloseTo(24);
    expect(start.y + region.y * start.scale).toBeCloseTo(24);
  });
});
