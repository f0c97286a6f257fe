import * as Y from 'yjs';
import { newId } from '../model/ids';
import { MAX_TITLE_LENGTH } from '../protocol/limits';
import { boardMaps, type FrameMap, type BoardDocs } from './doc';
import { keyAbove } from './order';
import { topZ } from './read';

export interface NewFrame {
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color?: string;
  /** A stacking key to keep (an import, a restore); default: on top of the other frames. */
  z?: string;
}

export function addFrame(board: BoardDocs, input: NewFrame, id: string = newId()): string {
  for (const value of [input.x, input.y, input.w, input.h]) {
    if (!Number.isFinite(value)) throw new RangeError('frame coordinates must be finite numbers');
  }
  const { frames } = boardMaps(board);
  board.control.transact(() => {
    const frame: FrameMap = new Y.Map<unknown>();
    frame.set('title', input.title.slice(0, MAX_TITLE_LENGTH));
    frame.set('x', input.x);
    frame.set('y', input.y);
    frame.set('w', Math.max(1, input.w));
    frame.set('h', Math.max(1, input.h));
    frame.set('z', input.z ?? keyAbove(topZ(frames)));
    if (input.color) frame.set('color', input.color);
    frames.set(id, frame);
  });
  return id;
}

export type FrameChanges = Partial<NewFrame & { z: string }>;

/** Changes a frame's title, bounds, stacking or colour in one transaction (`color: ''` removes it). */
export function updateFrame(board: BoardDocs, id: string, changes: FrameChanges): void {
  const frame = boardMaps(board).frames.get(id);
  if (!(frame instanceof Y.Map)) return;
  for (const key of ['x', 'y', 'w', 'h'] as const) {
    const value = changes[key];
    if (value !== undefined && !Number.isFinite(value)) throw new RangeError('frame coordinates must be finite numbers');
  }
  board.control.transact(() => {
    const set = (key: string, value: unknown) => {
      if (frame.get(key) !== value) frame.set(key, value);
    };
    if (changes.title !== undefined) set('title', changes.title.slice(0, MAX_TITLE_LENGTH));
    if (changes.x !== undefined) set('x', changes.x);
    if (changes.y !== undefined) set('y', changes.y);
    if (changes.w !== undefined) set('w', Math.max(1, changes.w));
    if (changes.h !== undefined) set('h', Math.max(1, changes.h));
    if (changes.z !== undefined) set('z', changes.z);
    if (changes.color !== undefined) {
      if (changes.color) set('color', changes.color);
      else if (frame.has('color')) frame.delete('color');
    }
  });
}

export function deleteFrames(board: BoardDocs, ids: readonly string[]): void {
  const { frames } = boardMaps(board);
  board.control.transact(() => {
    for (const id of ids) frames.delete(id);
  });
}
