import type { BoardDocs } from '../board/doc';
import { drawnLinks, readCards, readMeta } from '../board/read';
import { readShownCards } from '../board/session';
import { votesTotal } from '../board/votes';
import type { Card, CardKind, Link } from '../model/schemas';
import { formatDate, REPORT_STRINGS } from './strings';

/**
 * Escapes one line of card text so it stays text in any Markdown viewer: no emphasis, code,
 * links, HTML, entities or tables, and no block syntax (heading, quote, list, rule) at its
 * start. Only characters that can start syntax are escaped, so the file stays readable as-is.
 */
export function escapeMarkdownLine(line: string): string {
  let out = line
    .replace(/\t/g, ' ')
    .trimStart()
    .replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // Block syntax only counts at the start of a line.
  out = out
    .replace(/^([#+-])/, '\\$1')
    .replace(/^(=+\s*)$/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

/** Card text as Markdown lines: escaped, blank lines dropped (they would end the list item). */
function textLines(text: string, empty: string): string[] {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map(escapeMarkdownLine)
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0);
  return lines.length > 0 ? lines : [empty];
}

/** Where a card sits on the board: top to bottom, then left to right. */
function readingOrder(a: Card, b: Card): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function byline(card: Card): string {
  const who = [card.org, card.authorName]
    .map((part) => part?.replace(/\s+/g, ' ').trim())
    .filter((part): part is string => !!part)
    .map(escapeMarkdownLine);
  return who.length > 0 ? ` — ${who.join(', ')}` : '';
}

export interface MarkdownOptions {
  /** The date the report names (ms); default now. */
  now?: number;
  /**
   * The board's cards as a reader already holds them (the client's editor read model, in
   * stacking order); default: read from the documents. Shown as everyone may see them either way.
   */
  cards?: readonly Card[];
  /** The drawn links among `cards`, when the reader holds them too; default: read from the documents. */
  links?: readonly Link[];
}

/**
 * The lessons report in the board's language: each lesson (most votes first) with its votes
 * and the successes, problems and notes linked to it; then successes and problems not linked
 * to any lesson; then the notes not linked to any lesson.
 */
export function exportMarkdown(board: BoardDocs, options: MarkdownOptions = {}): string {
  const meta = readMeta(board);
  const t = REPORT_STRINGS[meta.locale];
  // Names and hidden votes stay out as the board shows them (anonymous mode, a hidden round).
  const cards = readShownCards(board, options.cards ?? readCards(board));
  const links = options.links ?? drawnLinks(board, cards);
  const byId = new Map(cards.map((card) => [card.id, card]));
  const linkedTo = new Map<string, Card[]>();
  const linked = new Set<string>();
  for (const link of links) {
    const from = byId.get(link.from);
    if (!from || !byId.has(link.to)) continue;
    linked.add(from.id);
    const list = linkedTo.get(link.to) ?? [];
    list.push(from);
    linkedTo.set(link.to, list);
  }
  const ofKind = (kind: CardKind) => cards.filter((card) => card.kind === kind).sort(readingOrder);
  const lessons = ofKind('lesson').sort((a, b) => votesTotal(b.votes) - votesTotal(a.votes) || readingOrder(a, b));
  const counts = { lesson: lessons.length, success: 0, problem: 0, note: 0 };
  for (const card of cards) if (card.kind !== 'lesson') counts[card.kind] += 1;

  const out: string[] = [];
  const title = escapeMarkdownLine(meta.title.replace(/\s+/g, ' ').trim());
  out.push(`# ${t.reportTitle(title)}`, '', `${t.exportedOn(formatDate(options.now ?? Date.now(), meta.locale))} · ${t.summary(counts)}`, '');

  const item = (card: Card) => {
    const [first, ...rest] = textLines(card.text, t.empty);
    const lines = [`- ${first}`, ...rest.map((line) => `  ${line}`)];
    // Dots on a success or problem count too (a vote on the problems to work on first).
    const votes = votesTotal(card.votes);
    lines[lines.length - 1] += byline(card) + (votes > 0 ? ` · ${t.votes(votes)}` : '');
    // Two trailing spaces: a hard line break inside the list item.
    return lines.join('  \n');
  };
  const list = (items: Card[]) => (items.length > 0 ? items.map(item) : [t.none]);

  out.push(`## ${t.lessons}`, '');
  if (lessons.length === 0) out.push(t.noLessons, '');
  lessons.forEach((lesson, i) => {
    out.push(`### ${t.lesson(i + 1)} · ${t.votes(votesTotal(lesson.votes))}`, '');
    out.push(textLines(lesson.text, t.empty).join('  \n') + byline(lesson), '');
    const { source } = lesson;
    if (source) out.push(`*${escapeMarkdownLine(t.source(source.boardTitle.replace(/\s+/g, ' ').trim(), source.entryId, source.version))}*`, '');
    const attached = (linkedTo.get(lesson.id) ?? []).sort(readingOrder);
    if (attached.length === 0) out.push(`*${t.nothingLinked}*`, '');
    for (const [kind, heading] of [
      ['success', t.successes],
      ['problem', t.problems],
      ['note', t.notes],
    ] as const) {
      const items = attached.filter((card) => card.kind === kind);
      if (items.length > 0) out.push(`**${heading}**`, '', ...items.map(item), '');
    }
  });

  const unlinked = (kind: CardKind) => ofKind(kind).filter((card) => !linked.has(card.id));
  out.push(`## ${t.unlinkedSuccesses}`, '', ...list(unlinked('success')), '');
  out.push(`## ${t.unlinkedProblems}`, '', ...list(unlinked('problem')), '');
  out.push(`## ${t.unlinkedNotes}`, '', ...list(unlinked('note')), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
