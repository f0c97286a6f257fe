import type { BoardDocs } from '../board/doc';
import { drawnLinks, readCards, readMeta } from '../board/read';
import { readShownCards } from '../board/session';
import { votesTotal } from '../board/votes';
import { REPORT_STRINGS } from './strings';

export const CSV_COLUMNS = ['id', 'kind', 'text', 'organisation', 'author', 'votes', 'created', 'linked_lessons', 'source'] as const;

/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: a leading apostrophe when a spreadsheet would take it for a formula (the
 * apostrophe shows the text as typed), then RFC 4180 quoting when it holds a comma, a quote,
 * CR or LF (quotes doubled).
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so spreadsheet programs read accents right. Default false. */
  bom?: boolean;
}

/** Between two linked lessons in one cell: each lesson's text on lines of its own. */
export const CSV_LESSON_SEPARATOR = '\n---\n';

/**
 * One row per card, in stacking order, under a header row in the board's language (CSV_COLUMNS
 * in English): id, kind (in the board's language), text, organisation, author, votes (total),
 * created (ISO-8601), the text of the linked lessons (for successes, problems and notes, in the
 * lessons' reading order, CSV_LESSON_SEPARATOR between two; empty for lessons), and where a lesson
 * placed from the network's library came from (its board, entry and version; else empty). CRLF line ends,
 * as RFC 4180 says.
 */
export function exportCsv(board: BoardDocs, options: CsvOptions = {}): string {
  const t = REPORT_STRINGS[readMeta(board).locale];
  // Names and hidden votes stay out as the board shows them (anonymous mode, a hidden round).
  const cards = readShownCards(board, readCards(board));
  const byId = new Map(cards.map((card) => [card.id, card]));
  const lessonsOf = new Map<string, string[]>();
  for (const link of drawnLinks(board, cards)) {
    const list = lessonsOf.get(link.from) ?? [];
    list.push(link.to);
    lessonsOf.set(link.from, list);
  }
  const lessonTexts = (id: string) =>
    (lessonsOf.get(id) ?? [])
      .map((lessonId) => byId.get(lessonId))
      .filter((lesson) => lesson !== undefined)
      .sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
      .map((lesson) => lesson.text.trim() || t.empty)
      .join(CSV_LESSON_SEPARATOR);
  const rows = [t.csvColumns.join(',')];
  for (const card of cards) {
    const created = Number.isFinite(card.createdAt) && Math.abs(card.createdAt) < 8.64e15 ? new Date(card.createdAt).toISOString() : '';
    rows.push(
      [
        card.id,
        t.csvKinds[card.kind],
        card.text,
        card.org ?? '',
        card.authorName,
        String(votesTotal(card.votes)),
        created,
        lessonTexts(card.id),
        card.source ? t.source(card.source.boardTitle, card.source.entryId, card.source.version) : '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${options.bom ? '\uFEFF' : ''}${rows.join('\r\n')}\r\n`;
}
