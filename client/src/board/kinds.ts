import { KIND_COLORS, type CardKind } from '@benchlearn/shared';

export { KIND_COLORS };

/** Light fills that keep dark text readable on every kind. */
export const KIND_FILLS: Readonly<Record<CardKind, string>> = {
  success: '#e8f5e9',
  problem: '#ffebee',
  lesson: '#e3f2fd',
  note: '#f3f3f3',
};

/**
 * The icon of a kind in a 16 x 16 box, as strokes and dots, so the canvas (Konva) and the
 * toolbar (SVG) draw the same glyph: a check, an exclamation mark, a light bulb, lines of a note.
 */
export type IconPart =
  | { type: 'line'; points: number[] }
  | { type: 'dot'; x: number; y: number; r: number }
  | { type: 'ring'; x: number; y: number; r: number };

export const KIND_ICONS: Readonly<Record<CardKind, readonly IconPart[]>> = {
  success: [{ type: 'line', points: [3, 8.5, 6.5, 12, 13, 4.5] }],
  problem: [
    { type: 'line', points: [8, 2.5, 8, 9.5] },
    { type: 'dot', x: 8, y: 13, r: 1.4 },
  ],
  lesson: [
    { type: 'ring', x: 8, y: 6.5, r: 4.3 },
    { type: 'line', points: [6, 12.5, 10, 12.5] },
    { type: 'line', points: [6.5, 14.7, 9.5, 14.7] },
  ],
  note: [
    { type: 'line', points: [3, 4.5, 13, 4.5] },
    { type: 'line', points: [3, 8, 13, 8] },
    { type: 'line', points: [3, 11.5, 10, 11.5] },
  ],
};

/** Card layout in board units. */
export const CARD_RADIUS = 10;
export const HEADER_H = 28;
export const BODY_PAD = 10;
export const AUTHOR_H = 20;
export const BODY_FONT_SIZE = 14;
export const BODY_LINE_HEIGHT = 1.25;
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
export const SELECTION_COLOR = '#1a73e8';
export const LINK_COLOR = '#546e7a';

/** Where the body text sits inside a card of size w x h (the editor overlays exactly this). */
export function bodyBox(w: number, h: number) {
  return {
    x: BODY_PAD,
    y: HEADER_H + 6,
    w: Math.max(10, w - 2 * BODY_PAD),
    h: Math.max(10, h - HEADER_H - 6 - AUTHOR_H),
  };
}

/** Where a card's link handle sits: just outside the right edge, clear of the resize anchor. */
export const LINK_HANDLE_GAP = 16;
export const LINK_HANDLE_RADIUS = 8;
