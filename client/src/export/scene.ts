import Konva from 'konva';
import {
  FONT_FAMILY,
  LINK_STYLE,
  cardLayout,
  exportedFace,
  linkPoints,
  type Card,
  type CardKind,
  type CardPart,
  type Frame,
  type Link,
  type TextMeasure,
} from '@benchlearn/shared';
import { konvaCardShapes, type KonvaShape } from '../ui/konvaCard';
import { measureText } from '../ui/measure';
import { rectsIntersect, type Rect } from '../editor/viewport';
import type { Slicer } from './chunks';

/** What a picture export draws: a copy of the board taken when the export started. */
export interface SceneData {
  cards: readonly Card[];
  frames: readonly Frame[];
  links: readonly Link[];
}

/** Arrows reach a little past their end points (the head); tiles look that far around. */
const LINK_SLACK = 16;

function tint(color: string | undefined, alpha: string): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? `${color}${alpha}` : `#90a4ae${alpha}`;
}

/** A frame as the board draws it (FramesLayer), without listening. */
function frameNode(frame: Frame): Konva.Group {
  const group = new Konva.Group({ x: frame.x, y: frame.y, listening: false });
  group.add(
    new Konva.Rect({
      width: frame.w,
      height: frame.h,
      cornerRadius: 16,
      fill: tint(frame.color, '0f'),
      stroke: tint(frame.color, '66'),
      strokeWidth: 2,
      dash: [14, 8],
      listening: false,
    }),
    new Konva.Text({
      x: 24,
      y: 20,
      width: Math.max(10, frame.w - 48),
      text: frame.title,
      fontFamily: FONT_FAMILY,
      fontSize: 32,
      fontStyle: 'bold',
      fill: frame.color ?? '#546e7a',
      wrap: 'none',
      ellipsis: true,
      listening: false,
    }),
  );
  return group;
}

/** A shape of konvaCard.ts as a Konva node. */
function nodeOf(shape: KonvaShape): Konva.Group | Konva.Shape {
  const node = new Konva[shape.className]({ ...shape.attrs, listening: false });
  if (node instanceof Konva.Group) for (const child of shape.children ?? []) node.add(nodeOf(child));
  return node;
}

/** A card as the board draws it (CardView, the same layout and shapes) for someone who only reads: no selection, no hint. */
export function cardNode(card: Card, kindLabel: string, measure: TextMeasure): Konva.Group {
  const group = new Konva.Group({ name: 'card', id: card.id, x: card.x, y: card.y, listening: false });
  for (const shape of konvaCardShapes(cardLayout(exportedFace(card, kindLabel), measure), card.id)) group.add(nodeOf(shape));
  return group;
}

interface LinkShape {
  points: [number, number, number, number];
  bounds: Rect;
}

function partBox(part: CardPart): Rect {
  switch (part.type) {
    case 'circle':
      return {
        x: part.x - part.r - part.strokeWidth,
        y: part.y - part.r - part.strokeWidth,
        w: 2 * (part.r + part.strokeWidth),
        h: 2 * (part.r + part.strokeWidth),
      };
    case 'text':
      return { x: part.x, y: part.y, w: part.w, h: part.lines.length * part.lineHeight };
    case 'icon':
      return { x: part.x, y: part.y, w: part.size, h: part.size };
    default:
      return part;
  }
}

/**
 * Where a card paints, in board units: its box and whatever of the layout reaches past it (the
 * dots sit on its top edge, half outside). Tiles pick the cards to draw by this, so a tile
 * just above a card still draws the upper half of its dots.
 */
export function paintedBox(card: Card): Rect {
  // The text only wraps inside the card: an empty text lays out the same outline, at no cost.
  const { parts } = cardLayout(exportedFace({ ...card, text: '' }, ''), () => 0);
  let minX = card.x;
  let minY = card.y;
  let maxX = card.x + card.w;
  let maxY = card.y + card.h;
  for (const part of parts) {
    const box = partBox(part);
    minX = Math.min(minX, card.x + box.x);
    minY = Math.min(minY, card.y + box.y);
    maxX = Math.max(maxX, card.x + box.x + box.w);
    maxY = Math.max(maxY, card.y + box.y + box.h);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** A link's arrow as the canvas draws it (LinkView): LINK_STYLE's colour, width and head. */
export function linkArrow(points: readonly [number, number, number, number]): Konva.Arrow {
  const { color, width, headLength, headWidth } = LINK_STYLE;
  return new Konva.Arrow({
    name: 'link',
    points: [...points],
    stroke: color,
    fill: color,
    strokeWidth: width,
    pointerLength: headLength,
    pointerWidth: headWidth,
    lineCap: 'round',
    listening: false,
  });
}

/**
 * The board as Konva nodes outside any stage, made only for the parts a tile needs and kept
 * while later tiles may need them: the live canvas mounts only the cards near the view on a big
 * board, this draws every card of the region, and never the selection, cursors or tools.
 */
export class ExportScene {
  private readonly cardNodes = new Map<string, Konva.Group>();
  private readonly frameNodes = new Map<string, Konva.Group>();
  private readonly linkShapes: (LinkShape | null)[];
  private readonly linkNodes = new Map<number, Konva.Arrow>();
  private readonly root = new Konva.Group({ listening: false });
  /** Each card's painted box (paintedBox), by id. */
  private readonly painted = new Map<string, Rect>();

  constructor(
    readonly data: SceneData,
    private readonly kindLabels: Readonly<Record<CardKind, string>>,
    private readonly measure: TextMeasure = measureText,
  ) {
    const byId = new Map(data.cards.map((card) => [card.id, card]));
    for (const card of data.cards) this.painted.set(card.id, paintedBox(card));
    this.linkShapes = data.links.map((link) => {
      const from = byId.get(link.from);
      const to = byId.get(link.to);
      const points = from && to ? linkPoints(from, to) : null;
      if (!points) return null;
      const x = Math.min(points[0], points[2]) - LINK_SLACK;
      const y = Math.min(points[1], points[3]) - LINK_SLACK;
      return { points, bounds: { x, y, w: Math.abs(points[2] - points[0]) + 2 * LINK_SLACK, h: Math.abs(points[3] - points[1]) + 2 * LINK_SLACK } };
    });
  }

  private paintedOf(card: Card): Rect {
    return this.painted.get(card.id) ?? card;
  }

  /** Makes the card nodes `rect` needs, a few at a time: text layout is the costly part. */
  async prepare(rect: Rect, slicer: Slicer): Promise<void> {
    for (const card of this.data.cards) {
      if (this.cardNodes.has(card.id) || !rectsIntersect(this.paintedOf(card), rect)) continue;
      this.cardNodes.set(card.id, cardNode(card, this.kindLabels[card.kind], this.measure));
      await slicer.pause();
    }
  }

  /** A group holding what touches `rect`, bottom to top: frames, links, cards in stacking order. */
  groupFor(rect: Rect): Konva.Group {
    this.root.removeChildren();
    for (const frame of this.data.frames) {
      if (!rectsIntersect(frame, rect)) continue;
      let node = this.frameNodes.get(frame.id);
      if (!node) this.frameNodes.set(frame.id, (node = frameNode(frame)));
      this.root.add(node);
    }
    this.linkShapes.forEach((shape, i) => {
      if (!shape || !rectsIntersect(shape.bounds, rect)) return;
      let node = this.linkNodes.get(i);
      if (!node) {
        node = linkArrow(shape.points);
        this.linkNodes.set(i, node);
      }
      this.root.add(node);
    });
    for (const card of this.data.cards) {
      if (!rectsIntersect(this.paintedOf(card), rect)) continue;
      let node = this.cardNodes.get(card.id);
      if (!node) this.cardNodes.set(card.id, (node = cardNode(card, this.kindLabels[card.kind], this.measure)));
      this.root.add(node);
    }
    return this.root;
  }

  /** Frees the cards that end above `y` (board units): tiles go top to bottom, so none needs them again. */
  releaseAbove(y: number): void {
    for (const card of this.data.cards) {
      const box = this.paintedOf(card);
      if (box.y + box.h >= y) continue;
      const node = this.cardNodes.get(card.id);
      if (node) {
        node.destroy();
        this.cardNodes.delete(card.id);
      }
    }
  }

  destroy(): void {
    this.root.removeChildren();
    for (const node of this.cardNodes.values()) node.destroy();
    for (const node of this.frameNodes.values()) node.destroy();
    for (const node of this.linkNodes.values()) node.destroy();
    this.cardNodes.clear();
    this.frameNodes.clear();
    this.linkNodes.clear();
    this.root.destroy();
  }
}
