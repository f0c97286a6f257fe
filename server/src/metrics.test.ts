import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics';

/** The value of one sample line of the text exposition, e.g. `benchlearn_bytes_total{direction="in"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? NaN : Number(line.slice(series.length + 1));
}

describe('the per-message counts', () => {
  it('reach /metrics as counted, once however often it is read', async () => {
    const metrics = createMetrics();
    metrics.hot.bytesIn += 120;
    metrics.hot.bytesOut += 45;
    metrics.hot.update.applied += 3;
    metrics.hot.update['pending-full'] += 1;
    let text = await metrics.registry.metrics();
    expect(sample(text, 'benchlearn_bytes_total{direction="in"}')).toBe(120);
    expect(sample(text, 'benchlearn_bytes_total{direction="out"}')).toBe(45);
    expect(sample(text, 'benchlearn_messages_total{kind="update",outcome="applied"}')).toBe(3);
    expect(sample(text, 'benchlearn_messages_total{kind="update",outcome="pending-full"}')).toBe(1);
    metrics.hot.update.applied += 2;
    metrics.messages.inc({ kind: 'sync_step1', outcome: 'answered' });
    await metrics.registry.metrics();
    text = await metrics.registry.metrics();
    expect(sample(text, 'benchlearn_messages_total{kind="update",outcome="applied"}')).toBe(5);
    expect(sample(text, 'benchlearn_messages_total{kind="sync_step1",outcome="answered"}')).toBe(1);
    expect(sample(text, 'benchlearn_bytes_total{direction="in"}')).toBe(120);
  });
});
