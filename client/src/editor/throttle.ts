export interface Throttled {
  /** Runs now if the interval has passed, else once at the end of the interval. */
  call(): void;
  /** Runs a pending call now (a drop, a pointer leaving: the last word must not wait). */
  flush(): void;
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Leading and trailing throttle: at most one run per `intervalMs`, and the last call always runs. */
export function throttle(fn: () => void, intervalMs: number, clock: Clock = realClock): Throttled {
  let last = -Infinity;
  let timer: unknown = null;
  const run = () => {
    timer = null;
    last = clock.now();
    fn();
  };
  return {
    call() {
      if (timer !== null) return;
      const wait = last + intervalMs - clock.now();
      if (wait <= 0) run();
      else timer = clock.setTimeout(run, wait);
    },
    flush() {
      if (timer === null) return;
      clock.clearTimeout(timer);
      run();
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
