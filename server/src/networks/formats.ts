import { csvCell, type LibraryOverview, type Locale, type OverviewSeries } from '@benchlearn/shared';
import type { LibraryEntry, NetworkRecord } from '../storage/networks';

interface Words {
  library: string;
  noTag: string;
  organisation: string;
  votes: string;
  from: string;
  evidence: string;
  published: string;
  overview: string;
  perOrganisation: string;
  perTag: string;
  tag: string;
  total: string;
  shared: string;
  problem: string;
  organisations: string;
  lessons: string;
}

/** The report's words, in the network's language (board content, like shared's report strings). */
const WORDS: Record<Locale, Words> = {
  en: {
    library: 'Lessons library',
    noTag: 'No tag',
    organisation: 'Organisation',
    votes: 'votes',
    from: 'from',
    evidence: 'Evidence',
    published: 'published',
    overview: 'Overview',
    perOrganisation: 'Lessons per organisation and month',
    perTag: 'Lessons per tag and month',
    tag: 'Tag',
    total: 'Total',
    shared: 'Problems shared by several organisations',
    problem: 'Problem',
    organisations: 'Organisations',
    lessons: 'Lessons',
  },
  nl: {
    library: 'Lessenbibliotheek',
    noTag: 'Zonder tag',
    organisation: 'Organisatie',
    votes: 'stemmen',
    from: 'uit',
    evidence: 'Onderbouwing',
    published: 'gepubliceerd',
    overview: 'Overzicht',
    perOrganisation: 'Lessen per organisatie en maand',
    perTag: 'Lessen per tag en maand',
    tag: 'Tag',
    total: 'Totaal',
    shared: 'Problemen die meerdere organisaties delen',
    problem: 'Probleem',
    organisations: 'Organisaties',
    lessons: 'Lessen',
  },
};

const day = (time: number) => new Date(time).toISOString().slice(0, 10);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Entries grouped by tag (an entry with several tags under each), then by organisation, both sorted. */
function byTagAndOrganisation(entries: readonly LibraryEntry[], noTag: string): Map<string, Map<string, LibraryEntry[]>> {
  const groups = new Map<string, Map<string, LibraryEntry[]>>();
  for (const entry of entries) {
    for (const tag of entry.tags.length > 0 ? entry.tags : [noTag]) {
      const byOrg = groups.get(tag) ?? new Map<string, LibraryEntry[]>();
      groups.set(tag, byOrg);
      const org = entry.organisation ?? entry.organisations[0] ?? '—';
      byOrg.set(org, [...(byOrg.get(org) ?? []), entry]);
    }
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  return new Map(sorted.map(([tag, orgs]) => [tag, new Map([...orgs.entries()].sort(([a], [b]) => a.localeCompare(b)))]));
}

/** A Markdown table cell: one line, its pipes escaped. */
const cell = (text: string) => oneLine(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function seriesTable(first: string, months: readonly string[], series: readonly OverviewSeries[], total: string): string[] {
  return [
    row([first, ...months, total]),
    row([first, ...months, total].map((_, i) => (i === 0 ? '---' : '---:'))),
    ...series.map((item) => row([cell(item.name), ...item.counts.map(String), String(item.total)])),
    '',
  ];
}

/** The overview's figures as tables (what the network page draws as charts). */
function overviewTables(overview: LibraryOverview, words: Words): string[] {
  if (overview.entries === 0) return [];
  const lines = [`## ${words.overview}`, ''];
  if (overview.organisations.length > 0)
    lines.push(`### ${words.perOrganisation}`, '', ...seriesTable(words.organisation, overview.months, overview.organisations, words.total));
  if (overview.tags.length > 0) lines.push(`### ${words.perTag}`, '', ...seriesTable(words.tag, overview.months, overview.tags, words.total));
  if (overview.sharedProblems.length > 0) {
    lines.push(`### ${words.shared}`, '', row([words.problem, words.organisations, words.lessons]), row(['---', '---', '---:']));
    for (const problem of overview.sharedProblems) lines.push(row([cell(problem.text), cell(problem.organisations.join(', ')), String(problem.lessons)]));
    lines.push('');
  }
  return lines;
}

export function libraryMarkdown(network: NetworkRecord, entries: readonly LibraryEntry[], overview?: LibraryOverview): string {
  const words = WORDS[network.locale];
  const lines = [`# ${oneLine(network.name)} · ${words.library}`, '', ...(overview ? overviewTables(overview, words) : [])];
  for (const [tag, orgs] of byTagAndOrganisation(entries, words.noTag)) {
    lines.push(`## ${tag}`, '');
    for (const [org, list] of orgs) {
      lines.push(`### ${words.organisation}: ${org}`, '');
      for (const entry of list) {
        lines.push(
          `- **${oneLine(entry.text)}** (${entry.votes} ${words.votes}; ${words.from} ${oneLine(entry.boardTitle)}, ${words.published} ${day(entry.publishedAt)})`,
        );
        for (const item of entry.evidence) {
          lines.push(`  - ${item.kind}: ${oneLine(item.text)}${item.organisation ? ` (${item.organisation})` : ''}`);
        }
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export const LIBRARY_CSV_COLUMNS = ['id', 'version', 'tags', 'organisation', 'lesson', 'votes', 'organisations', 'board', 'published', 'evidence'] as const;

export function libraryCsv(entries: readonly LibraryEntry[]): string {
  const rows = entries.map((entry) =>
    [
      entry.id,
      String(entry.version),
      entry.tags.join('; '),
      entry.organisation ?? '',
      entry.text,
      String(entry.votes),
      entry.organisations.join('; '),
      entry.boardTitle,
      new Date(entry.publishedAt).toISOString(),
      entry.evidence.map((item) => `${item.kind}: ${oneLine(item.text)}`).join(' | '),
    ]
      .map(csvCell)
      .join(','),
  );
  // A byte order mark: spreadsheet programs then read accents right (as the board's CSV).
  return `\ufeff${[LIBRARY_CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

function xml(text: string): string {
  // Characters XML 1.0 does not allow are dropped; the rest escaped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export interface FeedOptions {
  /** The network page (without a token: the feed URL's token is not repeated in the feed). */
  pageUrl: string;
  /** This feed's own address (without the token). */
  selfUrl: string;
  tag?: string;
}

/** An Atom 1.0 feed (RFC 4287) of the newest entries. */
export function libraryAtom(network: NetworkRecord, entries: readonly LibraryEntry[], options: FeedOptions): string {
  const words = WORDS[network.locale];
  const title = `${network.name} · ${words.library}${options.tag ? ` · ${options.tag}` : ''}`;
  const updated = new Date(Math.max(network.createdAt, ...entries.map((entry) => entry.publishedAt))).toISOString();
  const items = entries.map((entry) => {
    const evidence = entry.evidence.map((item) => `${item.kind}: ${oneLine(item.text)}`).join('\n');
    return [
      '  <entry>',
      `    <id>urn:benchlearn:lesson:${xml(entry.id)}:${entry.version}</id>`,
      `    <title>${xml(oneLine(entry.text).slice(0, 200))}</title>`,
      `    <updated>${new Date(entry.publishedAt).toISOString()}</updated>`,
      `    <author><name>${xml(entry.organisation ?? entry.boardTitle)}</name></author>`,
      `    <link rel="alternate" href="${xml(options.pageUrl)}"/>`,
      ...entry.tags.map((tag) => `    <category term="${xml(tag)}"/>`),
      `    <content type="text">${xml(`${entry.text}\n\n${words.from} ${entry.boardTitle}${evidence ? `\n${words.evidence}:\n${evidence}` : ''}`)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${network.locale}">`,
    `  <id>urn:benchlearn:network:${xml(network.id)}${options.tag ? `:tag:${xml(encodeURIComponent(options.tag))}` : ''}</id>`,
    `  <title>${xml(title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" href="${xml(options.selfUrl)}"/>`,
    `  <link rel="alternate" href="${xml(options.pageUrl)}"/>`,
    ...items,
    '</feed>',
    '',
  ].join('\n');
}
