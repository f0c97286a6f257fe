import { describe, expect, it } from 'vitest';
import { chooseDetail, countInRect, FULL_DETAIL_CAP, LOD_MIN_CARDS, LOD_SCALE, lodBatches, mountedCards, type LodCard } from './lod';
import type { Rect } from '../editor/viewport';

const grid = (n: number): Map<string, Rect> =>
  new Map(Array.from({ length: n }, (_, i) => [`c${i}`, { x: (i % 10) * 100, y: Math.floor(i / 10) * 100, w: 80, h: 60 }]));

describe('level of detail', () => {
  it('draws a small board in full at any zoom, a big one in low detail when zoomed out or too crowded', () => {
    expect(chooseDetail({ scale: 0.1, cardCount: LOD_MIN_CARDS, cardsNearView: LOD_MIN_CARDS })).toBe('full');
    expect(chooseDetail({ scale: 0.1, cardCount: 5000, cardsNearView: 100 })).toBe('low');
    expect(chooseDetail({ scale: LOD_SCALE - 0.01, cardCount: 5000, cardsNearView: 100 })).toBe('low');
    expect(chooseDetail({ scale: LOD_SCALE, cardCount: 5000, cardsNearView: 100 })).toBe('full');
    expect(chooseDetail({ scale: 1, cardCount: 5000, cardsNearView: FULL_DETAIL_CAP + 1 })).toBe('low');
  });

  it('mounts full nodes for the cards near the view in full detail, only the pinned ones near it in low detail', () => {
    const rects = grid(100);
    const order = [...rects.keys()];
    const cull = { x: 0, y: 0, w: 250, h: 150 }; // columns 0..2 of rows 0..1
    const base = {
      cull,
      rectOf: (id: string) => rects.get(id) ?? null,
      pinned: (id: string) => id === 'c1' || id === 'c99',
      always: (id: string) => id === 'c50',
    };
    expect(mountedCards(order, { ...base, detail: 'full' })).toEqual(['c0', 'c1', 'c2', 'c10', 'c11', 'c12', 'c50']);
    // c99 is pinned but far from the view; c50 is always mounted (being edited).
    expect(mountedCards(order, { ...base, detail: 'low' })).toEqual(['c1', 'c50']);
    expect(mountedCards(order, { ...base, detail: 'full', cull: null })).toEqual(order);
  });

  it('counts the cards meeting a rect, stopping past the limit', () => {
    const rects = grid(100);
    const rectOf = (id: string) => rects.get(id) ?? null;
    expect(countInRect(rects.keys(), rectOf, { x: 0, y: 0, w: 1000, h: 1000 })).toBe(100);
    expect(countInRect(rects.keys(), rectOf, { x: 0, y: 0, w: 1000, h: 1000 }, 10)).toBe(11);
    expect(countInRect(rects.keys(), rectOf, { x: 5000, y: 0, w: 10, h: 10 })).toBe(0);
  });

  it('batches the cards per kind, faded ones first, highlighted ones apart', () => {
    const card = (id: string, kind: LodCard['kind'], x: number, faded = false, highlighted = false): LodCard => ({
      id,
      kind,
      x,
      y: 0,
      w: 50,
      h: 50,
      faded,
      highlighted,
    });
    const { batches, highlighted } = lodBatches([
      card('a', 'success', 0),
      card('b', 'lesson', 100),
      card('c', 'success', 200, false, true),
      card('d', 'note', 300, true),
    ]);
    expect(batches.map((b) => [b.kind, b.faded, b.rects.map((r) => r.x)])).toEqual([
      ['note', true, [300]],
      ['success', false, [0, 200]],
      ['lesson', false, [100]],
    ]);
    expect(highlighted.map((r) => r.x)).toEqual([200]);
  });
});
