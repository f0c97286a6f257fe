import type { CardKind, Locale } from '../model/schemas';

/**
 * Words of the exported reports. They are board content in the board's language (like the
 * template's frame titles), not the UI's strings: a Dutch board gives a Dutch report whoever
 * downloads it.
 */
export interface ReportStrings {
  reportTitle: (title: string) => string;
  exportedOn: (date: string) => string;
  months: readonly string[];
  lessons: string;
  noLessons: string;
  lesson: (n: number) => string;
  votes: (n: number) => string;
  /** A kind's name, on a card's header band (the SVG export). */
  kinds: Readonly<Record<CardKind, string>>;
  successes: string;
  problems: string;
  notes: string;
  nothingLinked: string;
  unlinkedSuccesses: string;
  unlinkedProblems: string;
  unlinkedNotes: string;
  none: string;
  empty: string;
  summary: (counts: { lesson: number; success: number; problem: number; note: number }) => string;
  autoSnapshot: string;
  beforeRestore: (name: string) => string;
  /** Where a lesson placed from the network's library came from (docs/model.md, "Card source"). */
  source: (board: string, entryId: string, version: number) => string;
  /** The CSV's header row, in the order of CSV_COLUMNS. */
  csvColumns: readonly [string, string, string, string, string, string, string, string, string];
  /** A kind's value in the CSV's kind column. */
  csvKinds: Readonly<Record<CardKind, string>>;
  /** An imported board's title: the file's title and the day it came in (`3 Dec`). */
  imported: (title: string, day: string) => string;
}

/** "1 note", "2 notes": the summary line reads as a sentence. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const en: ReportStrings = {
  reportTitle: (title) => `Lessons report: ${title}`,
  exportedOn: (date) => `Exported on ${date}`,
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  lessons: 'Lessons',
  noLessons: 'No lessons yet.',
  lesson: (n) => `Lesson ${n}`,
  votes: (n) => (n === 1 ? '1 vote' : `${n} votes`),
  kinds: { success: 'Success', problem: 'Problem', lesson: 'Lesson', note: 'Note' },
  successes: 'Successes',
  problems: 'Problems',
  notes: 'Notes',
  nothingLinked: 'No successes or problems linked yet.',
  unlinkedSuccesses: 'Successes not linked to a lesson',
  unlinkedProblems: 'Problems not linked to a lesson',
  unlinkedNotes: 'Notes',
  none: 'None.',
  empty: '(empty card)',
  summary: (c) =>
    [
      count(c.lesson, 'lesson', 'lessons'),
      count(c.success, 'success', 'successes'),
      count(c.problem, 'problem', 'problems'),
      count(c.note, 'note', 'notes'),
    ].join(' · '),
  autoSnapshot: 'Automatic snapshot',
  beforeRestore: (name) => `Before restoring “${name}”`,
  source: (board, entryId, version) => `from ${board} (library entry ${entryId}, version ${version})`,
  csvColumns: ['id', 'kind', 'text', 'organisation', 'author', 'votes', 'created', 'linked_lessons', 'source'],
  csvKinds: { success: 'success', problem: 'problem', lesson: 'lesson', note: 'note' },
  imported: (title, day) => `${title} (imported ${day})`,
};

const nl: ReportStrings = {
  reportTitle: (title) => `Lessenrapport: ${title}`,
  exportedOn: (date) => `Geëxporteerd op ${date}`,
  months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  lessons: 'Lessen',
  noLessons: 'Nog geen lessen.',
  lesson: (n) => `Les ${n}`,
  votes: (n) => (n === 1 ? '1 stem' : `${n} stemmen`),
  kinds: { success: 'Succes', problem: 'Probleem', lesson: 'Les', note: 'Notitie' },
  successes: 'Successen',
  problems: 'Problemen',
  notes: 'Notities',
  nothingLinked: 'Nog geen successen of problemen gekoppeld.',
  unlinkedSuccesses: 'Successen die niet aan een les gekoppeld zijn',
  unlinkedProblems: 'Problemen die niet aan een les gekoppeld zijn',
  unlinkedNotes: 'Notities',
  none: 'Geen.',
  empty: '(lege kaart)',
  summary: (c) =>
    [
      count(c.lesson, 'les', 'lessen'),
      count(c.success, 'succes', 'successen'),
      count(c.problem, 'probleem', 'problemen'),
      count(c.note, 'notitie', 'notities'),
    ].join(' · '),
  autoSnapshot: 'Automatische momentopname',
  beforeRestore: (name) => `Vóór het terugzetten van “${name}”`,
  source: (board, entryId, version) => `uit ${board} (bibliotheekitem ${entryId}, versie ${version})`,
  csvColumns: ['id', 'soort', 'tekst', 'organisatie', 'auteur', 'stemmen', 'gemaakt', 'gekoppelde_lessen', 'bron'],
  csvKinds: { success: 'succes', problem: 'probleem', lesson: 'les', note: 'notitie' },
  imported: (title, day) => `${title} (geïmporteerd ${day})`,
};

export const REPORT_STRINGS: Readonly<Record<Locale, ReportStrings>> = { en, nl };

/** The language tag of dates in a board's language: English dates the British way (`3 December 2026`), not the US one. */
export const DATE_LOCALES: Readonly<Record<Locale, string>> = { en: 'en-GB', nl: 'nl-NL' };

/** `31 January 2025` / `31 januari 2025`, in UTC (a report does not depend on the server's zone). */
export function formatDate(ms: number, locale: Locale): string {
  const date = new Date(ms);
  return `${date.getUTCDate()} ${REPORT_STRINGS[locale].months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** Words that an import adds to a title; a file imported before gets the newest day, not a second suffix. */
const IMPORTED_SUFFIX = / \((?:imported|geïmporteerd) [^()]*\)$/;

/**
 * The title of a board made from a file: the file's title with the day it was imported in the
 * board's language (`Retro (imported 3 Dec)`), so Recent boards tells it from the original.
 * `timeZone` is the reader's (the browser's own by default); `maxLength` the model's limit.
 */
export function importedTitle(title: string, locale: Locale, now: number, maxLength: number, timeZone?: string): string {
  const day = new Intl.DateTimeFormat(DATE_LOCALES[locale], { day: 'numeric', month: 'short', ...(timeZone ? { timeZone } : {}) })
    .format(new Date(now))
    .replace(/\.$/, '');
  const suffix = REPORT_STRINGS[locale].imported('', day);
  const base = title.trim().replace(IMPORTED_SUFFIX, '').trim();
  return `${base.slice(0, Math.max(1, maxLength - suffix.length)).trimEnd()}${suffix}`;
}
