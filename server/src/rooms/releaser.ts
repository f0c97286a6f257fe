import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's garbage collector runs when JavaScript allocates. A server that has just unloaded its
 * boards and gone quiet allocates nothing, so their documents stay in the heap as garbage: in
 * the bench, 40 boards of 1,000 cards closed left ~370 MiB of it, and RSS stayed there. After
 * rooms holding enough unloaded board data, and with the server quiet for a moment, this runs
 * one full collection; V8 then gives the freed pages back within seconds. When no room is
 * loaded at all, the collection also compacts: the few objects still alive are spread over pages
 * the unloaded boards filled (in the bench, 17 MiB alive on 34 MiB of pages), and only moving
 * them gives those pages back. Moving costs a pause as long as what is alive; with no room
 * loaded, no relay waits for it.
 *
 * The young generation is another matter: a burst of work grows it (to 2 x 16 MiB by default)
 * and a full collection leaves it so. V8 shrinks it at a young collection once its allocation
 * rate over the last 5 s is low, so a young collection follows SHRINK_AFTER_MS later. On a
 * server that is busy by then V8 keeps the size, and the collection costs about a millisecond.
 */
export interface ReleaserOptions {
  /** Stored bytes of unloaded boards that make a collection worth its pause (a board's heap is ~25x its stored bytes). */
  thresholdBytes: number;
  /** Quiet time after the last unload before collecting. */
  delayMs: number;
  /** Fewest milliseconds between two collections. */
  minIntervalMs: number;
  /** Time after the full collection for the young one that lets V8 shrink its young generation. */
  shrinkAfterMs: number;
  /** The collection; default V8's own full GC, compacting when asked to. */
  collect?: (compact: boolean) => void;
  /** The young collection; default V8's own. */
  collectYoung?: () => void;
}

/**
 * What a closed sync socket leaves as garbage, counted like unloaded board data: the abuse
 * suite's 1,500 attack sockets on a small board left RSS 57% above a fresh server's, since
 * the board's own unload was too small to collect after (issue 12).
 */
export const CLOSED_SOCKET_BYTES = 16 * 1024;

/** V8 judges its allocation rate over the last 5 s: the young collection comes after that. */
export const DEFAULT_RELEASER: ReleaserOptions = { thresholdBytes: 1024 * 1024, delayMs: 1000, minIntervalMs: 10_000, shrinkAfterMs: 6000 };

type Gc = (options?: { type: 'major' | 'minor' }) => void;
let v8Gc: Gc | null | undefined;

/** V8's gc() without starting node with --expose-gc; null where that is not possible. */
function exposedGc(): Gc | null {
  if (v8Gc !== undefined) return v8Gc;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    v8Gc = typeof gc === 'function' ? (gc as Gc) : null;
  } catch {
    v8Gc = null;
  }
  return v8Gc;
}

const fullGc = (): ((compact: boolean) => void) | null => {
  const gc = exposedGc();
  if (!gc) return null;
  return (compact) => {
    if (!compact) return gc();
    // V8 compacts only the pages it judges fragmented enough; this flag makes the one
    // collection move everything alive, and is turned off again right after.
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
};

const youngGc = (): (() => void) | null => {
  const gc = exposedGc();
  return gc && (() => gc({ type: 'minor' }));
};

export class MemoryReleaser {
  private freedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private shrinkTimer: NodeJS.Timeout | null = null;
  private lastRun = 0;
  /** How many collections ran (for tests and logs). */
  runs = 0;

  /** How many rooms are loaded now (or loading); the collection compacts when none is. */
  private roomsLoaded: () => number = () => 1;

  constructor(private readonly options: ReleaserOptions = DEFAULT_RELEASER) {}

  /** Set by the room manager. */
  countRoomsWith(roomsLoaded: () => number): void {
    this.roomsLoaded = roomsLoaded;
  }

  /** A sync socket closed: its buffers and handlers are garbage now. */
  socketClosed(): void {
    this.unloaded(CLOSED_SOCKET_BYTES);
  }

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
    collect(this.roomsLoaded() === 0);
    if (this.shrinkTimer) clearTimeout(this.shrinkTimer);
    this.shrinkTimer = setTimeout(() => {
      this.shrinkTimer = null;
      (this.options.collectYoung ?? youngGc())?.();
    }, this.options.shrinkAfterMs);
    this.shrinkTimer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.shrinkTimer) clearTimeout(this.shrinkTimer);
    this.timer = null;
    this.shrinkTimer = null;
  }
}
