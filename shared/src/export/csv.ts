import type { BoardDocs } from '../board/doc';
import { drawnLinks, readCards } from '../board/read';
import { readShownCards } from '../board/session';
import { votesTotal } from '../board/votes';

export const CSV_COLUMNS = ['id', 'kind', 'text', 'organisation', 'author', 'votes', 'created', 'linked_lessons'] as const;

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

/**
 * One row per card, in stacking order, under a header row: id, kind, text, organisation,
 * author, votes (total), created (ISO-8601), linked lesson ids (space separated, for
 * successes, problems and notes; empty for lessons). CRLF line ends, as RFC 4180 says.
 */
export function exportCsv(board: BoardDocs, options: CsvOptions = {}): string {
  // Names and hidden votes stay out as the board shows them (anonymous mode, a hidden round).
  const cards = readShownCards(board, readCards(board));
  const lessonsOf = new Map<string, string[]>();
  for (const link of drawnLinks(board, cards)) {
    const list = lessonsOf.get(link.from) ?? [];
    list.push(link.to);
    lessonsOf.set(link.from, list);
  }
  const rows = [CSV_COLUMNS.join(',')];
  for (const card of cards) {
    const created = Number.isFinite(card.createdAt) && Math.abs(card.createdAt) < 8.64e15 ? new Date(card.createdAt).toISOString() : '';
    rows.push(
      [card.id, card.kind, card.text, card.org ?? '', card.authorName, String(votesTotal(card.votes)), created, (lessonsOf.get(card.id) ?? []).join(' ')]
        .map(csvCell)
        .join(','),
    );
  }
  return `${options.bom ? '\uFEFF' : ''}${rows.join('\r\n')}\r\n`;
}
