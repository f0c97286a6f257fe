/** A small board for the export tests: every kind, links, votes, a frame and hostile text. */
import { newBoardDocs, type BoardDocs } from '../board/doc';
import { addCard } from '../board/cards';
import { initBoard } from '../board/create';
import { linkCards } from '../board/links';
import { setVote } from '../board/votes';
import type { Locale } from '../model/schemas';

export const HOSTILE_TEXT = '</text><image href=x onerror=alert(1)> <script>alert(2)</script> & "quotes"';

export interface SampleBoard {
  board: BoardDocs;
  ids: Record<'lesson1' | 'lesson2' | 'success1' | 'success2' | 'problem1' | 'problem2' | 'note1' | 'note2', string>;
}

export function sampleBoard(locale: Locale = 'en'): SampleBoard {
  const board = newBoardDocs();
  initBoard(board, { title: 'Q3 retro', template: 'benchlearning', locale, createdAt: Date.UTC(2025, 0, 31, 9) });
  const ann = { authorId: 'u-ann', authorName: 'Ann' };
  const bob = { authorId: 'u-bob', authorName: 'Bob' };
  const at = Date.UTC(2025, 0, 31, 10);
  const card = (kind: 'success' | 'problem' | 'lesson' | 'note', x: number, y: number, text: string, who = ann, org?: string) =>
    addCard(board, { kind, x, y, text, org, ...who }, undefined, at);
  const ids = {
    lesson1: card('lesson', 1640, 100, 'Plan the retro with the whole team'),
    lesson2: card('lesson', 1640, 300, 'Write *things* down\n# right away', bob),
    success1: card('success', 20, 100, 'Daily stand-up works', ann, 'Gemeente Utrecht'),
    success2: card('success', 20, 300, '=SUM(A1:A9)', bob, 'Regio Noord'),
    problem1: card('problem', 840, 100, 'Nobody owned the backlog, so "urgent" meant everything', bob),
    problem2: card('problem', 840, 300, HOSTILE_TEXT, ann, 'Evil, Inc.'),
    note1: card('note', 840, 500, 'Ask the regions, too'),
    note2: card('note', 20, 700, '- not a list item\n1. not a numbered one'),
  };
  linkCards(board, ids.success1, ids.lesson1, 'u-ann', at);
  linkCards(board, ids.problem1, ids.lesson1, 'u-bob', at, 'caused by');
  linkCards(board, ids.problem1, ids.lesson2, 'u-bob', at);
  linkCards(board, ids.note1, ids.lesson2, 'u-ann', at);
  setVote(board, ids.lesson2, 'u-ann', 2);
  setVote(board, ids.lesson2, 'u-bob', 1);
  setVote(board, ids.lesson1, 'u-ann', 1);
  return { board, ids };
}
