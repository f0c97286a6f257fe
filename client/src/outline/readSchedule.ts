/**
 * When the outline reads the board again after changes. A burst of changes is folded into one
 * read, made in the task after the next frame so the canvas paints the change first; a timer as
 * well, since a hidden tab gets no frames and its outline (what assistive technology reads)
 * would go stale.
 *
 * Reads are also spaced by their own cost: the next one waits READ_SPACING times as long as the
 * last one took. A 5,000-card board takes ~3–5 ms to read (sorting into reading order), and
 * remote edits arriving every frame made the outline take a quarter of every frame's budget;
 * spaced, it takes at most about a tenth, and a small board (well under a millisecond) still
 * reads every frame.
 */
export const READ_SPACING = 10;
/** The longest a change waits when no frame comes (a hidden tab). */
export const HIDDEN_WAIT_MS = 100;

export interface ScheduleHost {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  requestFrame(run: () => void): unknown;
  cancelFrame(handle: unknown): void;
}

export const browserHost: ScheduleHost = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  requestFrame: (run) => requestAnimationFrame(run),
  cancelFrame: (handle) => cancelAnimationFrame(handle as number),
};

export class ReadSchedule {
  private timer: unknown = null;
  private frame: unknown = null;
  /** When the next read may start, by the last one's cost. */
  private notBefore = 0;

  constructor(
    private readonly read: () => void,
    private readonly host: ScheduleHost = browserHost,
  ) {}

  /** Something changed: read again soon (once for a whole burst). */
  changed(): void {
    if (this.timer !== null || this.frame !== null) return;
    const wait = this.notBefore - this.host.now();
    if (wait > 0) {
      // Still paying for the last read: the frame comes anyway by then.
      this.timer = this.host.setTimeout(this.run, wait);
      return;
    }
    this.timer = this.host.setTimeout(this.run, HIDDEN_WAIT_MS);
    this.frame = this.host.requestFrame(() => {
      this.frame = null;
      this.host.clearTimeout(this.timer);
      this.timer = this.host.setTimeout(this.run, 0);
    });
  }

  /** Reads now (the first read, or after a change once its time came). */
  readonly run = (): void => {
    this.cancel();
    const start = this.host.now();
    this.read();
    const end = this.host.now();
    this.notBefore = end + (end - start) * READ_SPACING;
  };

  cancel(): void {
    if (this.timer !== null) this.host.clearTimeout(this.timer);
    if (this.frame !== null) this.host.cancelFrame(this.frame);
    this.timer = null;
    this.frame = null;
  }
}
