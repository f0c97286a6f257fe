import { votesTotal } from '../board/votes';
import type { Card, CardKind } from '../model/schemas';
import {
  AUTHOR_H,
  BODY_LINE_HEIGHT,
  BODY_PAD,
  CARD_FONTS,
  CARD_RADIUS,
  CARD_STROKE_WIDTH,
  CARD_TEXT_COLORS,
  HEADER_H,
  ICON_SIZE,
  KIND_COLORS,
  KIND_FILLS,
  KIND_ICONS,
  VOTES_STYLE,
  type IconGlyph,
} from './style';
import { fitLines, oneLine, wrapText, type CardFont, type TextMeasure } from './text';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The dots a card shows: everyone's once revealed, else (a hidden round, on the canvas only) this person's own. */
export interface VoteBadge {
  count: number;
  revealed: boolean;
  /** This person put dots on the card: a thicker ring. */
  mine: boolean;
}

/** What a card shows, already decided by who looks (anonymity, hidden rounds, language). */
export interface CardFace {
  kind: CardKind;
  w: number;
  h: number;
  /** The kind's name in the reader's language, in the header band. */
  kindLabel: string;
  text: string;
  /** Shown in the hint style when `text` is empty (the canvas's "double-click to write"). */
  hint?: string;
  /** Author and organisation as shown (cardByline). */
  byline: string;
  votes?: VoteBadge | null;
  /** Where a card reused from the lessons library came from (issue 16): a tag at the byline's end. */
  reuse?: string | null;
}

/** Names of a card's parts: the canvas finds them by these (Konva `name`), tests compare them. */
export type CardPartName = 'card' | 'header' | 'kind-icon' | 'kind-label' | 'body' | 'byline' | 'reuse' | 'reuse-text' | 'votes' | 'votes-text';

export interface RectPart extends Box {
  type: 'rect';
  name: CardPartName;
  /** One radius, or [top-left, top-right, bottom-right, bottom-left]. */
  radius: number | readonly [number, number, number, number];
  fill: string;
  stroke: string | null;
  strokeWidth: number;
}

export interface CirclePart {
  type: 'circle';
  name: CardPartName;
  /** The centre. */
  x: number;
  y: number;
  r: number;
  fill: string;
  stroke: string;
  strokeWidth: number;
}

/** Lines of text, already wrapped and cut: line i's box starts at y + i * lineHeight; text sits on its middle. */
export interface TextPart {
  type: 'text';
  name: CardPartName;
  x: number;
  y: number;
  w: number;
  lines: readonly string[];
  lineHeight: number;
  font: CardFont;
  fill: string;
  align: 'left' | 'center';
}

/** A kind's glyph (style.ts KIND_ICONS) in a size x size box at (x, y), stroked and filled in `color`. */
export interface IconPart {
  type: 'icon';
  name: CardPartName;
  x: number;
  y: number;
  size: number;
  color: string;
  glyphs: readonly IconGlyph[];
}

export type CardPart = RectPart | CirclePart | TextPart | IconPart;

/** A card drawn at (0, 0): its parts bottom to top, in board units. */
export interface CardLayout {
  w: number;
  h: number;
  parts: readonly CardPart[];
  /** Where the body text sits (the canvas's text editor overlays exactly this). */
  textBox: Box;
}

/** Where the body text sits inside a card of size w x h. */
export function bodyBox(w: number, h: number): Box {
  return {
    x: BODY_PAD,
    y: HEADER_H + 6,
    w: Math.max(10, w - 2 * BODY_PAD),
    h: Math.max(10, h - HEADER_H - 6 - AUTHOR_H),
  };
}

/** The tallest a card grows with its text (board units); longer text scrolls in the editor. */
export const MAX_GROWN_CARD_H = 480;

/**
 * The height a card of width `w` and height `h` needs to show all of `text` in the body font,
 * never lower than `h` (cards grow with their text, they do not shrink) and never above
 * MAX_GROWN_CARD_H unless the card is already taller.
 */
export function grownCardHeight(text: string, w: number, h: number, measure: TextMeasure): number {
  const body = bodyBox(w, h);
  const font = CARD_FONTS.body;
  const lines = wrapText(text, body.w, (clusters) => measure(clusters.join(''), font));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const needed = Math.ceil(h - body.h + lines.length * font.size * BODY_LINE_HEIGHT + 4);
  return Math.max(h, Math.min(MAX_GROWN_CARD_H, needed));
}

/** The author and organisation as shown: in anonymous mode the organisation only. */
export function cardByline(card: Pick<Card, 'authorName' | 'org'>, anonymous: boolean): string {
  return anonymous ? (card.org ?? '') : [card.authorName, card.org].filter(Boolean).join(' · ');
}

/**
 * A card of an export (PNG, PDF, SVG), from a card as everyone may see it (readShownCards: no
 * names when anonymous, no dots of a hidden round): its dots are the total, when there are any.
 */
export function exportedFace(card: Card, kindLabel: string): CardFace {
  const total = votesTotal(card.votes);
  return {
    kind: card.kind,
    w: card.w,
    h: card.h,
    kindLabel,
    text: card.text,
    byline: cardByline(card, false),
    votes: total > 0 ? { count: total, revealed: true, mine: false } : null,
  };
}

function text(
  name: CardPartName,
  box: { x: number; y: number; w: number },
  lines: readonly string[],
  lineHeight: number,
  font: CardFont,
  fill: string,
  align: TextPart['align'] = 'left',
): TextPart {
  return { type: 'text', name, ...box, lines, lineHeight, font, fill, align };
}

const LABEL_LINE = 16;
const BYLINE_LINE = 14;
const VOTES_LINE = CARD_FONTS.votes.size + 4;
const REUSE_MAX_SHARE = 0.5;

function footer(face: CardFace, body: Box, measure: TextMeasure): CardPart[] {
  const parts: CardPart[] = [];
  const font = CARD_FONTS.byline;
  const y = face.h - AUTHOR_H + 2;
  let bylineW = body.w;
  if (face.reuse) {
    const label = oneLine(face.reuse, body.w * REUSE_MAX_SHARE - 8, (s) => measure(s, font));
    const w = Math.min(body.w * REUSE_MAX_SHARE, measure(label, font) + 8);
    const x = body.x + body.w - w;
    parts.push(
      { type: 'rect', name: 'reuse', x, y, w, h: BYLINE_LINE, radius: BYLINE_LINE / 2, fill: '#ffffff', stroke: CARD_TEXT_COLORS.byline, strokeWidth: 1 },
      text('reuse-text', { x, y, w }, [label], BYLINE_LINE, font, CARD_TEXT_COLORS.byline, 'center'),
    );
    bylineW = Math.max(0, body.w - w - 6);
  }
  if (face.byline && bylineW > 0) {
    parts.unshift(
      text('byline', { x: body.x, y, w: bylineW }, [oneLine(face.byline, bylineW, (s) => measure(s, font))], BYLINE_LINE, font, CARD_TEXT_COLORS.byline),
    );
  }
  return parts;
}

function votesParts(face: CardFace, votes: VoteBadge): CardPart[] {
  const { radius: r, inset, color } = VOTES_STYLE;
  const x = face.w - inset - r;
  const y = inset - r;
  const label = String(votes.count);
  return [
    {
      type: 'circle',
      name: 'votes',
      x,
      y,
      r,
      fill: votes.revealed ? color : VOTES_STYLE.hiddenFill,
      stroke: color,
      strokeWidth: votes.mine ? VOTES_STYLE.mineStrokeWidth : VOTES_STYLE.strokeWidth,
    },
    text(
      'votes-text',
      { x: x - r, y: y - VOTES_LINE / 2, w: 2 * r },
      [label],
      VOTES_LINE,
      CARD_FONTS.votes,
      votes.revealed ? VOTES_STYLE.textColor : color,
      'center',
    ),
  ];
}

/**
 * The one layout of a card, for every renderer: the body and its header band in the kind's
 * colours, the kind's glyph and name, the text wrapped (by `measure`, the renderer's fonts) and
 * cut to the body, the byline, an optional reuse tag and the dots. Pure: the canvas keeps it per
 * card until the fields it reads change.
 */
export function cardLayout(face: CardFace, measure: TextMeasure): CardLayout {
  const { w, h, kind } = face;
  const color = KIND_COLORS[kind];
  const body = bodyBox(w, h);
  const bodyFont = face.text ? CARD_FONTS.body : CARD_FONTS.hint;
  const bodyLine = bodyFont.size * BODY_LINE_HEIGHT;
  const maxLines = Math.max(1, Math.floor(body.h / bodyLine));
  const bodyText = face.text || face.hint || '';
  const labelX = 30;
  const labelW = Math.max(10, w - 40);
  const parts: CardPart[] = [
    { type: 'rect', name: 'card', x: 0, y: 0, w, h, radius: CARD_RADIUS, fill: KIND_FILLS[kind], stroke: color, strokeWidth: CARD_STROKE_WIDTH },
    {
      type: 'rect',
      name: 'header',
      x: 0,
      y: 0,
      w,
      h: Math.min(h, HEADER_H),
      radius: [CARD_RADIUS, CARD_RADIUS, 0, 0],
      fill: color,
      stroke: null,
      strokeWidth: 0,
    },
    { type: 'icon', name: 'kind-icon', x: 8, y: (HEADER_H - ICON_SIZE) / 2, size: ICON_SIZE, color: CARD_TEXT_COLORS.label, glyphs: KIND_ICONS[kind] },
    text(
      'kind-label',
      { x: labelX, y: (HEADER_H - LABEL_LINE) / 2, w: labelW },
      [oneLine(face.kindLabel, labelW, (s) => measure(s, CARD_FONTS.label))],
      LABEL_LINE,
      CARD_FONTS.label,
      CARD_TEXT_COLORS.label,
    ),
  ];
  if (bodyText) {
    const lines = fitLines(bodyText, body.w, maxLines, (s) => measure(s, bodyFont));
    parts.push(text('body', body, lines, bodyLine, bodyFont, face.text ? CARD_TEXT_COLORS.body : CARD_TEXT_COLORS.hint));
  }
  parts.push(...footer(face, body, measure));
  if (face.votes) parts.push(...votesParts(face, face.votes));
  return { w, h, parts, textBox: body };
}

/** A card in low detail: its body and its header band (board units), filled in KIND_FILLS and KIND_COLORS. */
export function lowDetailBands(card: Box): { body: Box; header: Box } {
  return {
    body: { x: card.x, y: card.y + HEADER_H, w: card.w, h: Math.max(0, card.h - HEADER_H) },
    header: { x: card.x, y: card.y, w: card.w, h: Math.min(card.h, HEADER_H) },
  };
}

/** Every text part of a layout, for renderers that draw or test text alone. */
export function textParts(layout: CardLayout): TextPart[] {
  return layout.parts.filter((part): part is TextPart => part.type === 'text');
}
