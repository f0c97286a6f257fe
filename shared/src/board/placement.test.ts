import { describe, expect, it } from 'vitest';
import { KIND_COLORS, templateFrames } from './templates';
import { AREA_GAP, SLOT_GAP, SLOT_INSET, freeAreaSpot, kindFrame, nextFreeSlot, phaseFrame, type Area } from './placement';

const size = { w: 220, h: 140 };

function overlap(a: Area, b: Area): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('kindFrame', () => {
  it("finds each kind's column of the benchlearning template by its colour", () => {
    const frames = templateFrames('benchlearning', 'en');
    expect(kindFrame(frames, 'success')?.title).toBe('Successes');
    expect(kindFrame(frames, 'problem')?.title).toBe('Problems');
    expect(kindFrame(frames, 'lesson')?.title).toBe('Lessons');
    expect(kindFrame(frames, 'note')).toBeNull();
  });

  it("prefers the frame naming the author's organisation, else the top-left one", () => {
    const frames = templateFrames('by-organisation', 'en', ['Acme', 'Globex']);
    expect(kindFrame(frames, 'problem', 'globex')?.title).toBe('Globex · Problems');
    expect(kindFrame(frames, 'success', 'Unknown')?.title).toBe('Acme · Successes');
    expect(kindFrame(frames, 'success')?.title).toBe('Acme · Successes');
  });

  it('ignores frames of other colours and colour case', () => {
    const frames = [
      { title: 'Other', x: 0, y: 0, w: 100, h: 100, color: '#123456' },
      { title: 'Mine', x: 500, y: 0, w: 100, h: 100, color: KIND_COLORS.lesson.toUpperCase() },
    ];
    expect(kindFrame(frames, 'lesson')?.title).toBe('Mine');
  });
});

describe('nextFreeSlot', () => {
  const area = { x: 100, y: 50, w: 760, h: 980 };

  it('starts at the top-left inside the insets', () => {
    expect(nextFreeSlot(area, size, [])).toEqual({ x: 100 + SLOT_INSET.side, y: 50 + SLOT_INSET.top });
  });

  it('fills rows in reading order without overlap, all inside the area', () => {
    const placed: Area[] = [];
    for (let i = 0; i < 15; i++) {
      const slot = nextFreeSlot(area, size, placed);
      expect(slot).not.toBeNull();
      placed.push({ ...slot!, ...size });
    }
    for (const [i, a] of placed.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(area.x);
      expect(a.x + a.w).toBeLessThanOrEqual(area.x + area.w);
      expect(a.y + a.h).toBeLessThanOrEqual(area.y + area.h);
      for (const b of placed.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    }
    // Three to a row in a 760-wide frame: the fourth starts the second row.
    expect(placed[3]).toMatchObject({ x: placed[0]!.x, y: placed[0]!.y + size.h + SLOT_GAP });
  });

  it('skips a slot a card (of any size) covers, even one placed by hand off the grid', () => {
    const first = nextFreeSlot(area, size, [])!;
    const big = { x: first.x + 30, y: first.y + 10, w: 300, h: 400 };
    const slot = nextFreeSlot(area, size, [big])!;
    expect(overlap({ ...slot, ...size }, big)).toBe(false);
    expect(slot.y).toBe(first.y);
  });

  it('goes on below a full area, and gives up far below it', () => {
    const small = { x: 0, y: 0, w: 300, h: 300 };
    const placed: Area[] = [];
    for (let i = 0; i < 3; i++) placed.push({ ...nextFreeSlot(small, size, placed)!, ...size });
    expect(placed[2]!.y).toBeGreaterThan(small.y + small.h - size.h);
    expect(placed[2]!.x).toBe(placed[0]!.x);
    const wall = { x: -1000, y: -1000, w: 5000, h: 100000 };
    expect(nextFreeSlot(small, size, [wall])).toBeNull();
  });
});

describe('freeAreaSpot', () => {
  const frame = { w: 640, h: 480 };
  const view = { x: 0, y: 0, w: 2000, h: 1200 };

  it('puts a new frame in the middle of the view when nothing is there', () => {
    expect(freeAreaSpot(view, frame, [])).toEqual({ x: 680, y: 360 });
  });

  it('never on a card or a frame: beside or below them, clear by half the gap', () => {
    const columns = templateFrames('benchlearning', 'en');
    const cards = [{ x: 24, y: 72, ...size }];
    const taken: Area[] = [...columns, ...cards];
    for (const at of [view, { x: 300, y: 200, w: 900, h: 600 }, { x: -400, y: 1500, w: 390, h: 700 }]) {
      const spot = freeAreaSpot(at, frame, taken);
      const placed = { ...spot, ...frame };
      for (const r of taken) expect(overlap(placed, { x: r.x - AREA_GAP / 2, y: r.y - AREA_GAP / 2, w: r.w + AREA_GAP, h: r.h + AREA_GAP })).toBe(false);
    }
  });

  it('stays in the view when there is room in it', () => {
    const card = { x: 900, y: 500, ...size };
    const spot = freeAreaSpot(view, frame, [card]);
    expect(spot.x).toBeGreaterThanOrEqual(view.x);
    expect(spot.y).toBeGreaterThanOrEqual(view.y);
    expect(spot.x + frame.w).toBeLessThanOrEqual(view.x + view.w);
    expect(spot.y + frame.h).toBeLessThanOrEqual(view.y + view.h);
  });
});

describe('phaseFrame', () => {
  it("is the frame of the phase's first kind that has one", () => {
    const frames = templateFrames('benchlearning', 'en');
    expect(phaseFrame(frames, ['problem', 'note'])?.title).toBe('Problems');
    expect(phaseFrame(frames, ['note', 'lesson'])?.title).toBe('Lessons');
    expect(phaseFrame(frames, [])).toBeNull();
    expect(phaseFrame(frames, null)).toBeNull();
    expect(phaseFrame([], ['success'])).toBeNull();
  });
});
