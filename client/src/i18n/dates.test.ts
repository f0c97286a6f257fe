import { describe, expect, it } from 'vitest';
import { dateLocale, formatDateTime } from './dates';

describe('dates in the UI', () => {
  const DEC_3 = Date.UTC(2026, 11, 3, 15, 5);
  const utc = { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' } as const;

  it('writes English dates day first, never the US order', () => {
    expect(dateLocale('en')).toBe('en-GB');
    expect(dateLocale('en-US')).toBe('en-GB');
    expect(formatDateTime(DEC_3, 'en', utc)).toMatch(/^3 December 2026(,| at) 15:05$/);
    expect(formatDateTime(DEC_3, 'en', utc)).not.toContain('December 3');
    expect(formatDateTime(DEC_3, 'en', { dateStyle: 'medium', timeZone: 'UTC' })).toBe('3 Dec 2026');
  });

  it('writes Dutch dates the Dutch way', () => {
    expect(dateLocale('nl')).toBe('nl-NL');
    expect(formatDateTime(DEC_3, 'nl', utc)).toMatch(/^3 december 2026( om|,) 15:05$/);
  });
});
