/** Stopped by the person (the dialog's cancel): not an error to show. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

/**
 * A macrotask, sooner than setTimeout (which browsers clamp to 4 ms once nested): input and
 * painting get their turn before the export goes on.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Long work cut into slices of about `budgetMs`: call `pause()` between small steps; it hands
 * the event loop back (and checks for cancel) only when the slice is used up, so small steps
 * cost nothing and the page never waits longer than a slice plus one step.
 */
export class Slicer {
  private sliceStart: number;

  constructor(
    private readonly budgetMs = 12,
    private readonly signal?: AbortSignal,
    private readonly now: () => number = () => performance.now(),
    private readonly yieldTo: () => Promise<void> = nextTask,
  ) {
    this.sliceStart = now();
  }

  /** Whether the current slice is used up. */
  get due(): boolean {
    return this.now() - this.sliceStart >= this.budgetMs;
  }

  async pause(): Promise<void> {
    this.check();
    if (!this.due) return;
    await this.yieldTo();
    this.check();
    this.sliceStart = this.now();
  }

  check(): void {
    if (this.signal?.aborted) throw new ExportCancelled();
  }
}

/** Progress of a long export, 0..1, reported at most once per slice. */
export type ProgressListener = (done: number) => void;
