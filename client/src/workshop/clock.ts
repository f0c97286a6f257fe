/**
 * The server's clock as this browser estimates it. The facilitator's timer is stamped in
 * server time and every browser counts down against its estimate, so two screens agree even
 * when their own clocks do not (a laptop a minute off, a phone on another time source).
 * NTP's idea, once: ask GET /api/time a few times, keep the answer with the shortest round
 * trip, and assume the server read its clock half way through it. The error is at most half
 * that round trip (a few ms on a LAN).
 */
export interface ClockSample {
  /** Local time the request was sent. */
  sent: number;
  /** Local time the answer arrived. */
  received: number;
  /** The server's time in the answer. */
  server: number;
}

/** Server time minus local time (ms), from the sample with the shortest round trip; 0 without any. */
export function estimateOffset(samples: readonly ClockSample[]): number {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    if (sample.received < sample.sent || !Number.isFinite(sample.server)) continue;
    if (!best || sample.received - sample.sent < best.received - best.sent) best = sample;
  }
  if (!best) return 0;
  return Math.round(best.server - (best.sent + best.received) / 2);
}

export type TimeFetcher = () => Promise<number>;

/** Asks the server for its time (GET /api/time). */
export const fetchServerTime: TimeFetcher = async () => {
  const response = await fetch('/api/time', { cache: 'no-store' });
  if (!response.ok) throw new Error(`time: ${response.status}`);
  const body: unknown = await response.json();
  const now = typeof body === 'object' && body !== null ? (body as { now?: unknown }).now : undefined;
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new Error('time: not a number');
  return now;
};

/** Local clock plus the estimated offset; until measured (or offline), the local clock. */
export class ServerClock {
  private offset = 0;
  private measuring: Promise<void> | null = null;

  constructor(
    private readonly fetchTime: TimeFetcher = fetchServerTime,
    private readonly local: () => number = () => Date.now(),
  ) {}

  now(): number {
    return this.local() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Measures (once at a time) with `rounds` requests; keeps the old offset when all fail. */
  measure(rounds = 3): Promise<void> {
    this.measuring ??= (async () => {
      const samples: ClockSample[] = [];
      for (let i = 0; i < rounds; i++) {
        const sent = this.local();
        try {
          const server = await this.fetchTime();
          samples.push({ sent, received: this.local(), server });
        } catch {
          // Offline: the local clock will do until the next measurement.
        }
      }
      if (samples.length > 0) this.offset = estimateOffset(samples);
    })().finally(() => {
      this.measuring = null;
    });
    return this.measuring;
  }
}

/** One clock per page: every timer on it reads the same estimate. */
export const serverClock = new ServerClock();
