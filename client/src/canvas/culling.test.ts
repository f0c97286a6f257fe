import { afterEach, describe, expect, it, vi } from 'vitest';
import type Konva from 'konva';
import { newBoardDocs } from '@benchlearn/shared';
import { Signal } from '../editor/stores';
import { startedStore, testCard } from '../editor/testBoard';
import type { Rect, Size, View } from '../editor/viewport';
import { CULL_THRESHOLD, Culling } from './culling';

const W = 240;
const H = 160;

/**
 * A board of `n` cards on a grid (260 x 180 apart, 40 a row), 240 x 160 each, and a Culling over
 * it on a 1000 x 700 canvas at the origin, scale 1.
 */
function setup(n: number, options: { started?: boolean } = {}) {
  const board = newBoardDocs();
  const ids: string[] = [];
  board.content.transact(() => {
    for (let i = 0; i < n; i++) ids.push(testCard(board, 'success', (i % 40) * 260, Math.floor(i / 40) * 180));
  });
  const store = startedStore(board);
  const view = new Signal<View>({ x: 0, y: 0, scale: 1 });
  const size = new Signal<Size>({ width: 1000, height: 700 });
  const editing = new Signal<string | null>(null);
  const selected = new Set<string>();
  const pinned = new Set<string>();
  const rectOf = (id: string): Rect | null => {
    const card = store.getCard(id);
    return card ? { x: card.x, y: card.y, w: W, h: H } : null;
  };
  const culling = new Culling({
    store,
    view,
    size,
    rectOf,
    selected: (id) => selected.has(id),
    editing,
    pinned: (id) => pinned.has(id),
    started: () => options.started ?? false,
  });
  return { culling, ids, view, size, editing, selected, pinned, rectOf };
}

/** A stand-in for a card's Konva node: only its visibility matters here. */
function fakeNode(visible = true) {
  const node = {
    shown: visible,
    visible(next?: boolean) {
      if (next !== undefined) node.shown = next;
      return node.shown;
    },
  };
  return node;
}
const asNode = (node: ReturnType<typeof fakeNode>) => node as unknown as Konva.Node;

/** The card in column `col`, row `row` of setup's grid. */
const at = (ids: string[], col: number, row: number) => ids[row * 40 + col]!;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Culling on a small board', () => {
  it('mounts every card, in stacking order, in full detail', () => {
    const { culling, ids } = setup(50);
    culling.updateCull(true);
    expect(culling.cullKey.get()).toBe('all');
    expect(culling.cullRect()).toBeNull();
    expect(culling.detail.get()).toBe('full');
    expect(culling.lowDetail.get()).toBe(false);
    expect(culling.mounted.get()).toEqual(ids);
    expect(ids.every((id) => culling.isMounted(id))).toBe(true);
    expect(culling.mounting.get()).toBe(false);
  });

  it('never hides a mounted node when not culling, even far outside the view', () => {
    const { culling, ids } = setup(50);
    culling.updateCull(true);
    const far = fakeNode(false);
    culling.registerCardNode(at(ids, 39, 0), asNode(far));
    expect(far.shown).toBe(true);
  });

  it('a canvas without size (hidden) mounts everything in full detail', () => {
    const { culling, ids, size } = setup(CULL_THRESHOLD + 100);
    size.set({ width: 0, height: 0 });
    culling.updateCull(true);
    expect(culling.cullKey.get()).toBe('all');
    expect(culling.detail.get()).toBe('full');
    expect(culling.mounted.get().length).toBe(ids.length);
  });
});

describe('Culling on a big board', () => {
  it('mounts only the cards near the view', () => {
    const { culling, ids } = setup(CULL_THRESHOLD + 100);
    culling.updateCull(true);
    // The view (0, 0, 1000, 700) grown by half a screen and snapped to the 512 grid.
    expect(culling.cullRect()).toEqual({ x: -512, y: -512, w: 2048, h: 2048 });
    expect(culling.detail.get()).toBe('full');
    // Columns 0-5 (x < 1536) of rows 0-8 (y < 1536).
    expect(culling.mounted.get().length).toBe(6 * 9);
    expect(culling.isMounted(at(ids, 0, 0))).toBe(true);
    expect(culling.isMounted(at(ids, 5, 8))).toBe(true);
    expect(culling.isMounted(at(ids, 6, 0))).toBe(false);
    expect(culling.isMounted(at(ids, 0, 9))).toBe(false);
    expect(culling.isMounted(at(ids, 39, 11))).toBe(false);
  });

  it('keeps the selected and the edited card mounted wherever they are', () => {
    const { culling, ids, selected, editing } = setup(CULL_THRESHOLD + 100);
    const farSelected = at(ids, 30, 5);
    const farEdited = at(ids, 20, 10);
    selected.add(farSelected);
    editing.set(farEdited);
    culling.updateCull(true);
    expect(culling.isMounted(farSelected)).toBe(true);
    expect(culling.isMounted(farEdited)).toBe(true);
    expect(culling.isMounted(at(ids, 31, 5))).toBe(false);
  });

  it('a small pan inside the same grid cell changes neither the key nor the mounted list', () => {
    const { culling, view } = setup(CULL_THRESHOLD + 100);
    culling.updateCull(true);
    const key = culling.cullKey.get();
    const list = culling.mounted.get();
    let changes = 0;
    const stop = culling.mounted.subscribe(() => changes++);
    view.set({ x: -5, y: -5, scale: 1 });
    culling.updateCull();
    expect(culling.cullKey.get()).toBe(key);
    expect(culling.mounted.get()).toBe(list);
    expect(changes).toBe(0);
    stop();
  });

  it('a pan to another part of the board mounts the cards there instead', () => {
    const { culling, ids, view } = setup(CULL_THRESHOLD + 100);
    culling.updateCull(true);
    // Cards at column 20 start at x 5200: put the view's left edge there.
    view.set({ x: -5200, y: 0, scale: 1 });
    culling.updateCull();
    expect(culling.isMounted(at(ids, 20, 0))).toBe(true);
    expect(culling.isMounted(at(ids, 0, 0))).toBe(false);
  });

  it('hides mounted nodes outside the view itself, but not the selected or edited one', () => {
    const { culling, ids, selected, editing } = setup(CULL_THRESHOLD + 100);
    culling.updateCull(true);
    const inView = fakeNode();
    const margin = fakeNode(); // column 5 (x 1300) is mounted but off the 1000-wide view
    const chosen = fakeNode();
    const edited = fakeNode();
    culling.registerCardNode(at(ids, 0, 0), asNode(inView));
    culling.registerCardNode(at(ids, 5, 0), asNode(margin));
    culling.registerCardNode(at(ids, 5, 1), asNode(chosen));
    culling.registerCardNode(at(ids, 5, 2), asNode(edited));
    selected.add(at(ids, 5, 1));
    editing.set(at(ids, 5, 2));
    culling.updateNodeVisibility();
    expect(inView.shown).toBe(true);
    expect(margin.shown).toBe(false);
    expect(chosen.shown).toBe(true);
    expect(edited.shown).toBe(true);
  });

  it('a forgotten node is no longer touched', () => {
    const { culling, ids } = setup(CULL_THRESHOLD + 100);
    culling.updateCull(true);
    const node = fakeNode();
    culling.registerCardNode(at(ids, 5, 0), asNode(node));
    expect(node.shown).toBe(false);
    culling.registerCardNode(at(ids, 5, 0), null);
    node.shown = true;
    culling.updateNodeVisibility();
    expect(node.shown).toBe(true);
  });

  it('zoomed far out it draws in low detail: only pinned cards near the view keep a full node', () => {
    const { culling, ids, view, pinned } = setup(CULL_THRESHOLD + 100);
    pinned.add(at(ids, 1, 1));
    view.set({ x: 0, y: 0, scale: 0.1 });
    culling.updateCull(true);
    expect(culling.lowDetail.get()).toBe(true);
    expect(culling.detail.get()).toBe('low');
    expect(culling.mounted.get()).toEqual([at(ids, 1, 1)]);
    view.set({ x: 0, y: 0, scale: 1 });
    culling.updateCull();
    expect(culling.lowDetail.get()).toBe(false);
    expect(culling.detail.get()).toBe('full');
    expect(culling.mounted.get().length).toBe(6 * 9);
  });
});

describe('Culling spreads mounting over frames', () => {
  it('adds the 80 cards nearest the middle of the view first, the rest in the next frame', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    // 300 cards: no culling, low detail far out, everything in full detail when zoomed in.
    const { culling, ids, view, rectOf } = setup(300, { started: true });
    view.set({ x: 0, y: 0, scale: 0.1 });
    culling.updateCull(true);
    expect(culling.detail.get()).toBe('low');
    expect(culling.mounted.get()).toEqual([]);

    view.set({ x: 0, y: 0, scale: 1 });
    culling.updateCull();
    const first = culling.mounted.get();
    expect(first.length).toBe(80);
    expect(culling.mounting.get()).toBe(true);
    expect(frames.length).toBe(1);
    // The middle of the view is (500, 350): the card there is among the first, the far corner is not.
    expect(first).toContain(at(ids, 1, 1));
    expect(first).not.toContain(at(ids, 39, 7));
    const distance = (id: string) => {
      const r = rectOf(id)!;
      return Math.hypot(r.x + r.w / 2 - 500, r.y + r.h / 2 - 350);
    };
    const farthestFirst = Math.max(...first.map(distance));
    const nearestLater = Math.min(...ids.filter((id) => !first.includes(id)).map(distance));
    expect(farthestFirst).toBeLessThanOrEqual(nearestLater);
    // Still in stacking order.
    expect(first).toEqual(ids.filter((id) => first.includes(id)));

    while (frames.length > 0) frames.shift()!(0);
    expect(culling.mounted.get()).toEqual(ids);
    expect(culling.mounting.get()).toBe(false);
  });

  it('before the canvas starts everything mounts at once', () => {
    vi.stubGlobal('requestAnimationFrame', () => {
      throw new Error('no frame expected');
    });
    const { culling, ids, view } = setup(300, { started: false });
    view.set({ x: 0, y: 0, scale: 0.1 });
    culling.updateCull(true);
    view.set({ x: 0, y: 0, scale: 1 });
    culling.updateCull();
    expect(culling.mounted.get()).toEqual(ids);
    expect(culling.mounting.get()).toBe(false);
  });

  it('stop cancels the pending frame', () => {
    const cancelled: number[] = [];
    vi.stubGlobal('requestAnimationFrame', () => 7);
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => cancelled.push(handle));
    const { culling, view } = setup(300, { started: true });
    view.set({ x: 0, y: 0, scale: 0.1 });
    culling.updateCull(true);
    view.set({ x: 0, y: 0, scale: 1 });
    culling.updateCull();
    culling.stop();
    expect(cancelled).toEqual([7]);
  });
});
