import { describe, expect, it } from 'vitest';
import { exportFileName, localDate, titleSlug } from './fileName';

describe('export file names', () => {
  const at = new Date(2025, 0, 31, 15, 30).getTime();

  it('slugs the title like the server does, keeping letters of any script', () => {
    expect(titleSlug('Retro Zürich: Q3!')).toBe('retro-zürich-q3');
    expect(titleSlug('  ***  ')).toBe('board');
    expect(titleSlug('a'.repeat(100))).toHaveLength(60);
  });

  it('uses the local date', () => {
    expect(localDate(at)).toBe('2025-01-31');
  });

  it('names the part and the ratio', () => {
    expect(exportFileName({ title: 'Q3 retro', at, extension: 'png' })).toBe('q3-retro-2025-01-31.png');
    expect(exportFileName({ title: 'Q3 retro', at, extension: 'png', area: 'view', ratio: 2 })).toBe('q3-retro-2025-01-31-view@2x.png');
    expect(exportFileName({ title: 'Q3 retro', at, extension: 'pdf', area: 'selection' })).toBe('q3-retro-2025-01-31-selection.pdf');
  });
});
