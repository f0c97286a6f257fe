import { describe, expect, it } from 'vitest';
import { fitLevel, roomAt, type FitMeasure } from './headerFit';

/**
 * The facilitator's header: step 0 hides the brand's name (never in "More"), steps 1 and 2 move
 * an action into "More", so "More" is there from level 2 on.
 */
function measure(overrides: Partial<FitMeasure>): FitMeasure {
  return {
    room: 160,
    want: 160,
    level: 0,
    steps: 3,
    costs: [90, 70, 80],
    moreAt: (level) => level >= 2,
    moreWidth: 80,
    slack: 8,
    ...overrides,
  };
}

describe('fitLevel', () => {
  it('keeps the level while the title has what it wants', () => {
    expect(fitLevel(measure({ room: 160 }))).toBe(0);
    expect(fitLevel(measure({ room: 300, level: 0 }))).toBe(0);
  });

  it('takes the fewest steps that give the title its room', () => {
    expect(fitLevel(measure({ room: 100 }))).toBe(1);
    // 40 short: the brand's name (90) is enough.
    expect(fitLevel(measure({ room: 120 }))).toBe(1);
  });

  it('counts the room "More" takes when the first action moves into it', () => {
    // 20 short at level 1: the action frees 70 but "More" takes 80, so the next one must go too.
    const short = measure({ room: 140, level: 1 });
    expect(roomAt(short, 2)).toBe(140 + 70 - 80);
    expect(fitLevel(short)).toBe(3);
    // 80 short: the same.
    expect(fitLevel(measure({ room: 80, level: 1 }))).toBe(3);
  });

  it('takes every step there is when even that is not enough, and no more', () => {
    expect(fitLevel(measure({ room: -500 }))).toBe(3);
    expect(fitLevel(measure({ room: 10, level: 3 }))).toBe(3);
  });

  it('drops "More" when its one action fits once "More" is gone', () => {
    // "More" holds one action 120 wide: the title has 200. Back in the row, without "More" (80
    // freed), the title would have 160, short of the slack: stay. At 210 it would have 170: go.
    const wide = { costs: [90, 120, 80], level: 2 };
    expect(fitLevel(measure({ ...wide, room: 200 }))).toBe(2);
    const near = measure({ ...wide, room: 210 });
    expect(roomAt(near, 1)).toBe(210 - 120 + 80);
    expect(fitLevel(near)).toBe(1);
  });

  it('keeps a step within the slack of the edge (no flapping)', () => {
    const wide = { costs: [90, 120, 80], level: 2 };
    expect(fitLevel(measure({ ...wide, room: 207 }))).toBe(2);
    expect(fitLevel(measure({ ...wide, room: 208 }))).toBe(1);
    // What the row then measures is what taking the step back promised: it stays.
    expect(fitLevel(measure({ ...wide, room: 208 - 120 + 80, level: 1 }))).toBe(1);
  });

  it('takes several steps back at once when the window grows, past a level that does not fit', () => {
    expect(fitLevel(measure({ room: 1000, level: 3 }))).toBe(0);
    // At 240: one action back (level 2, "More" stays) leaves the title 160, short of the slack;
    // both back, "More" gone, leave it 170.
    const grown = measure({ room: 240, level: 3 });
    expect(roomAt(grown, 2)).toBe(160);
    expect(roomAt(grown, 1)).toBe(170);
    expect(fitLevel(grown)).toBe(1);
  });

  it('leaves "More" out of the sum when it is there at every level (a phone)', () => {
    const phone = measure({ room: 140, level: 1, moreAt: () => true });
    expect(roomAt(phone, 2)).toBe(140 + 70);
    expect(fitLevel(phone)).toBe(2);
    expect(fitLevel(measure({ room: 160 + 70 + 8, level: 2, moreAt: () => true }))).toBe(1);
  });

  it('never takes back a step whose cost it does not know', () => {
    expect(fitLevel(measure({ room: 1000, level: 2, costs: [] }))).toBe(2);
  });
});
