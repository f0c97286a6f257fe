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

  it('shows emphasis as its words, without the asterisks, in both languages', () => {
    for (const [locale, words] of [
      ['en', 'No successes or problems linked yet.'],
      ['nl', 'Nog geen successen of problemen gekoppeld.'],
    ] as const) {
      const board = newBoardDocs();
      initBoard(board, { title: 'Lonely', template: 'blank', locale, createdAt: 0 });
      addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'A lesson on its own', authorId: 'u-ann', authorName: 'Ann' });
      const blocks = reportBlocks(exportMarkdown(board, { now: 0 }));
      expect(blocks).toContainEqual({ kind: 'p', text: words });
      expect(blocks.filter((block) => block.text.includes('*'))).toEqual([]);
    }
    // A card's own asterisks stay: they are escaped in the Markdown, so not emphasis.
    expect(reportBlocks('\\*starred\\*')).toEqual([{ kind: 'p', text: '*starred*' }]);
  });

  it('takes only Markdown escapes off', () => {
    expect(unescapeMarkdown('a \\* b \\\\ c \\q')).toBe('a * b \\ c \\q');
  });

  it('knows which characters the PDF standard fonts have', () => {
    expect([...'Zürich — “ok” € 5'].every(isWinAnsi)).toBe(true);
    expect([...'Łł😀漢Ω\t'].filter(isWinAnsi)).toEqual([]);
  });
});
