import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's garbage collector runs when JavaScript allocates. A server that has just unloaded its
 * boards and gone quiet allocates nothing, so their documents stay in the heap as garbage: in
 * the bench, 40 boards of 1,000 cards closed left ~370 MiB of it, and RSS stayed there. After
 * rooms holding enough unloaded board data, and with the server quiet for a moment, this runs
 * one full collection; V8 then gives the freed pages back within seconds.
 */
export interface ReleaserOptions {
  /** Stored bytes of unloaded boards that make a collection worth its pause (a board's heap is ~25x its stored bytes). */
  thresholdBytes: number;
  /** Quiet time after the last unload before collecting. */
  delayMs: number;
  /** Fewest milliseconds between two collections. */
  minIntervalMs: number;
  /** The collection; default V8's own full GC. */
  collect?: () => void;
}

export const DEFAULT_RELEASER: ReleaserOptions = { thresholdBytes: 1024 * 1024, delayMs: 1000, minIntervalMs: 10_000 };

let v8Collect: (() => void) | null | undefined;

/** V8's full GC without starting node with --expose-gc; null where that is not possible. */
function fullGc(): (() => void) | null {
  if (v8Collect !== undefined) return v8Collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    v8Collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    v8Collect = null;
  }
  return v8Collect;
}

export class MemoryReleaser {
  private freedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastRun = 0;
  /** How many collections ran (for tests and logs). */
  runs = 0;

  constructor(private readonly options: ReleaserOptions = DEFAULT_RELEASER) {}

  /** A room was unloaded; `bytes` is what its board takes in storage. */
  unloaded(bytes: number): void {
    this.freedBytes += Math.max(1, bytes);
    if (this.freedBytes < this.options.thresholdBytes) return;
    // Debounced: a burst of unloads (a workshop ending) is collected once, after it.
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(this.options.delayMs, this.lastRun + this.options.minIntervalMs - Date.now());
    this.timer = setTimeout(() => this.run(), wait);
    this.timer.unref();
  }

  private run(): void {
    this.timer = null;
    this.freedBytes = 0;
    this.lastRun = Date.now();
    const collect = this.options.collect ?? fullGc();
    if (!collect) return;
    this.runs += 1;
    collect();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
