import Konva from 'konva';
import type { Card, CardKind, Frame, Link } from '@benchlearn/shared';
import { linkPoints } from '../board/geometry';
import {
  AUTHOR_H,
  BODY_FONT_SIZE,
  BODY_LINE_HEIGHT,
  CARD_RADIUS,
  FONT_FAMILY,
  HEADER_H,
  KIND_COLORS,
  KIND_FILLS,
  KIND_ICONS,
  LINK_COLOR,
  bodyBox,
} from '../board/kinds';
import { rectsIntersect, type Rect } from '../board/viewport';
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
    new Konva.Rect({ width: frame.w, height: frame.h, cornerRadius: 16, fill: tint(frame.color, '0f'), stroke: tint(frame.color, '66'), strokeWidth: 2, dash: [14, 8], listening: false }),
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

function iconNode(kind: CardKind): Konva.Group {
  const group = new Konva.Group({ x: 8, y: 6, listening: false });
  for (const part of KIND_ICONS[kind]) {
    group.add(
      part.type === 'line'
        ? new Konva.Line({ points: part.points, stroke: '#ffffff', strokeWidth: 2, lineCap: 'round', lineJoin: 'round', listening: false })
        : new Konva.Circle({
            x: part.x,
            y: part.y,
            radius: part.r,
            ...(part.type === 'dot' ? { fill: '#ffffff' } : { stroke: '#ffffff', strokeWidth: 2 }),
            listening: false,
          }),
    );
  }
  return group;
}

/** A card as the board draws it (CardView) for someone who only reads: no selection, no hint. */
function cardNode(card: Card, kindLabels: Readonly<Record<CardKind, string>>): Konva.Group {
  const { w, h, kind } = card;
  const color = KIND_COLORS[kind];
  const body = bodyBox(w, h);
  const group = new Konva.Group({ x: card.x, y: card.y, listening: false });
  group.add(
    new Konva.Rect({ width: w, height: h, cornerRadius: CARD_RADIUS, fill: KIND_FILLS[kind], stroke: color, strokeWidth: 1.5, listening: false }),
    new Konva.Rect({ width: w, height: HEADER_H, cornerRadius: [CARD_RADIUS, CARD_RADIUS, 0, 0], fill: color, listening: false }),
    iconNode(kind),
    new Konva.Text({ x: 30, y: 7, width: Math.max(10, w - 40), height: 16, text: kindLabels[kind], fontFamily: FONT_FAMILY, fontSize: 13, fontStyle: 'bold', fill: '#ffffff', wrap: 'none', ellipsis: true, listening: false }),
    new Konva.Text({
      x: body.x,
      y: body.y,
      width: body.w,
      height: body.h,
      text: card.text,
      fill: '#1f1f1f',
      fontFamily: FONT_FAMILY,
      fontSize: BODY_FONT_SIZE,
      lineHeight: BODY_LINE_HEIGHT,
      wrap: 'word',
      ellipsis: true,
      listening: false,
    }),
    new Konva.Text({
      x: body.x,
      y: h - AUTHOR_H + 3,
      width: body.w,
      height: 14,
      text: [card.authorName, card.org].filter(Boolean).join(' · '),
      fill: '#5f6368',
      fontFamily: FONT_FAMILY,
      fontSize: 11,
      wrap: 'none',
      ellipsis: true,
      listening: false,
    }),
  );
  return group;
}

interface LinkShape {
  points: [number, number, number, number];
  bounds: Rect;
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

  constructor(
    readonly data: SceneData,
    private readonly kindLabels: Readonly<Record<CardKind, string>>,
  ) {
    const byId = new Map(data.cards.map((card) => [card.id, card]));
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

  /** Makes the card nodes `rect` needs, a few at a time: text layout is the costly part. */
  async prepare(rect: Rect, slicer: Slicer): Promise<void> {
    for (const card of this.data.cards) {
      if (this.cardNodes.has(card.id) || !rectsIntersect(card, rect)) continue;
      this.cardNodes.set(card.id, cardNode(card, this.kindLabels));
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
        node = new Konva.Arrow({ points: shape.points, stroke: LINK_COLOR, fill: LINK_COLOR, strokeWidth: 2.5, pointerLength: 12, pointerWidth: 12, lineCap: 'round', listening: false });
        this.linkNodes.set(i, node);
      }
      this.root.add(node);
    });
    for (const card of this.data.cards) {
      if (!rectsIntersect(card, rect)) continue;
      let node = this.cardNodes.get(card.id);
      if (!node) this.cardNodes.set(card.id, (node = cardNode(card, this.kindLabels)));
      this.root.add(node);
    }
    return this.root;
  }

  /** Frees the cards that end above `y` (board units): tiles go top to bottom, so none needs them again. */
  releaseAbove(y: number): void {
    for (const card of this.data.cards) {
      if (card.y + card.h >= y) continue;
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
