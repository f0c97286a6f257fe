import { describe, expect, it } from 'vitest';
import { formatDate, importedTitle } from './strings';

describe('importedTitle', () => {
  const DEC_3 = Date.UTC(2026, 11, 3, 12);

  it('adds the day of the import in the board’s language', () => {
    expect(importedTitle('Retro Zürich', 'en', DEC_3, 200, 'UTC')).toBe('Retro Zürich (imported 3 Dec)');
    expect(importedTitle('Retro Zürich', 'nl', DEC_3, 200, 'UTC')).toBe('Retro Zürich (geïmporteerd 3 dec)');
  });

  it('replaces the day of an earlier import instead of adding a second one', () => {
    expect(importedTitle('Retro (imported 1 Dec)', 'en', DEC_3, 200, 'UTC')).toBe('Retro (imported 3 Dec)');
  });

  it('keeps within the title limit', () => {
    const title = importedTitle('x'.repeat(200), 'en', DEC_3, 200, 'UTC');
    expect(title).toHaveLength(200);
    expect(title.endsWith(' (imported 3 Dec)')).toBe(true);
  });
});

describe('formatDate', () => {
  it('writes day, month and year, never the US order', () => {
    expect(formatDate(Date.UTC(2025, 0, 31), 'en')).toBe('31 January 2025');
    expect(formatDate(Date.UTC(2025, 0, 31), 'nl')).toBe('31 januari 2025');
  });
});
