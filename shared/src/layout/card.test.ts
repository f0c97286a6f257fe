import { describe, expect, it } from 'vitest';
import {
  MAX_GROWN_CARD_H,
  cardByline,
  cardLayout,
  exportedFace,
  grownCardHeight,
  lowDetailBands,
  textParts,
  type CardFace,
  type CardPart,
  type TextPart,
} from './card';
import { BODY_PAD, CARD_TEXT_COLORS, HEADER_H, KIND_COLORS, KIND_FILLS, VOTES_STYLE } from './style';
import { estimateWidth } from './text';

const face: CardFace = {
  kind: 'lesson',
  w: 220,
  h: 140,
  kindLabel: 'Lesson',
  text: 'Plan the retro with the whole team, every quarter, on a Monday',
  byline: 'Ann · Utrecht',
};

function part(parts: readonly CardPart[], name: CardPart['name']): CardPart | undefined {
  return parts.find((p) => p.name === name);
}

describe('the card layout', () => {
  it('draws the body and header band in the kind’s colours, the glyph and the kind’s name', () => {
    const { parts } = cardLayout(face, estimateWidth);
    expect(parts.map((p) => p.name)).toEqual(['card', 'header', 'kind-icon', 'kind-label', 'body', 'byline']);
    expect(part(parts, 'card')).toMatchObject({ x: 0, y: 0, w: 220, h: 140, fill: KIND_FILLS.lesson, stroke: KIND_COLORS.lesson });
    expect(part(parts, 'header')).toMatchObject({ w: 220, h: HEADER_H, fill: KIND_COLORS.lesson });
    expect(part(parts, 'kind-label')).toMatchObject({ lines: ['Lesson'], fill: CARD_TEXT_COLORS.label });
  });

  it('wraps the text inside the body, every line within its width, and cuts what does not fit', () => {
    const layout = cardLayout(face, estimateWidth);
    const body = part(layout.parts, 'body');
    if (body?.type !== 'text') throw new Error('no body text');
    expect(body.lines.length).toBeGreaterThan(1);
    for (const line of body.lines) expect(estimateWidth(line, body.font)).toBeLessThanOrEqual(body.w);
    expect(body.lines.join(' ')).toBe(face.text);
    expect(body.x).toBe(BODY_PAD);

    const small = cardLayout({ ...face, h: 80 }, estimateWidth);
    const cut = textParts(small).find((p) => p.name === 'body')!;
    expect(cut.lines.length * cut.lineHeight).toBeLessThanOrEqual(small.textBox.h);
    expect(cut.lines.at(-1)).toMatch(/…$/);
  });

  it('shows the hint on an empty card in the hint style, and nothing without one', () => {
    const hinted = textParts(cardLayout({ ...face, text: '', hint: 'Double-click to write' }, estimateWidth)).find((p) => p.name === 'body');
    expect(hinted).toMatchObject({ lines: ['Double-click to write'], fill: CARD_TEXT_COLORS.hint, font: { style: 'italic' } });
    expect(textParts(cardLayout({ ...face, text: '' }, estimateWidth)).some((p) => p.name === 'body')).toBe(false);
  });

  it('puts the dots at the top right: filled with the total once revealed, a ring with one’s own while hidden', () => {
    const revealed = cardLayout({ ...face, votes: { count: 3, revealed: true, mine: false } }, estimateWidth).parts;
    expect(part(revealed, 'votes')).toMatchObject({
      type: 'circle',
      x: 220 - VOTES_STYLE.inset - VOTES_STYLE.radius,
      fill: VOTES_STYLE.color,
      strokeWidth: VOTES_STYLE.strokeWidth,
    });
    expect(part(revealed, 'votes-text')).toMatchObject({ lines: ['3'], fill: VOTES_STYLE.textColor });
    const hidden = cardLayout({ ...face, votes: { count: 1, revealed: false, mine: true } }, estimateWidth).parts;
    expect(part(hidden, 'votes')).toMatchObject({ fill: VOTES_STYLE.hiddenFill, strokeWidth: VOTES_STYLE.mineStrokeWidth });
    expect(part(hidden, 'votes-text')).toMatchObject({ lines: ['1'], fill: VOTES_STYLE.color });
  });

  it('draws the dots no smaller than the body text, inside their disc (readable at the zoom the card is)', () => {
    const parts = cardLayout({ ...face, votes: { count: 12, revealed: true, mine: false } }, estimateWidth).parts;
    const count = part(parts, 'votes-text') as TextPart;
    const body = part(parts, 'body') as TextPart;
    expect(count.font.size).toBeGreaterThanOrEqual(body.font.size);
    expect(2 * VOTES_STYLE.radius).toBeGreaterThanOrEqual(count.lineHeight + 8);
    expect(estimateWidth('12', count.font)).toBeLessThan(2 * VOTES_STYLE.radius - 6);
  });

  it('makes room for a reuse tag at the byline’s end (issue 16)', () => {
    const { parts } = cardLayout({ ...face, reuse: 'Library: Q2 lessons' }, estimateWidth);
    const tag = part(parts, 'reuse');
    const byline = part(parts, 'byline');
    if (tag?.type !== 'rect' || byline?.type !== 'text') throw new Error('no tag or byline');
    expect(byline.x + byline.w).toBeLessThanOrEqual(tag.x);
    expect(tag.x + tag.w).toBeCloseTo(220 - BODY_PAD);
    expect(part(parts, 'reuse-text')).toMatchObject({ align: 'center' });
  });

  it('shows the organisation only when anonymous; exports show the total of the dots as everyone sees them', () => {
    expect(cardByline({ authorName: 'Ann', org: 'Utrecht' }, false)).toBe('Ann · Utrecht');
    expect(cardByline({ authorName: 'Ann', org: 'Utrecht' }, true)).toBe('Utrecht');
    expect(cardByline({ authorName: 'Ann' }, true)).toBe('');
    const card = { id: 'c', kind: 'problem', text: 't', x: 0, y: 0, w: 200, h: 120, z: 'a', authorId: 'u', authorName: 'Ann', createdAt: 0 } as const;
    expect(exportedFace({ ...card, votes: { u: 2, v: 1 } }, 'Problem').votes).toEqual({ count: 3, revealed: true, mine: false });
    expect(exportedFace(card, 'Problem').votes).toBeNull();
  });

  it('gives low detail the same body and header band', () => {
    const { body, header } = lowDetailBands({ x: 10, y: 20, w: 220, h: 140 });
    const { parts } = cardLayout(face, estimateWidth);
    expect(header).toMatchObject({ x: 10, y: 20, w: 220, h: (part(parts, 'header') as { h: number }).h });
    expect(body).toEqual({ x: 10, y: 20 + HEADER_H, w: 220, h: 140 - HEADER_H });
  });
});

describe('cards grow with their text', () => {
  const long = Array.from({ length: 12 }, (_, i) => `Line ${i + 1} of a longer story`).join('\n');

  it('keeps a short text at the card’s height and grows for a long one until every line shows', () => {
    expect(grownCardHeight('Short', 220, 140, estimateWidth)).toBe(140);
    const h = grownCardHeight(long, 220, 140, estimateWidth);
    expect(h).toBeGreaterThan(140);
    const body = part(cardLayout({ ...face, text: long, h }, estimateWidth).parts, 'body');
    expect(body?.type === 'text' ? body.lines.length : 0).toBe(12);
  });

  it('stops at the limit, and never shrinks a card', () => {
    expect(grownCardHeight(long.repeat(10), 220, 140, estimateWidth)).toBe(MAX_GROWN_CARD_H);
    expect(grownCardHeight('Short', 220, 300, estimateWidth)).toBe(300);
  });
});
