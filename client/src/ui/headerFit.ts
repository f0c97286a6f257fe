/**
 * How many fit steps the header applies, from what was measured: a pure function, so that the
 * arithmetic (and the "More" button's own width in it) is tested without a browser.
 */
export interface FitMeasure {
  /** The title's room now: the header's main area less everything else in it, "More" included when shown. */
  room: number;
  /** The width the title must keep: its own, at most TITLE_MIN_WIDTH. */
  want: number;
  /** The steps applied now. */
  level: number;
  /** How many steps there are. */
  steps: number;
  /**
   * The width each step frees (its items and their gaps): measured now for the steps not applied,
   * as last measured for those applied (their items are in "More" or hidden, so not measurable).
   */
  costs: readonly number[];
  /** Whether "More" is shown when `level` steps apply (it holds nothing at low levels: it is not there). */
  moreAt(level: number): boolean;
  /** "More"'s width and its gap: measured while it is shown, else as last measured (0 when never). */
  moreWidth: number;
  /** Room beyond `want` needed before steps are taken back (no flapping at the edge). */
  slack: number;
}

/**
 * The title's room were `target` steps applied instead of `level`: each step taken frees its
 * cost, each one taken back needs it, and "More" appearing or going away takes or frees its width.
 */
export function roomAt(measure: FitMeasure, target: number): number {
  const { room, level, costs, moreAt, moreWidth } = measure;
  let result = room;
  for (let step = level; step < target; step++) result += costs[step] ?? 0;
  for (let step = target; step < level; step++) result -= costs[step] ?? Infinity;
  const moreNow = moreAt(level);
  const moreThen = moreAt(target);
  if (moreNow && !moreThen) result += moreWidth;
  if (!moreNow && moreThen) result -= moreWidth;
  return result;
}

/**
 * The level to apply: too little room, the fewest further steps that give the title what it
 * wants; room to spare, the fewest steps with which it gets that and `slack` more.
 * A "More" never measured counts as 0 wide: once shown it is measured and the next check
 * corrects the level.
 */
export function fitLevel(measure: FitMeasure): number {
  const { room, want, level, steps, slack } = measure;
  if (room < want - 0.5) {
    let target = level;
    while (target < steps) {
      target += 1;
      if (roomAt(measure, target) >= want - 0.5) break;
    }
    return target;
  }
  // Not a walk back that stops at the first level short of room: "More" going away frees its
  // width, so a lower level can fit where the one just above it does not.
  for (let target = 0; target < level; target++) if (roomAt(measure, target) >= want + slack) return target;
  return level;
}
