import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per app, so several apps in one test process do not share counters. */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const hot = hotCounts();
  const base = {
    registry,
    rooms: new Gauge({ name: 'benchlearn_rooms', help: 'Boards loaded in memory', registers }),
    connections: new Gauge({ name: 'benchlearn_connections', help: 'Open sync sockets', registers }),
    messages: new Counter({
      name: 'benchlearn_messages_total',
      help: 'Sync messages received, by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers,
      collect() {
        hot.moveUpdates(this);
      },
    }),
    bytes: new Counter({
      name: 'benchlearn_bytes_total',
      help: 'Sync bytes received (in) and sent (out)',
      labelNames: ['direction'] as const,
      registers,
      collect() {
        hot.moveBytes(this);
      },
    }),
    errors: new Counter({
      name: 'benchlearn_errors_total',
      help: 'Errors, by kind (bad_message, apply, pending, storage, load, socket, http, cluster)',
      labelNames: ['kind'] as const,
      registers,
    }),
    closes: new Counter({
      name: 'benchlearn_socket_closes_total',
      help: 'Sockets the server closed, by close code',
      labelNames: ['code'] as const,
      registers,
    }),
    cluster: new Counter({
      name: 'benchlearn_cluster_frames_total',
      help: 'Frames exchanged with other instances through Redis, by direction (in, out) and kind (docs/cluster.md)',
      labelNames: ['direction', 'kind'] as const,
      registers,
    }),
    persistence: new Histogram({
      name: 'benchlearn_persistence_seconds',
      help: 'Time to commit to storage, by operation',
      labelNames: ['operation'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
  return { ...base, hot: hot.counts };
}

const UPDATE_OUTCOMES = ['applied', 'unchanged', 'invalid', 'too-large', 'pending-full', 'gone'] as const;
type UpdateOutcome = (typeof UPDATE_OUTCOMES)[number];

/** What the per-message path counts: plain numbers, added to the counters when /metrics is read. */
export interface HotCounts {
  bytesIn: number;
  bytesOut: number;
  update: Record<UpdateOutcome, number>;
}

/**
 * Counts for the per-message path. Even a bound label child's `inc()` cost a visible share of
 * the relay's profile (issue 11's CPU target); a number's `+=` costs nothing, and the counters'
 * `collect` hooks (run by prom-client when /metrics is read) add what was counted since.
 */
function hotCounts() {
  const zero = (): HotCounts => ({
    bytesIn: 0,
    bytesOut: 0,
    update: Object.fromEntries(UPDATE_OUTCOMES.map((outcome) => [outcome, 0])) as Record<UpdateOutcome, number>,
  });
  const counts = zero();
  const moved = zero();
  return {
    counts,
    moveBytes(bytes: Counter<'direction'>): void {
      bytes.labels('in').inc(counts.bytesIn - moved.bytesIn);
      bytes.labels('out').inc(counts.bytesOut - moved.bytesOut);
      moved.bytesIn = counts.bytesIn;
      moved.bytesOut = counts.bytesOut;
    },
    moveUpdates(messages: Counter<'kind' | 'outcome'>): void {
      for (const outcome of UPDATE_OUTCOMES) {
        messages.labels('update', outcome).inc(counts.update[outcome] - moved.update[outcome]);
        moved.update[outcome] = counts.update[outcome];
      }
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
