import { describe, expect, it } from 'vitest';
import Konva from 'konva';
import { estimateWidth, VOTES_STYLE, type Card, type CardKind } from '@benchlearn/shared';
import { ExportScene, paintedBox } from './scene';

// Konva measures text on a canvas when a Text node is made; Node has none (as in renderers.test.ts).
Konva.Util.createCanvasElement = () =>
  ({
    style: {},
    width: 0,
    height: 0,
    getContext: () => ({
      font: '',
      save() {},
      restore() {},
      measureText: (text: string) => ({ width: estimateWidth(text, { size: 14, weight: 'normal', style: 'normal' }) }),
    }),
  }) as unknown as HTMLCanvasElement;

const LABELS: Readonly<Record<CardKind, string>> = { success: 'Success', problem: 'Problem', lesson: 'Lesson', note: 'Note' };

function card(id: string, votes?: Record<string, number>): Card {
  return {
    id,
    kind: 'problem',
    x: 100,
    y: 500,
    w: 240,
    h: 150,
    z: 'a0',
    text: 'Dots on top',
    authorId: 'u',
    authorName: 'Ann',
    createdAt: 0,
    ...(votes ? { votes } : {}),
  };
}

describe('the export scene and the dots', () => {
  it('counts the dots, half above the card, as part of where the card paints', () => {
    const top = paintedBox(card('voted', { a: 2 }));
    expect(top.y).toBeLessThanOrEqual(500 + VOTES_STYLE.inset - 2 * VOTES_STYLE.radius);
    expect(paintedBox(card('plain'))).toEqual({ x: 100, y: 500, w: 240, h: 150 });
  });

  it('draws a card’s dots in a tile that ends just above the card (a PNG or PDF cut into tiles)', () => {
    const scene = new ExportScene({ cards: [card('voted', { a: 2 }), { ...card('plain'), x: 400 }], frames: [], links: [] }, LABELS);
    // A tile whose bottom edge lies between the top of the dots and the top of the cards.
    const tile = { x: 0, y: 0, w: 1000, h: 495 };
    const drawn = scene
      .groupFor(tile)
      .getChildren()
      .map((node) => node.id());
    expect(drawn).toEqual(['voted']);
    const disc = scene.groupFor(tile).findOne('.card-votes-disc');
    expect(disc).toBeDefined();
    scene.destroy();
  });
});
