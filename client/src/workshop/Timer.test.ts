import { describe, expect, it } from 'vitest';
import { formatSeconds, timerPhase } from './Timer';

describe('the timer display', () => {
  it('formats seconds as m:ss or h:mm:ss', () => {
    expect(formatSeconds(0)).toBe('0:00');
    expect(formatSeconds(65)).toBe('1:05');
    expect(formatSeconds(3725)).toBe('1:02:05');
  });

  it('is done at zero, running while started, paused otherwise', () => {
    expect(timerPhase({ durationMs: 1000, remainingMs: 1000, startedAt: 5 }, 0)).toBe('done');
    expect(timerPhase({ durationMs: 1000, remainingMs: 1000, startedAt: 5 }, 400)).toBe('running');
    expect(timerPhase({ durationMs: 1000, remainingMs: 400, startedAt: null }, 400)).toBe('paused');
  });
});
