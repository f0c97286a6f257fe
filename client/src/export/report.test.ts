import { describe, expect, it } from 'vitest';
import { addCard, exportMarkdown, initBoard, linkCards, setVote, newBoardDocs } from '@benchlearn/shared';
import { isWinAnsi, reportBlocks, unescapeMarkdown } from './report';

describe('the lessons report for the PDF', () => {
  it('reads shared’s Markdown back into headings, paragraphs and list items, unescaped', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'Q3 retro', template: 'blank', locale: 'en', createdAt: 0 });
    const ann = { authorId: 'u-ann', authorName: 'Ann' };
    const lesson = addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Write *things* down\n# right away', authorId: 'u-bob', authorName: 'Bob' });
    const problem = addCard(board, { kind: 'problem', x: 0, y: 200, text: 'Nobody owned it', ...ann });
    addCard(board, {
      kind: 'problem',
      x: 300,
      y: 200,
      text: '</text><image href=x onerror=alert(1)> <script>alert(2)</script> & "quotes"',
      org: 'Evil, Inc.',
      ...ann,
    });
    addCard(board, { kind: 'note', x: 0, y: 400, text: '- not a list item\n1. not a numbered one', ...ann });
    linkCards(board, problem, lesson, 'u-ann');
    setVote(board, lesson, 'u-ann', 3);
    const blocks = reportBlocks(exportMarkdown(board, { now: Date.UTC(2025, 0, 31) }));
    expect(blocks[0]).toEqual({ kind: 'h1', text: 'Lessons report: Q3 retro' });
    expect(blocks).toContainEqual({ kind: 'h3', text: 'Lesson 1 · 3 votes' });
    expect(blocks).toContainEqual({ kind: 'p', text: 'Write *things* down\n# right away — Bob' });
    expect(blocks).toContainEqual({ kind: 'h4', text: 'Problems' });
    expect(blocks).toContainEqual({ kind: 'li', text: '</text><image href=x onerror=alert(1)> <script>alert(2)</script> & "quotes" — Evil, Inc., Ann' });
    expect(blocks).toContainEqual({ kind: 'li', text: '- not a list item\n1. not a numbered one — Ann' });
  });

  it('takes only Markdown escapes off', () => {
    expect(unescapeMarkdown('a \\* b \\\\ c \\q')).toBe('a * b \\ c \\q');
  });

  it('knows which characters the PDF standard fonts have', () => {
    expect([...'Zürich — “ok” € 5'].every(isWinAnsi)).toBe(true);
    expect([...'Łł😀漢Ω\t'].filter(isWinAnsi)).toEqual([]);
  });
});
