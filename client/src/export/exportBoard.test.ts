import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, initBoard, linkCards } from '@benchlearn/shared';
import { areaRegion, sceneData } from './exportBoard';

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'T', template: 'benchlearning', locale: 'en', createdAt: 0 });
  const who = { authorId: 'u', authorName: 'U' };
  const success = addCard(doc, { kind: 'success', x: 0, y: 0, w: 240, h: 150, text: 'a', ...who });
  const lesson = addCard(doc, { kind: 'lesson', x: 1000, y: 0, w: 240, h: 150, text: 'b', ...who });
  const note = addCard(doc, { kind: 'note', x: 0, y: 500, w: 240, h: 150, text: 'c', ...who });
  linkCards(doc, success, lesson, 'u');
  return { doc, success, lesson, note };
}

describe('what a picture export shows', () => {
  it('the whole board: every card, frame and link, with the margin', () => {
    const { doc } = board();
    const data = sceneData(doc, 'board', new Set());
    expect(data.cards).toHaveLength(3);
    expect(data.frames.length).toBeGreaterThan(0);
    expect(data.links).toHaveLength(1);
    const region = areaRegion(data, 'board', null)!;
    const frames = data.frames.reduce((min, frame) => Math.min(min, frame.x), Infinity);
    expect(region.x).toBe(Math.min(0, frames) - 40);
  });

  it('the selection: only the selected cards and the links between them, no frames', () => {
    const { doc, success, lesson, note } = board();
    const both = sceneData(doc, 'selection', new Set([success, lesson]));
    expect(both.cards.map((card) => card.id).sort()).toEqual([success, lesson].sort());
    expect(both.frames).toEqual([]);
    expect(both.links).toHaveLength(1);
    const one = sceneData(doc, 'selection', new Set([note]));
    expect(one.links).toEqual([]);
    expect(areaRegion(one, 'selection', null)).toEqual({ x: -40, y: 460, w: 320, h: 230 });
    expect(areaRegion(sceneData(doc, 'selection', new Set()), 'selection', null)).toBeNull();
  });

  it('the view: the visible region as it is', () => {
    const { doc } = board();
    const view = { x: 10, y: 20, w: 800, h: 600 };
    expect(areaRegion(sceneData(doc, 'view', new Set()), 'view', view)).toEqual(view);
    expect(areaRegion(sceneData(doc, 'view', new Set()), 'view', null)).toBeNull();
  });
});
