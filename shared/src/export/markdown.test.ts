import { describe, expect, it } from 'vitest';
import { escapeMarkdownLine, exportMarkdown } from './index';
import { HOSTILE_TEXT, sampleBoard } from './testing';
import { setVote } from '../board/votes';
import { addCard, initBoard, newBoardDocs } from '../index';

const NOW = Date.UTC(2025, 1, 3, 12);

describe('exportMarkdown', () => {
  it('counts in words that read right for one and for many, in both languages', () => {
    const en = sampleBoard('en').board;
    const nl = sampleBoard('nl').board;
    for (const [board, expected] of [
      [en, '2 lessons · 2 successes · 2 problems · 2 notes'],
      [nl, '2 lessen · 2 successen · 2 problemen · 2 notities'],
    ] as const) {
      expect(exportMarkdown(board, { now: NOW })).toContain(expected);
    }
    const emptied = sampleBoard('en').board;
    const cards = emptied.content.getMap('cards');
    const notes = [...cards.entries()].filter(([, card]) => (card as { get(k: string): unknown }).get('kind') === 'note');
    cards.delete(notes[0]![0]);
    expect(exportMarkdown(emptied, { now: NOW })).toContain('· 1 note\n');
  });

  it('writes the lessons report: lessons by votes with their linked cards, then unlinked successes and problems, then notes', () => {
    const { board, ids } = sampleBoard('en');
    // Dots on problems count in the report too.
    setVote(board, ids.problem1, 'u-ann', 2);
    setVote(board, ids.problem2, 'u-bob', 1);
    const report = exportMarkdown(board, { now: NOW });
    expect(report).toBe(
      [
        '# Lessons report: Q3 retro',
        '',
        'Exported on 3 February 2025 · 2 lessons · 2 successes · 2 problems · 2 notes',
        '',
        '## Lessons',
        '',
        '### Lesson 1 · 3 votes',
        '',
        'Write \\*things\\* down  ',
        '\\# right away — Bob',
        '',
        '**Problems**',
        '',
        '- Nobody owned the backlog, so "urgent" meant everything — Bob · 2 votes',
        '',
        '**Notes**',
        '',
        '- Ask the regions, too — Ann',
        '',
        '### Lesson 2 · 1 vote',
        '',
        'Plan the retro with the whole team — Ann',
        '',
        '**Successes**',
        '',
        '- Daily stand-up works — Gemeente Utrecht, Ann',
        '',
        '**Problems**',
        '',
        '- Nobody owned the backlog, so "urgent" meant everything — Bob · 2 votes',
        '',
        '## Successes not linked to a lesson',
        '',
        '- =SUM(A1:A9) — Regio Noord, Bob',
        '',
        '## Problems not linked to a lesson',
        '',
        '- \\</text\\>\\<image href=x onerror=alert(1)\\> \\<script\\>alert(2)\\</script\\> & "quotes" — Evil, Inc., Ann · 1 vote',
        '',
        '## Notes',
        '',
        '- \\- not a list item  ',
        '  1\\. not a numbered one — Ann',
        '',
      ].join('\n'),
    );
  });

  it('is in the board language', () => {
    const report = exportMarkdown(sampleBoard('nl').board, { now: NOW });
    expect(report).toContain('# Lessenrapport: Q3 retro');
    expect(report).toContain('Geëxporteerd op 3 februari 2025 · 2 lessen · 2 successen · 2 problemen · 2 notities');
    expect(report).toContain('### Les 1 · 3 stemmen');
    expect(report).toContain('### Les 2 · 1 stem');
    expect(report).toContain('## Successen die niet aan een les gekoppeld zijn');
    expect(report).not.toMatch(/Lesson|Successes|Problems/);
  });

  it('keeps card text from breaking the layout', () => {
    expect(HOSTILE_TEXT).toContain('<script>');
    expect(escapeMarkdownLine('## heading')).toBe('\\## heading');
    expect(escapeMarkdownLine('=SUM(A1)')).toBe('=SUM(A1)');
    expect(escapeMarkdownLine('> quote')).toBe('\\> quote');
    expect(escapeMarkdownLine('+ item')).toBe('\\+ item');
    expect(escapeMarkdownLine('12) item')).toBe('12\\) item');
    expect(escapeMarkdownLine('[link](http://x) ![img](y)')).toBe('\\[link\\](http://x) !\\[img\\](y)');
    expect(escapeMarkdownLine('`code` **bold** _em_ ~~strike~~ a|b')).toBe('\\`code\\` \\*\\*bold\\*\\* \\_em\\_ \\~\\~strike\\~\\~ a\\|b');
    expect(escapeMarkdownLine('&amp; &#60; R&D')).toBe('\\&amp; \\&#60; R&D');
    expect(escapeMarkdownLine('    indented code')).toBe('indented code');
    expect(escapeMarkdownLine('back\\slash')).toBe('back\\\\slash');
    expect(escapeMarkdownLine('===')).toBe('\\===');
  });
});

describe('exportMarkdown from a reader’s cards', () => {
  it('reports the cards and links it is given (the client’s read model), not a second read of the documents', () => {
    const { board, ids } = sampleBoard('en');
    const cards = [...board.content.getMap('cards').keys()].length;
    expect(cards).toBe(8);
    const report = exportMarkdown(board, {
      now: NOW,
      cards: [
        { id: ids.lesson1, kind: 'lesson', x: 0, y: 0, w: 240, h: 150, z: 'a0', text: 'Only this lesson', authorId: 'u-ann', authorName: 'Ann', createdAt: 0 },
      ],
      links: [],
    });
    expect(report).toContain('1 lesson · 0 successes · 0 problems · 0 notes');
    expect(report).toContain('Only this lesson');
    expect(report).not.toContain('Daily stand-up works');
  });
});

describe('exportMarkdown sources', () => {
  it('says under a lesson placed from the library where it came from: board, entry and version', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 't', template: 'blank', locale: 'en' });
    const source = { entryId: 'e1', version: 2, networkId: 'n1', boardTitle: 'Zwolle *March*', evidence: 3 };
    addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Start small', authorId: 'a', authorName: 'A', source });
    addCard(board, { kind: 'lesson', x: 0, y: 9, text: 'Our own', authorId: 'a', authorName: 'A' });
    const report = exportMarkdown(board, { now: NOW });
    expect(report).toContain('Start small — A\n\n*from Zwolle \\*March\\* (library entry e1, version 2)*\n');
    expect(report.match(/library entry/g)).toHaveLength(1);
  });
});
