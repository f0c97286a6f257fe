import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per app, so several apps in one test process do not share counters. */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const base = {
    registry,
    rooms: new Gauge({ name: 'benchlearn_rooms', help: 'Boards loaded in memory', registers }),
    connections: new Gauge({ name: 'benchlearn_connections', help: 'Open sync sockets', registers }),
    messages: new Counter({
      name: 'benchlearn_messages_total',
      help: 'Sync messages received, by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    bytes: new Counter({
      name: 'benchlearn_bytes_total',
      help: 'Sync bytes received (in) and sent (out)',
      labelNames: ['direction'] as const,
      registers,
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
  return { ...base, hot: hotPath(base) };
}

/**
 * Label children for the per-message path, bound once: `counter.inc(labels, n)` hashes the
 * labels on every call, which showed in the relay's profile.
 */
function hotPath(metrics: { messages: Counter<'kind' | 'outcome'>; bytes: Counter<'direction'> }) {
  const update = (outcome: string) => metrics.messages.labels('update', outcome);
  return {
    bytesIn: metrics.bytes.labels('in'),
    bytesOut: metrics.bytes.labels('out'),
    update: {
      applied: update('applied'),
      unchanged: update('unchanged'),
      invalid: update('invalid'),
      'too-large': update('too-large'),
      'pending-full': update('pending-full'),
      gone: update('gone'),
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
