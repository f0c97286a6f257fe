import { Type, type Static } from '@sinclair/typebox';

/** The overview shows at most this many months (the newest), series and shared problems. */
export const MAX_OVERVIEW_MONTHS = 24;
export const MAX_OVERVIEW_SERIES = 8;
export const MAX_SHARED_PROBLEMS = 10;

/** Lessons of one organisation or tag: all of them, and per month of `months`. */
export const OverviewSeries = Type.Object({ name: Type.String(), total: Type.Integer({ minimum: 0 }), counts: Type.Array(Type.Integer({ minimum: 0 })) });
export type OverviewSeries = Static<typeof OverviewSeries>;

/** A problem that backs lessons of two or more organisations. */
export const SharedProblem = Type.Object({
  text: Type.String(),
  organisations: Type.Array(Type.String()),
  lessons: Type.Integer({ minimum: 1 }),
});
export type SharedProblem = Static<typeof SharedProblem>;

/** 200 of GET /api/networks/:id/overview (docs/api.md). */
export const LibraryOverview = Type.Object({
  entries: Type.Integer({ minimum: 0 }),
  /** Consecutive months (`YYYY-MM`, UTC), oldest first: the first publication's to the last's. */
  months: Type.Array(Type.String({ pattern: '^\\d{4}-\\d{2}$' }), { maxItems: MAX_OVERVIEW_MONTHS }),
  organisations: Type.Array(OverviewSeries, { maxItems: MAX_OVERVIEW_SERIES }),
  tags: Type.Array(OverviewSeries, { maxItems: MAX_OVERVIEW_SERIES }),
  sharedProblems: Type.Array(SharedProblem, { maxItems: MAX_SHARED_PROBLEMS }),
});
export type LibraryOverview = Static<typeof LibraryOverview>;

/** What the overview reads of an entry. */
export interface OverviewEntry {
  id: string;
  publishedAt: number;
  organisation: string | null;
  organisations: readonly string[];
  tags: readonly string[];
  evidence: readonly { kind: string; text: string; organisation: string | null }[];
}

export interface OverviewOptions {
  /**
   * Which problem texts are "the same problem": equal keys. The server passes stemmed words, so
   * "Volunteers dropped out" and "volunteer drops out" meet; the default compares lower-case words.
   */
  problemKey?(text: string): string;
}

const monthOf = (time: number) => new Date(time).toISOString().slice(0, 7);

/** Every month from `first` to `last` (both `YYYY-MM`), the newest MAX_OVERVIEW_MONTHS of them. */
function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let at = first; at <= last; at = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(at);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months.slice(-MAX_OVERVIEW_MONTHS);
}

/** Series by name: the most lessons first (then by name), the top MAX_OVERVIEW_SERIES. */
function seriesOf(groups: Map<string, number[]>, months: readonly string[]): OverviewSeries[] {
  const index = new Map(months.map((month, i) => [month, i]));
  return [...groups.entries()]
    .map(([name, times]) => {
      const counts = months.map(() => 0);
      for (const time of times) {
        const at = index.get(monthOf(time));
        if (at !== undefined) counts[at]! += 1;
      }
      return { name, total: times.length, counts };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
    .slice(0, MAX_OVERVIEW_SERIES);
}

function push(groups: Map<string, number[]>, name: string, time: number): void {
  const list = groups.get(name);
  if (list) list.push(time);
  else groups.set(name, [time]);
}

const plainKey = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

/**
 * The network page's overview, and the report's tables: lessons per organisation and per tag by
 * month of publication (an entry counts for each organisation it names and each of its tags),
 * and the problems that back lessons of several organisations (a problem's organisation, or
 * its lesson's when the card names none).
 */
export function libraryOverview(entries: readonly OverviewEntry[], options: OverviewOptions = {}): LibraryOverview {
  const keyOf = options.problemKey ?? plainKey;
  const byOrganisation = new Map<string, number[]>();
  const byTag = new Map<string, number[]>();
  const problems = new Map<string, { text: string; organisations: Set<string>; lessons: Set<string> }>();
  let first = Infinity;
  let last = -Infinity;
  for (const entry of entries) {
    first = Math.min(first, entry.publishedAt);
    last = Math.max(last, entry.publishedAt);
    for (const organisation of new Set(entry.organisations)) push(byOrganisation, organisation, entry.publishedAt);
    for (const tag of new Set(entry.tags)) push(byTag, tag, entry.publishedAt);
    for (const item of entry.evidence) {
      if (item.kind !== 'problem') continue;
      const key = keyOf(item.text);
      if (!key) continue;
      const text = item.text.replace(/\s+/g, ' ').trim();
      const problem = problems.get(key) ?? { text, organisations: new Set<string>(), lessons: new Set<string>() };
      problems.set(key, problem);
      // One wording for all, whatever the order: the longest (then the first alphabetically).
      if (text.length > problem.text.length || (text.length === problem.text.length && text < problem.text)) problem.text = text;
      const organisation = item.organisation ?? entry.organisation;
      if (organisation) problem.organisations.add(organisation);
      problem.lessons.add(entry.id);
    }
  }
  const months = entries.length > 0 ? monthRange(monthOf(first), monthOf(last)) : [];
  const sharedProblems = [...problems.values()]
    .filter((problem) => problem.organisations.size >= 2)
    .map((problem) => ({ text: problem.text, organisations: [...problem.organisations].sort((a, b) => a.localeCompare(b)), lessons: problem.lessons.size }))
    .sort((a, b) => b.organisations.length - a.organisations.length || b.lessons - a.lessons || a.text.localeCompare(b.text))
    .slice(0, MAX_SHARED_PROBLEMS);
  return {
    entries: entries.length,
    months,
    organisations: seriesOf(byOrganisation, months),
    tags: seriesOf(byTag, months),
    sharedProblems,
  };
}
