import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, deleteCards, drawnLinks, linkCards, readCards } from '@benchlearn/shared';
import { outlineModel, shortText } from './model';

const author = { authorId: 'ann', authorName: 'Ann' };

function board() {
  const doc = new Y.Doc();
  const lesson = addCard(doc, { kind: 'lesson', x: 0, y: 500, text: 'Start small', ...author });
  const lessonTop = addCard(doc, { kind: 'lesson', x: 0, y: 0, text: 'Ask early', ...author });
  const success = addCard(doc, { kind: 'success', x: 300, y: 0, text: 'Bikes', ...author });
  const problem = addCard(doc, { kind: 'problem', x: 0, y: 0, text: 'Rain', ...author });
  const note = addCard(doc, { kind: 'note', x: 0, y: 0, text: 'n', ...author });
  return { doc, lesson, lessonTop, success, problem, note };
}

const model = (doc: Y.Doc) => {
  const cards = readCards(doc);
  return outlineModel(cards, drawnLinks(doc, cards));
};

describe('the outline model', () => {
  it('groups cards lessons first, each group in reading order', () => {
    const { doc, lesson, lessonTop, success, problem, note } = board();
    const { groups } = model(doc);
    expect(groups.map((g) => [g.kind, g.cards.map((c) => c.id)])).toEqual([
      ['lesson', [lessonTop, lesson]],
      ['success', [success]],
      ['problem', [problem]],
      ['note', [note]],
    ]);
  });

  it('lists under each lesson the cards linked to it, and what each card links to', () => {
    const { doc, lesson, lessonTop, success, problem } = board();
    linkCards(doc, problem, lesson, 'ann');
    linkCards(doc, success, lesson, 'ann');
    linkCards(doc, success, lessonTop, 'ann');
    const m = model(doc);
    expect(m.linksByLesson.get(lesson)?.map((l) => l.from)).toEqual([success, problem]);
    expect([...(m.lessonsByCard.get(success) ?? [])].sort()).toEqual([lesson, lessonTop].sort());
    expect(m.linksByLesson.get(success)).toBeUndefined();
  });

  it('drops links whose card is gone', () => {
    const { doc, lesson, success } = board();
    linkCards(doc, success, lesson, 'ann');
    deleteCards(doc, [success]);
    expect(model(doc).linksByLesson.get(lesson)).toBeUndefined();
  });

  it('shortens text for option labels', () => {
    expect(shortText('  a\n b  ')).toBe('a b');
    expect(shortText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
