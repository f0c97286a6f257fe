import { describe, expect, it } from 'vitest';
import { estimateOffset, ServerClock } from './clock';

describe('the server clock estimate', () => {
  it('takes the sample with the shortest round trip, the server read half way through it', () => {
    expect(
      estimateOffset([
        { sent: 1000, received: 1400, server: 61000 },
        { sent: 2000, received: 2020, server: 62510 },
      ]),
    ).toBe(60500);
    expect(estimateOffset([])).toBe(0);
    expect(estimateOffset([{ sent: 10, received: 5, server: 99 }])).toBe(0);
  });

  it('measures against a server a minute ahead and counts from there; failures keep the local clock', async () => {
    let local = 1_000;
    const clock = new ServerClock(
      async () => {
        // The server reads its clock half way through a 10 ms round trip.
        local += 5;
        const server = local + 60_000;
        local += 5;
        return server;
      },
      () => local,
    );
    await clock.measure();
    expect(clock.offsetMs).toBe(60_000);
    expect(clock.now()).toBe(local + 60_000);
    const offline = new ServerClock(
      () => Promise.reject(new Error('offline')),
      () => 5,
    );
    await offline.measure();
    expect(offline.now()).toBe(5);
  });
});
