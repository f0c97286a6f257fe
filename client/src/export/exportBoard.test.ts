import { describe, expect, it } from 'vitest';
import { addCard, initBoard, linkCards, newBoardDocs } from '@benchlearn/shared';
import { BoardStore } from '../editor/boardStore';
import { areaRegion, sceneData } from './exportBoard';

function sampleBoard() {
  const board = newBoardDocs();
  initBoard(board, { title: 'T', template: 'benchlearning', locale: 'en', createdAt: 0 });
  const who = { authorId: 'u', authorName: 'U' };
  const success = addCard(board, { kind: 'success', x: 0, y: 0, w: 240, h: 150, text: 'a', ...who });
  const lesson = addCard(board, { kind: 'lesson', x: 1000, y: 0, w: 240, h: 150, text: 'b', ...who });
  const note = addCard(board, { kind: 'note', x: 0, y: 500, w: 240, h: 150, text: 'c', ...who });
  linkCards(board, success, lesson, 'u');
  // Exports read the board through the editor's read model, as the page has it.
  return { board: new BoardStore(board), success, lesson, note };
}

describe('what a picture export shows', () => {
  it('the whole board: every card, frame and link, with the margin', () => {
    const { board } = sampleBoard();
    const data = sceneData(board, 'board', new Set());
    expect(data.cards).toHaveLength(3);
    expect(data.frames.length).toBeGreaterThan(0);
    expect(data.links).toHaveLength(1);
    const region = areaRegion(data, 'board', null)!;
    const frames = data.frames.reduce((min, frame) => Math.min(min, frame.x), Infinity);
    expect(region.x).toBe(Math.min(0, frames) - 40);
  });

  it('the selection: only the selected cards and the links between them, no frames', () => {
    const { board, success, lesson, note } = sampleBoard();
    const both = sceneData(board, 'selection', new Set([success, lesson]));
    expect(both.cards.map((card) => card.id).sort()).toEqual([success, lesson].sort());
    expect(both.frames).toEqual([]);
    expect(both.links).toHaveLength(1);
    const one = sceneData(board, 'selection', new Set([note]));
    expect(one.links).toEqual([]);
    expect(areaRegion(one, 'selection', null)).toEqual({ x: -40, y: 460, w: 320, h: 230 });
    expect(areaRegion(sceneData(board, 'selection', new Set()), 'selection', null)).toBeNull();
  });

  it('the view: the visible region as it is', () => {
    const { board } = sampleBoard();
    const view = { x: 10, y: 20, w: 800, h: 600 };
    expect(areaRegion(sceneData(board, 'view', new Set()), 'view', view)).toEqual(view);
    expect(areaRegion(sceneData(board, 'view', new Set()), 'view', null)).toBeNull();
  });
});

describe('exports read the editor’s read model', () => {
  it('takes the cards, frames and links the store holds, not a second read of the documents', () => {
    const { board } = sampleBoard();
    const held = board.getCards().slice(0, 1);
    let reads = 0;
    const store = {
      board: board.board,
      getCards: () => {
        reads += 1;
        return held;
      },
      getFrames: () => [],
      getLinks: () => [],
    };
    const data = sceneData(store, 'board', new Set());
    expect(reads).toBe(1);
    expect(data.cards.map((card) => card.text)).toEqual(['a']);
    expect(data.frames).toEqual([]);
  });
});
