import { describe, expect, it } from 'vitest';
import { addCard, initBoard, linkCards, newBoardDocs, setAnonymous, setVote, startVoting } from '../index';
import { libraryDrafts } from './index';

function board() {
  const docs = newBoardDocs();
  initBoard(docs, { title: 'Zwolle', template: 'blank', organisations: [], locale: 'nl', createdAt: 1 });
  const who = { authorId: 'u-ann', authorName: 'Ann' };
  const lesson = addCard(docs, { kind: 'lesson', x: 0, y: 0, text: 'Begin klein', org: 'Zwolle', ...who });
  const lone = addCard(docs, { kind: 'lesson', x: 0, y: 0, text: 'Alleen', ...who });
  const problem = addCard(docs, { kind: 'problem', x: 0, y: 0, text: 'Te groot begonnen', org: 'Delft', authorId: 'u-bob', authorName: 'Bob' });
  const note = addCard(docs, { kind: 'note', x: 0, y: 0, text: 'Zie ook', ...who });
  linkCards(docs, problem, lesson, 'u-bob');
  linkCards(docs, note, lesson, 'u-ann');
  setVote(docs, lesson, 'u-ann', 2);
  return { docs, lesson, lone, problem };
}

describe('libraryDrafts', () => {
  it('takes every linked lesson by default, with its evidence, organisations, votes, names and tags', () => {
    const { docs, lesson } = board();
    const [draft, ...rest] = libraryDrafts(docs, { boardId: 'b1', now: 7, tags: [' Start ', 'start', ''] });
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({
      lessonId: lesson,
      text: 'Begin klein',
      organisation: 'Zwolle',
      votes: 2,
      author: 'Ann',
      organisations: ['Delft', 'Zwolle'],
      tags: ['start'],
      boardId: 'b1',
      boardTitle: 'Zwolle',
      language: 'nl',
      publishedAt: 7,
    });
    expect(draft?.evidence.map((item) => [item.kind, item.text, item.author])).toEqual(
      expect.arrayContaining([
        ['problem', 'Te groot begonnen', 'Bob'],
        ['note', 'Zie ook', 'Ann'],
      ]),
    );
  });

  it('takes the lessons asked for, linked or not, and skips cards that are no lessons', () => {
    const { docs, lone, problem } = board();
    expect(libraryDrafts(docs, { boardId: 'b', now: 1, lessons: [lone, problem] }).map((draft) => draft.text)).toEqual(['Alleen']);
  });

  it('leaves out names in anonymous mode and votes of a round not yet revealed', () => {
    const { docs, lesson } = board();
    setAnonymous(docs, true);
    startVoting(docs, { kinds: ['lesson'], dots: 3, stack: true });
    setVote(docs, lesson, 'u-bob', 1);
    const [draft] = libraryDrafts(docs, { boardId: 'b', now: 1 });
    expect(draft?.author).toBeUndefined();
    expect(draft?.evidence.some((item) => item.author !== undefined)).toBe(false);
    expect(draft?.votes).toBe(0);
  });
});
