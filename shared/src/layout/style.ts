import { KIND_COLORS } from '../board/templates';
import type { CardKind } from '../model/schemas';
import type { CardFont } from './text';

/**
 * The style tokens of a card and a link: every renderer (canvas, low detail, PNG/PDF, SVG) takes
 * its colours, sizes and fonts from here, so that a change of look is made once.
 */
export { KIND_COLORS };

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** Light fills that keep dark text readable on every kind. */
export const KIND_FILLS: Readonly<Record<CardKind, string>> = {
  success: '#e8f5e9',
  problem: '#ffebee',
  lesson: '#e3f2fd',
  note: '#f3f3f3',
};

/** A card's geometry in board units. */
export const CARD_RADIUS = 10;
export const CARD_STROKE_WIDTH = 1.5;
export const HEADER_H = 28;
export const BODY_PAD = 10;
export const AUTHOR_H = 20;
/** The body's line height as a share of its font size. */
export const BODY_LINE_HEIGHT = 1.25;

export const CARD_FONTS = {
  label: { size: 13, weight: 'bold', style: 'normal' },
  body: { size: 14, weight: 'normal', style: 'normal' },
  hint: { size: 14, weight: 'normal', style: 'italic' },
  byline: { size: 11, weight: 'normal', style: 'normal' },
  /** Never smaller than the body text (issue 14): the count reads at the zoom the card does. */
  votes: { size: 17, weight: 'bold', style: 'normal' },
} as const satisfies Record<string, CardFont>;

export const CARD_TEXT_COLORS = {
  label: '#ffffff',
  body: '#1f1f1f',
  /** Grey and italic, yet 4.5:1 or more on every kind's fill (WCAG 1.4.3). */
  hint: '#5c5c5c',
  byline: '#5f6368',
} as const;

/** The dots: a disc at the top right corner, half outside the card so it reads as a sticker. */
export const VOTES_STYLE = {
  radius: 17,
  /** From the card's right and top edges to the disc's edge. */
  inset: 4,
  color: '#6a1b9a',
  /** A round still hidden: a ring with this person's own count. */
  hiddenFill: '#ffffff',
  textColor: '#ffffff',
  strokeWidth: 1.5,
  /** The ring is thicker on a card this person voted for. */
  mineStrokeWidth: 3,
} as const;

/** A link: one colour and one arrow, on the canvas and in every export. */
export const LINK_STYLE = {
  color: '#546e7a',
  width: 2.5,
  headLength: 12,
  headWidth: 12,
} as const;

/**
 * The icon of a kind in a 16 x 16 box, as strokes and dots, so the canvas (Konva), the SVG and
 * the toolbar draw the same glyph: a check, an exclamation mark, a light bulb, lines of a note.
 */
export type IconGlyph =
  { type: 'line'; points: readonly number[] } | { type: 'dot'; x: number; y: number; r: number } | { type: 'ring'; x: number; y: number; r: number };

export const ICON_SIZE = 16;
export const ICON_STROKE_WIDTH = 2;

export const KIND_ICONS: Readonly<Record<CardKind, readonly IconGlyph[]>> = {
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
