import { describe, expect, it } from 'vitest';
import { addCard, deleteCards, drawnLinks, linkCards, readCards, newBoardDocs, type BoardDocs } from '@benchlearn/shared';
import { arrangeGroups, outlineModel, shortText } from './model';
import type { Card } from '@benchlearn/shared';

const author = { authorId: 'ann', authorName: 'Ann' };

function sampleBoard() {
  const board = newBoardDocs();
  const lesson = addCard(board, { kind: 'lesson', x: 0, y: 500, text: 'Start small', ...author });
  const lessonTop = addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Ask early', ...author });
  const success = addCard(board, { kind: 'success', x: 300, y: 0, text: 'Bikes', ...author });
  const problem = addCard(board, { kind: 'problem', x: 0, y: 0, text: 'Rain', ...author });
  const note = addCard(board, { kind: 'note', x: 0, y: 0, text: 'n', ...author });
  return { board, lesson, lessonTop, success, problem, note };
}

const model = (board: BoardDocs) => {
  const cards = readCards(board);
  return outlineModel(cards, drawnLinks(board, cards));
};

describe('the outline model', () => {
  it('groups cards lessons first, each group in reading order', () => {
    const { board, lesson, lessonTop, success, problem, note } = sampleBoard();
    const { groups } = model(board);
    expect(groups.map((g) => [g.kind, g.cards.map((c) => c.id)])).toEqual([
      ['lesson', [lessonTop, lesson]],
      ['success', [success]],
      ['problem', [problem]],
      ['note', [note]],
    ]);
  });

  it('lists under each lesson the cards linked to it, and what each card links to', () => {
    const { board, lesson, lessonTop, success, problem } = sampleBoard();
    linkCards(board, problem, lesson, 'ann');
    linkCards(board, success, lesson, 'ann');
    linkCards(board, success, lessonTop, 'ann');
    const m = model(board);
    expect(m.linksByLesson.get(lesson)?.map((l) => l.from)).toEqual([success, problem]);
    expect([...(m.lessonsByCard.get(success) ?? [])].sort()).toEqual([lesson, lessonTop].sort());
    expect(m.linksByLesson.get(success)).toBeUndefined();
  });

  it('drops links whose card is gone', () => {
    const { board, lesson, success } = sampleBoard();
    linkCards(board, success, lesson, 'ann');
    deleteCards(board, [success]);
    expect(model(board).linksByLesson.get(lesson)).toBeUndefined();
  });

  it('shortens text for option labels', () => {
    expect(shortText('  a\n b  ')).toBe('a b');
    expect(shortText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('arrangeGroups', () => {
  const card = (id: string): Card => ({ id, kind: 'lesson', text: '', x: 0, y: 0, w: 100, h: 100, z: 'a0', authorId: 'a', authorName: 'Ann', createdAt: 0 });
  const groups = [{ kind: 'lesson' as const, cards: [card('a'), card('b'), card('c')] }];

  it('puts the most dotted cards first once votes are revealed (ties keep reading order)', () => {
    const votes: Record<string, number> = { a: 1, b: 3, c: 1 };
    expect(arrangeGroups(groups, null, (id) => votes[id] ?? 0)[0]!.cards.map((c) => c.id)).toEqual(['b', 'a', 'c']);
  });

  it("keeps only the finder's matches", () => {
    expect(arrangeGroups(groups, new Set(['c']), null)[0]!.cards.map((c) => c.id)).toEqual(['c']);
  });
});
