import { describe, expect, it } from 'vitest';
import { CARD_KINDS } from '../model/schemas';
import { CARD_TEXT_COLORS, KIND_COLORS, KIND_FILLS } from './style';

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe('card colours', () => {
  it('keep body, hint and byline text at 4.5:1 or more on every kind fill', () => {
    for (const kind of CARD_KINDS) {
      for (const part of ['body', 'hint', 'byline'] as const) {
        expect(contrast(CARD_TEXT_COLORS[part], KIND_FILLS[kind]), `${part} on ${kind}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('keep the white kind label at 4.5:1 or more on every kind colour', () => {
    for (const kind of CARD_KINDS) expect(contrast(CARD_TEXT_COLORS.label, KIND_COLORS[kind]), kind).toBeGreaterThanOrEqual(4.5);
  });
});
