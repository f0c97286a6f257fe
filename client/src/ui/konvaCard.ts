import { FONT_FAMILY, ICON_STROKE_WIDTH, type CardLayout, type CardPart, type CardPartName } from '@benchlearn/shared';

/**
 * A Konva node as plain data: the class and its config. The canvas (react-konva, CardView) and
 * the PNG/PDF export (Konva nodes, export/scene.ts) both build their card from the same list, so
 * the two cannot drift, and a test can read it without a canvas.
 */
export interface KonvaShape {
  className: 'Group' | 'Rect' | 'Circle' | 'Text' | 'Line';
  attrs: Record<string, unknown>;
  children?: KonvaShape[];
}

/** Konva names of the parts. `card` is the card's group (found by `.card`), so its background is `card-bg`. */
export const KONVA_NAMES: Readonly<Record<CardPartName, string>> = {
  card: 'card-bg',
  header: 'card-header',
  'kind-icon': 'card-kind-icon',
  'kind-label': 'card-kind-label',
  body: 'card-text',
  byline: 'card-byline',
  reuse: 'card-reuse',
  'reuse-text': 'card-reuse-text',
  votes: 'card-votes-disc',
  'votes-text': 'card-votes-text',
};

/** Parts a card keeps in low detail (too small to read): its colours and its dots. */
const LOW_DETAIL_PARTS: ReadonlySet<CardPartName> = new Set(['card', 'header', 'votes', 'votes-text']);

const QUIET = { listening: false, perfectDrawEnabled: false } as const;

function fontStyle(part: Extract<CardPart, { type: 'text' }>): string {
  return [part.font.style === 'italic' ? 'italic' : '', part.font.weight === 'bold' ? 'bold' : ''].filter(Boolean).join(' ') || 'normal';
}

function shapeOf(part: CardPart): KonvaShape {
  const name = KONVA_NAMES[part.name];
  switch (part.type) {
    case 'rect':
      return {
        className: 'Rect',
        attrs: {
          name,
          x: part.x,
          y: part.y,
          width: part.w,
          height: part.h,
          cornerRadius: typeof part.radius === 'number' ? part.radius : [...part.radius],
          fill: part.fill,
          ...(part.stroke ? { stroke: part.stroke, strokeWidth: part.strokeWidth } : {}),
          ...QUIET,
        },
      };
    case 'circle':
      return {
        className: 'Circle',
        attrs: { name, x: part.x, y: part.y, radius: part.r, fill: part.fill, stroke: part.stroke, strokeWidth: part.strokeWidth, ...QUIET },
      };
    case 'text':
      // Wrapped and cut by the layout: Konva only draws the lines, on the middles of their line boxes as the layout has them.
      return {
        className: 'Text',
        attrs: {
          name,
          x: part.x,
          y: part.y,
          width: part.w,
          text: part.lines.join('\n'),
          fontFamily: FONT_FAMILY,
          fontSize: part.font.size,
          fontStyle: fontStyle(part),
          lineHeight: part.lineHeight / part.font.size,
          fill: part.fill,
          align: part.align,
          wrap: 'none',
          ...QUIET,
        },
      };
    case 'icon':
      return {
        className: 'Group',
        attrs: { name, x: part.x, y: part.y, listening: false },
        children: part.glyphs.map((glyph) =>
          glyph.type === 'line'
            ? {
                className: 'Line',
                attrs: { points: [...glyph.points], stroke: part.color, strokeWidth: ICON_STROKE_WIDTH, lineCap: 'round', lineJoin: 'round', ...QUIET },
              }
            : {
                className: 'Circle',
                attrs: {
                  x: glyph.x,
                  y: glyph.y,
                  radius: glyph.r,
                  ...(glyph.type === 'dot' ? { fill: part.color } : { stroke: part.color, strokeWidth: ICON_STROKE_WIDTH }),
                  ...QUIET,
                },
              },
        ),
      };
  }
}

/**
 * A card's shapes in its own coordinates, bottom to top. The dots go in one group, Konva
 * `name: 'card-votes'`, `id: 'votes-<cardId>'` (docs/testing-hooks.md).
 */
export function konvaCardShapes(layout: CardLayout, cardId: string, detail: 'full' | 'low' = 'full'): KonvaShape[] {
  const shapes: KonvaShape[] = [];
  const votes: KonvaShape[] = [];
  for (const part of layout.parts) {
    if (detail === 'low' && !LOW_DETAIL_PARTS.has(part.name)) continue;
    (part.name === 'votes' || part.name === 'votes-text' ? votes : shapes).push(shapeOf(part));
  }
  if (votes.length > 0) shapes.push({ className: 'Group', attrs: { name: 'card-votes', id: `votes-${cardId}`, listening: false }, children: votes });
  return shapes;
}
