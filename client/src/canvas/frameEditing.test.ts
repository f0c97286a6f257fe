import { describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import type Konva from 'konva';
import { addFrame, newBoardDocs } from '@benchlearn/shared';
import { FrameEditing, MIN_FRAME_SIZE } from './frameEditing';
import { LiveMove } from './liveMove';
import { PresencePublisher } from '../editor/presence';
import { KeyedStore, sameOffset, type Offset } from '../editor/stores';
import { startedStore, testCard } from '../editor/testBoard';

/** A 600 x 400 frame at the origin holding one card; another card outside it. */
function setup(canEdit = true, view = { x: 680, y: 760, w: 640, h: 480 }) {
  const board = newBoardDocs();
  const frame = addFrame(board, { title: 'Week 1', x: 0, y: 0, w: 600, h: 400 });
  const inside = testCard(board, 'success', 50, 50);
  const outside = testCard(board, 'success', 900, 50);
  const store = startedStore(board);
  const offsets = new KeyedStore<Offset>(sameOffset);
  const writes = vi.fn();
  const write = <T>(fn: () => T): T => {
    writes();
    return fn();
  };
  const clearCardSelection = vi.fn();
  const reveal = vi.fn();
  const frames = new FrameEditing({
    board,
    store,
    move: new LiveMove(offsets, new PresencePublisher(new Awareness(board.content))),
    canEdit: () => canEdit,
    write,
    clearCardSelection,
    stopEditing: () => {},
    viewRect: () => view,
    reveal,
  });
  return { store, frame, inside, outside, offsets, writes, clearCardSelection, reveal, frames };
}

const node = (x: number, y: number) => ({ x: () => x, y: () => y }) as unknown as Konva.Node;

describe('FrameEditing', () => {
  it('a dragged frame takes its cards along live, and lands with them in one write', () => {
    const { store, frame, inside, outside, offsets, writes, frames } = setup();
    frames.onFrameDragStart(frame, node(0, 0));
    expect(frames.selectedFrame.get()).toBe(frame);
    frames.onFrameDragMove(frame, node(30.4, 10));
    expect(offsets.get(inside)).toEqual({ dx: 30.4, dy: 10 });
    expect(offsets.has(outside)).toBe(false);
    frames.onFrameDragEnd(frame, node(30.4, 10));
    expect(writes).toHaveBeenCalledTimes(1);
    expect(offsets.size).toBe(0);
    expect(frames.frameDrag.get()).toBe(null);
    expect(store.getFrames()[0]).toMatchObject({ x: 30, y: 10 });
    expect(store.getCard(inside)).toMatchObject({ x: 80, y: 60 });
    expect(store.getCard(outside)).toMatchObject({ x: 900, y: 50 });
  });

  it('a resize shows live, writes on release, and never goes below the smallest frame', () => {
    const { store, frame, writes, frames } = setup();
    frames.onFrameResize(frame, { x: 10, y: 700 }, false);
    expect(frames.frameResize.get()).toEqual({ id: frame, w: MIN_FRAME_SIZE, h: 700 });
    expect(writes).not.toHaveBeenCalled();
    frames.onFrameResize(frame, { x: 10, y: 700 }, true);
    expect(frames.frameResize.get()).toBe(null);
    expect(store.getFrames()[0]).toMatchObject({ w: MIN_FRAME_SIZE, h: 700 });
  });

  it('a new frame goes in the middle of the view, selected, and the cards are deselected', () => {
    const { store, clearCardSelection, reveal, frames } = setup(true, { x: 500, y: 600, w: 1000, h: 800 });
    const id = frames.addFrame('Week 2');
    expect(store.getFrames().find((f) => f.id === id)).toMatchObject({ x: 680, y: 760, w: 640, h: 480 });
    expect(reveal).toHaveBeenCalledWith({ x: 680, y: 760, w: 640, h: 480 });
    expect(frames.selectedFrame.get()).toBe(id);
    expect(clearCardSelection).toHaveBeenCalled();
  });

  it('a new frame never lands on cards or frames in view, so moving it carries none of them', () => {
    const { store, frame, inside, outside, frames } = setup(true, { x: -100, y: -100, w: 1400, h: 800 });
    const id = frames.addFrame('Week 2')!;
    const added = store.getFrames().find((f) => f.id === id)!;
    const others = [store.getFrames().find((f) => f.id === frame)!, store.getCard(inside)!, store.getCard(outside)!];
    for (const r of others) {
      const apart = added.x >= r.x + r.w || r.x >= added.x + added.w || added.y >= r.y + r.h || r.y >= added.y + added.h;
      expect(apart, `new frame at ${added.x},${added.y} clear of ${r.x},${r.y}`).toBe(true);
    }
    frames.onFrameDragStart(id, node(0, 0));
    frames.onFrameDragEnd(id, node(40, 40));
    expect(store.getCard(inside)).toMatchObject({ x: 50, y: 50 });
    expect(store.getCard(outside)).toMatchObject({ x: 900, y: 50 });
  });

  it('does nothing for someone who may not edit frames', () => {
    const { frame, writes, frames } = setup(false);
    expect(frames.addFrame('Week 2')).toBe(null);
    frames.selectFrame(frame);
    frames.onFrameResize(frame, { x: 900, y: 900 }, true);
    expect(frames.selectedFrame.get()).toBe(null);
    expect(writes).not.toHaveBeenCalled();
  });
});
