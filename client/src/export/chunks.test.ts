import { describe, expect, it } from 'vitest';
import { ExportCancelled, Slicer } from './chunks';

describe('Slicer', () => {
  it('hands the event loop back only when a slice is used up', async () => {
    let now = 0;
    let yields = 0;
    const slicer = new Slicer(
      10,
      undefined,
      () => now,
      async () => {
        yields += 1;
      },
    );
    for (let step = 0; step < 50; step++) {
      now += 1; // each step costs 1 ms
      await slicer.pause();
    }
    expect(yields).toBe(5);
  });

  it('stops with ExportCancelled once the signal aborts', async () => {
    const abort = new AbortController();
    const slicer = new Slicer(
      10,
      abort.signal,
      () => 0,
      async () => undefined,
    );
    await slicer.pause();
    abort.abort();
    await expect(slicer.pause()).rejects.toBeInstanceOf(ExportCancelled);
  });
});
