import { describe, expect, it } from 'vitest';
import { newBoardDocs } from '../board/doc';
import { addCard, initBoard, linkCards } from '../board';
import { csvCell, CSV_COLUMNS, CSV_LESSON_SEPARATOR, exportCsv } from './index';
import { HOSTILE_TEXT, sampleBoard } from './testing';

/** A small RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  expect(quoted).toBe(false);
  expect(cell).toBe('');
  return rows;
}

describe('csvCell', () => {
  it('quotes per RFC 4180: commas, quotes (doubled), CR and LF', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
    expect(csvCell('')).toBe('');
  });

  it('defuses formulas: =, +, -, @, tab and CR at the start get an apostrophe', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('a=1')).toBe('a=1');
  });
});

describe('exportCsv', () => {
  it('writes a header and one row per card with kind, text, organisation, author, votes, created and the linked lessons’ text', () => {
    const { board, ids } = sampleBoard();
    const text = exportCsv(board);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(9);
    // An id may start with '-' (nanoid's alphabet): then it is defused like any cell.
    const plainId = (cell: string) => cell.replace(/^'(?=-)/, '');
    const byId = new Map(rows.slice(1).map((row) => [plainId(row[0]!), row.map((cell, i) => (i === 0 ? plainId(cell) : cell))]));
    expect(byId.get(ids.problem1)).toEqual([
      ids.problem1,
      'problem',
      'Nobody owned the backlog, so "urgent" meant everything',
      '',
      'Bob',
      '0',
      '2025-01-31T10:00:00.000Z',
      // The lessons in reading order, by their text (not their ids).
      ['Plan the retro with the whole team', 'Write *things* down\n# right away'].join(CSV_LESSON_SEPARATOR),
      '',
    ]);
    expect(byId.get(ids.lesson2)?.slice(1, 6)).toEqual(['lesson', 'Write *things* down\n# right away', '', 'Bob', '3']);
    expect(byId.get(ids.success2)?.slice(2, 4)).toEqual(["'=SUM(A1:A9)", 'Regio Noord']);
    expect(byId.get(ids.problem2)?.slice(2, 4)).toEqual([HOSTILE_TEXT, 'Evil, Inc.']);
    expect(byId.get(ids.note2)?.[2]).toBe("'- not a list item\n1. not a numbered one");
    expect(byId.get(ids.success1)?.[7]).toBe('Plan the retro with the whole team');
    expect(byId.get(ids.lesson1)?.[7]).toBe('');
  });

  it('writes the header and the kinds in the board’s language', () => {
    const { board, ids } = sampleBoard('nl');
    const rows = parseCsv(exportCsv(board));
    expect(rows[0]).toEqual(['id', 'soort', 'tekst', 'organisatie', 'auteur', 'stemmen', 'gemaakt', 'gekoppelde_lessen', 'bron']);
    const kindOf = (id: string) => rows.find((row) => row[0]!.replace(/^'/, '') === id)?.[1];
    expect([kindOf(ids.success1), kindOf(ids.problem1), kindOf(ids.lesson1), kindOf(ids.note1)]).toEqual(['succes', 'probleem', 'les', 'notitie']);
  });

  it('starts with a byte order mark when asked (spreadsheets then read accents right)', () => {
    const { board } = sampleBoard();
    expect(exportCsv(board, { bom: true }).startsWith('\uFEFFid,kind,')).toBe(true);
    expect(exportCsv(board).startsWith('id,kind,')).toBe(true);
  });
});

describe('exportCsv ids', () => {
  it('defuses an id that starts with "-" like any other cell (nanoid ids may); an empty lesson is named as such', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 't', template: 'blank', locale: 'en' });
    const lesson = addCard(board, { kind: 'lesson', x: 0, y: 0, authorId: 'a', authorName: 'A' }, '-lessonAAAAAAAAAAAAAA', 0);
    const success = addCard(board, { kind: 'success', x: 0, y: 0, authorId: 'a', authorName: 'A' }, '-successAAAAAAAAAAAAA', 0);
    linkCards(board, success, lesson, 'a');
    expect(parseCsv(exportCsv(board)).slice(1)).toEqual([
      ["'-lessonAAAAAAAAAAAAAA", 'lesson', '', '', 'A', '0', '1970-01-01T00:00:00.000Z', '', ''],
      ["'-successAAAAAAAAAAAAA", 'success', '', '', 'A', '0', '1970-01-01T00:00:00.000Z', '(empty card)', ''],
    ]);
  });
});

describe('exportCsv sources', () => {
  it('names where a lesson placed from the library came from: board, entry and version, in the board’s language', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 't', template: 'blank', locale: 'nl' });
    const source = { entryId: 'e1', version: 2, networkId: 'n1', boardTitle: 'Zwolle, maart', evidence: 3 };
    addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Begin klein', authorId: 'a', authorName: 'A', source });
    const [header, row] = parseCsv(exportCsv(board));
    expect(header?.at(-1)).toBe('bron');
    expect(row?.at(-1)).toBe('uit Zwolle, maart (bibliotheekitem e1, versie 2)');
  });
});
