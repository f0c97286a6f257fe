import * as Y from 'yjs';
import { newId } from '../model/ids';
import { MAX_TITLE_LENGTH } from '../protocol/limits';
import { boardMaps, type FrameMap } from './doc';
import { keyAbove } from './order';
import { topZ } from './read';

export interface NewFrame {
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color?: string;
}

export function addFrame(doc: Y.Doc, input: NewFrame, id: string = newId()): string {
  for (const value of [input.x, input.y, input.w, input.h]) {
    if (!Number.isFinite(value)) throw new RangeError('frame coordinates must be finite numbers');
  }
  const { frames } = boardMaps(doc);
  doc.transact(() => {
    const frame: FrameMap = new Y.Map<unknown>();
    frame.set('title', input.title.slice(0, MAX_TITLE_LENGTH));
    frame.set('x', input.x);
    frame.set('y', input.y);
    frame.set('w', Math.max(1, input.w));
    frame.set('h', Math.max(1, input.h));
    frame.set('z', keyAbove(topZ(frames)));
    if (input.color) frame.set('color', input.color);
    frames.set(id, frame);
  });
  return id;
}
