import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import type Konva from 'konva';
import { addCard, boardMaps, newBoardDocs } from '@benchlearn/shared';
import { CanvasController } from './controller';
import { Editor } from '../editor/Editor';

/** A board of `n` cards on a grid (240 x 160 cards, 260 x 180 apart), with a controller on a 1000 x 700 canvas. */
function setup(n: number, readOnly = false) {
  const board = newBoardDocs();
  const ids: string[] = [];
  board.content.transact(() => {
    for (let i = 0; i < n; i++) ids.push(addCard(board, { kind: 'success', x: (i % 40) * 260, y: Math.floor(i / 40) * 180, authorId: 'u', authorName: 'U' }));
  });
  const editor = new Editor({ board, awareness: new Awareness(board.content), identity: { id: 'u', name: 'U', color: '#000000' } });
  editor.setReadOnly(readOnly);
  const ctl = new CanvasController(editor, { canEditFrames: false, synced: true });
  ctl.start();
  editor.start();
  ctl.camera.setSize({ width: 1000, height: 700 });
  return { board, ctl, ids, selection: () => [...editor.selection.ids] };
}

/** Stand-ins for the DOM the controller's pointer handling reads: the canvas element at (0, 0), no Konva node hit. */
function attach(ctl: CanvasController) {
  const container = {
    getBoundingClientRect: () => ({ left: 0, top: 0 }),
    ownerDocument: { activeElement: null },
    focus: () => {},
    contains: () => false,
    style: { setProperty: () => {}, removeProperty: () => {} },
  };
  ctl.container = container as unknown as HTMLElement;
  ctl.stage = { getIntersection: () => null, position: () => {}, scale: () => {}, batchDraw: () => {}, find: () => [] } as unknown as Konva.Stage;
}

type Pointer = { pointerId: number; clientX: number; clientY: number; button: number; pointerType: string; shiftKey: boolean; altKey: boolean };
const pointer = (x: number, y: number): Pointer => ({ pointerId: 1, clientX: x, clientY: y, button: 0, pointerType: 'mouse', shiftKey: false, altKey: false });
/** The window-level pointer handlers, called as the window listeners would. */
const windowHandlers = (ctl: CanvasController) => ctl.gestures as unknown as { onWindowPointerMove(e: Pointer): void; onWindowPointerUp(e: Pointer): void };

describe('canvas level of detail', () => {
  it('zoomed out on a big board, no card has a full node until it is selected; zoomed in, the cards near the view do', () => {
    const { ctl, ids } = setup(1000);
    ctl.view.set({ x: 0, y: 0, scale: 0.1 });
    expect(ctl.culling.detail.get()).toBe('low');
    expect(ctl.culling.mounted.get()).toEqual([]);
    ctl.select([ids[0]!]);
    expect(ctl.culling.mounted.get()).toEqual([ids[0]]);
    ctl.view.set({ x: 0, y: 0, scale: 1 });
    expect(ctl.culling.detail.get()).toBe('full');
    const near = ctl.culling.mounted.get();
    expect(near.length).toBeGreaterThan(10);
    expect(near.length).toBeLessThan(200);
  });

  it('a board of 300 cards (no culling) is drawn in low detail too when zoomed far out', () => {
    const { ctl } = setup(300);
    ctl.view.set({ x: 0, y: 0, scale: 0.1 });
    expect(ctl.culling.detail.get()).toBe('low');
    expect(ctl.culling.mounted.get()).toEqual([]);
    ctl.view.set({ x: 0, y: 0, scale: 0.5 });
    expect(ctl.culling.detail.get()).toBe('full');
    expect(ctl.culling.mounted.get().length).toBe(300);
  });

  it('a small board keeps every card as a full node when zoomed out', () => {
    const { ctl, ids } = setup(100);
    ctl.view.set({ x: 0, y: 0, scale: 0.1 });
    expect(ctl.culling.detail.get()).toBe('full');
    expect([...ctl.culling.mounted.get()].sort()).toEqual([...ids].sort());
  });

  it('the low-detail scene is made once while only the view changes, again after a remote move', () => {
    const { board, ctl, ids } = setup(1000);
    ctl.view.set({ x: 0, y: 0, scale: 0.1 });
    const first = ctl.lodScene.get();
    expect(first.cards.length).toBe(1000);
    ctl.view.set({ x: 100, y: 50, scale: 0.12 });
    expect(ctl.lodScene.get()).toBe(first);
    let redraws = 0;
    const stop = ctl.lodScene.subscribe(() => redraws++);
    boardMaps(board).cards.get(ids[0]!)!.set('x', 5000);
    expect(redraws).toBe(1);
    const next = ctl.lodScene.get();
    expect(next).not.toBe(first);
    expect(next.cards.find((card) => card.id === ids[0])?.x).toBe(5000);
    // A selected card gets its full node and leaves the shape.
    ctl.select([ids[1]!]);
    expect(ctl.lodScene.get().cards.some((card) => card.id === ids[1])).toBe(false);
    stop();
  });

  it('low detail: a press on a card drawn by the shape selects it, a drag moves it by the board geometry', () => {
    const { board, ctl, ids, selection } = setup(1000);
    attach(ctl);
    ctl.view.set({ x: 0, y: 0, scale: 0.1 });
    // Card 41 (column 1, row 1) spans x 260..500, y 180..340: on screen 26..50, 18..34.
    const id = ids[41]!;
    ctl.gestures.onContainerPointerDown(pointer(30, 20) as unknown as PointerEvent);
    expect(selection()).toEqual([id]);
    windowHandlers(ctl).onWindowPointerMove(pointer(40, 20));
    expect(ctl.localOffsets.get(id)).toEqual({ dx: 100, dy: 0 });
    windowHandlers(ctl).onWindowPointerUp(pointer(40, 20));
    expect(boardMaps(board).cards.get(id)?.get('x')).toBe(360);
    expect(ctl.localOffsets.size).toBe(0);
  });

  it('low detail: two clicks on a card open its editor; a press on empty space pans', () => {
    const { ctl, ids } = setup(1000);
    attach(ctl);
    ctl.view.set({ x: 0, y: 0, scale: 0.1 });
    for (let i = 0; i < 2; i++) {
      ctl.gestures.onContainerPointerDown(pointer(30, 20) as unknown as PointerEvent);
      windowHandlers(ctl).onWindowPointerUp(pointer(30, 20));
    }
    expect(ctl.editing.get()).toBe(ids[41]);
    // The gap between columns 0 and 1 (x 240..260 on the board: 24..26 on screen).
    ctl.gestures.onContainerPointerDown(pointer(25, 20) as unknown as PointerEvent);
    windowHandlers(ctl).onWindowPointerMove(pointer(75, 20));
    expect(ctl.view.get().x).toBe(50);
    windowHandlers(ctl).onWindowPointerUp(pointer(75, 20));
  });

  it('low detail: the card under the pointer counts as hovered (its link handle shows)', () => {
    const { ctl, ids } = setup(1000);
    attach(ctl);
    ctl.view.set({ x: 0, y: 0, scale: 0.1 });
    ctl.gestures.onContainerPointerMove(pointer(30, 20) as unknown as PointerEvent);
    expect(ctl.hovered.get()).toBe(ids[41]);
    // Far from any card's reach: nothing hovered.
    ctl.gestures.onContainerPointerMove(pointer(-500, -500) as unknown as PointerEvent);
    expect(ctl.hovered.get()).toBe(null);
  });

  it('low detail, read-only: a drag that starts on a card pans the view', () => {
    const { board, ctl, ids } = setup(1000, true);
    attach(ctl);
    ctl.view.set({ x: 0, y: 0, scale: 0.1 });
    ctl.gestures.onContainerPointerDown(pointer(30, 20) as unknown as PointerEvent);
    windowHandlers(ctl).onWindowPointerMove(pointer(60, 40));
    windowHandlers(ctl).onWindowPointerUp(pointer(60, 40));
    expect(ctl.view.get()).toEqual({ x: 30, y: 20, scale: 0.1 });
    expect(boardMaps(board).cards.get(ids[41]!)?.get('x')).toBe(260);
  });

  it('while culling, mounted cards outside the view itself are hidden, and shown once panned to', () => {
    const { ctl, ids } = setup(1000);
    ctl.view.set({ x: 0, y: 0, scale: 1 });
    const nodes = new Map<string, { shown: boolean; visible(v?: boolean): boolean }>();
    for (const id of ctl.culling.mounted.get()) {
      const node = {
        shown: true,
        visible(v?: boolean) {
          if (v !== undefined) this.shown = v;
          return this.shown;
        },
      };
      nodes.set(id, node);
      ctl.culling.registerCardNode(id, node as unknown as Konva.Node);
    }
    // On a 1000 x 700 view at 100%: columns 0..3, rows 0..3 (card 0 at 0,0; card 5 at x 1300 is off screen).
    expect(nodes.get(ids[0]!)?.shown).toBe(true);
    expect(nodes.get(ids[5]!)?.shown).toBe(false);
    ctl.view.set({ x: -1000, y: 0, scale: 1 });
    expect(nodes.get(ids[5]!)?.shown).toBe(true);
    expect(nodes.get(ids[0]!)?.shown).toBe(false);
  });

  describe('zooming in on a big board', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('adds the full nodes over several frames, nearest the middle of the view first', () => {
      const frames: Array<() => void> = [];
      vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
      vi.stubGlobal('cancelAnimationFrame', () => {});
      const { ctl } = setup(1000);
      ctl.view.set({ x: 0, y: 0, scale: 0.1 });
      expect(ctl.culling.mounted.get()).toEqual([]);
      ctl.view.set({ x: -2000, y: -1000, scale: 0.5 });
      expect(ctl.culling.detail.get()).toBe('full');
      const first = ctl.culling.mounted.get();
      expect(first.length).toBe(80);
      expect(ctl.culling.mounting.get()).toBe(true);
      for (let i = 0; i < 20 && frames.length > 0; i++) frames.shift()!();
      expect(ctl.culling.mounting.get()).toBe(false);
      const all = ctl.culling.mounted.get();
      expect(all.length).toBeGreaterThan(300);
      // The first ones are the nearest to the middle of the view (board 5000, 2700).
      const distance = (id: string) => {
        const r = ctl.cardRect(id)!;
        return Math.hypot(r.x + r.w / 2 - 5000, r.y + r.h / 2 - 2700);
      };
      const later = all.filter((id) => !first.includes(id));
      expect(Math.max(...first.map(distance))).toBeLessThanOrEqual(Math.min(...later.map(distance)));
    });
  });
});
