import { describe, expect, it } from 'vitest';
import { AUTO_A3_BELOW_PT, PDF_DPI, pageOrientation, pageSheet, picturePlacement, reportPage } from './pdf';

describe('the PDF page', () => {
  it('fits the board under the header, centred, at the print resolution', () => {
    const wide = picturePlacement('a4', 'landscape', { x: 0, y: 0, w: 2000, h: 500 });
    expect(wide.page).toEqual({ w: 297, h: 210 });
    expect(wide.place.w).toBeCloseTo(297 - 24);
    expect(wide.place.h).toBeCloseTo((297 - 24) / 4);
    expect(wide.size.width).toBe(Math.round(((297 - 24) / 25.4) * PDF_DPI));
    const tall = picturePlacement('a3', 'portrait', { x: 0, y: 0, w: 500, h: 2000 });
    expect(tall.place.h).toBeCloseTo(420 - 24 - 14);
    expect(tall.place.x + tall.place.w / 2).toBeCloseTo(297 / 2);
  });

  it('turns the page the way the board is when asked to fit: a tall board is not a stamp on a landscape page', () => {
    const board = { x: 0, y: 0, w: 620, h: 1630 };
    expect(pageOrientation('auto', board)).toBe('portrait');
    expect(pageOrientation('auto', { ...board, w: 2000 })).toBe('landscape');
    expect(pageOrientation('landscape', board)).toBe('landscape');
    const fitted = picturePlacement('a4', 'auto', board);
    const landscape = picturePlacement('a4', 'landscape', board);
    expect(fitted.page).toEqual({ w: 210, h: 297 });
    // The picture gets far more of the page turned its way.
    expect(fitted.place.w * fitted.place.h).toBeGreaterThan(1.8 * landscape.place.w * landscape.place.h);
  });

  it('prints a big board on A3 when asked to choose, so its cards stay readable; a small one on A4', () => {
    const small = { x: 0, y: 0, w: 1200, h: 800 };
    const big = { x: 0, y: 0, w: 12000, h: 8000 };
    expect(pageSheet('auto', 'auto', small)).toBe('a4');
    expect(pageSheet('auto', 'auto', big)).toBe('a3');
    expect(pageSheet('a4', 'auto', big)).toBe('a4');
    expect(picturePlacement('auto', 'auto', big).page).toEqual({ w: 420, h: 297 });
    expect(reportPage('auto', 'auto', big)).toEqual({ w: 297, h: 420 });
    expect(AUTO_A3_BELOW_PT).toBeGreaterThan(0);
  });
});
