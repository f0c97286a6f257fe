import { describe, expect, it } from 'vitest';
import { HIDDEN_WAIT_MS, READ_SPACING, ReadSchedule, type ScheduleHost } from './readSchedule';

/** A clock, timers and frames the test moves by hand. */
class ManualHost implements ScheduleHost {
  time = 0;
  private nextId = 1;
  readonly timers = new Map<number, { at: number; run: () => void }>();
  readonly frames = new Map<number, () => void>();

  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  requestFrame(run: () => void): unknown {
    const id = this.nextId++;
    this.frames.set(id, run);
    return id;
  }
  cancelFrame(handle: unknown): void {
    this.frames.delete(handle as number);
  }
  /** Moves the clock to `time`, running the timers due on the way. */
  advance(time: number): void {
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= time).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].run();
    }
    this.time = time;
  }
  paintFrame(): void {
    const frames = [...this.frames.values()];
    this.frames.clear();
    for (const run of frames) run();
  }
}

/** A schedule whose read takes `cost` ms of the manual clock. */
function setup(cost: number) {
  const host = new ManualHost();
  const reads: number[] = [];
  const schedule = new ReadSchedule(() => {
    reads.push(host.time);
    host.time += cost;
  }, host);
  return { host, reads, schedule };
}

describe('ReadSchedule', () => {
  it('folds a burst of changes into one read, in the task after the next frame', () => {
    const { host, reads, schedule } = setup(0.2);
    schedule.changed();
    schedule.changed();
    schedule.changed();
    host.advance(5);
    expect(reads).toEqual([]);
    host.paintFrame();
    host.advance(5);
    expect(reads).toEqual([5]);
  });

  it('reads without frames too (a hidden tab), after HIDDEN_WAIT_MS', () => {
    const { host, reads, schedule } = setup(0.2);
    schedule.changed();
    host.advance(HIDDEN_WAIT_MS - 1);
    expect(reads).toEqual([]);
    host.advance(HIDDEN_WAIT_MS);
    expect(reads).toEqual([HIDDEN_WAIT_MS]);
  });

  it('spaces the reads of a big board by their cost, while a small board reads every frame', () => {
    const big = setup(4);
    big.schedule.run(); // 0..4 ms: the next read no sooner than 4 + 40
    big.schedule.changed();
    big.host.paintFrame();
    big.host.advance(16);
    expect(big.reads).toEqual([0]);
    big.schedule.changed();
    big.host.paintFrame();
    big.host.advance(4 + 4 * READ_SPACING);
    expect(big.reads).toEqual([0, 44]);

    const small = setup(0.1);
    small.schedule.run();
    // A remote change every frame: each is read in the task after its frame.
    for (const frame of [16, 32, 48]) {
      small.host.advance(frame);
      small.schedule.changed();
      small.host.paintFrame();
      small.host.advance(frame + 0.5);
    }
    expect(small.reads).toEqual([0, 16, 32, 48]);
  });

  it('reads nothing after cancel', () => {
    const { host, reads, schedule } = setup(0.2);
    schedule.changed();
    schedule.cancel();
    host.paintFrame();
    host.advance(1000);
    expect(reads).toEqual([]);
  });
});
