import { describe, expect, it } from 'vitest';
import { throttle, type Clock } from './throttle';

function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (handle) => {
      const i = timers.findIndex((t) => t.id === handle);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (let guard = 0; guard < 100; guard++) {
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > now) break;
      timers.shift();
      due.fn();
    }
  };
  return { clock, advance };
}

describe('throttle', () => {
  it('runs at most once per interval and always runs the last call', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 50, clock);
    t.call();
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) {
      t.call();
      advance(4);
    }
    expect(runs).toBe(1);
    advance(20);
    expect(runs).toBe(2);
    advance(1000);
    expect(runs).toBe(2);
  });

  it('keeps 20 calls per second down to about 20 runs at 50 ms', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 50, clock);
    for (let i = 0; i < 1000; i++) {
      t.call();
      advance(1);
    }
    expect(runs).toBeGreaterThanOrEqual(19);
    expect(runs).toBeLessThanOrEqual(21);
  });

  it('flushes a pending call now, and cancel drops it', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 50, clock);
    t.call();
    t.call();
    t.flush();
    expect(runs).toBe(2);
    advance(10);
    t.call();
    t.cancel();
    advance(100);
    expect(runs).toBe(2);
  });
});
