import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { LibraryOverview, libraryOverview, MAX_OVERVIEW_MONTHS, type OverviewEntry } from './overview';

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

function entry(id: string, fields: Partial<OverviewEntry>): OverviewEntry {
  return { id, publishedAt: at('2026-03-01'), organisation: null, organisations: [], tags: [], evidence: [], ...fields };
}

describe('libraryOverview', () => {
  it('counts lessons per organisation and per tag by month, with the empty months between', () => {
    const overview = libraryOverview([
      entry('a', { publishedAt: at('2026-01-10'), organisations: ['Delft', 'Zwolle'], tags: ['people'] }),
      entry('b', { publishedAt: at('2026-03-02'), organisations: ['Zwolle'], tags: ['people', 'mobiliteit'] }),
      entry('c', { publishedAt: at('2026-03-30'), organisations: ['Zwolle'] }),
    ]);
    expect(Value.Check(LibraryOverview, overview)).toBe(true);
    expect(overview.entries).toBe(3);
    expect(overview.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(overview.organisations).toEqual([
      { name: 'Zwolle', total: 3, counts: [1, 0, 2] },
      { name: 'Delft', total: 1, counts: [1, 0, 0] },
    ]);
    expect(overview.tags).toEqual([
      { name: 'people', total: 2, counts: [1, 0, 1] },
      { name: 'mobiliteit', total: 1, counts: [0, 0, 1] },
    ]);
  });

  it('finds the problems that back lessons of two or more organisations, by the key it is given', () => {
    const problem = (text: string, organisation: string | null) => ({ kind: 'problem', text, organisation });
    const overview = libraryOverview(
      [
        entry('a', {
          organisation: 'Delft',
          evidence: [problem('Volunteers dropped out', null), { kind: 'success', text: 'Volunteers dropped out', organisation: 'Ede' }],
        }),
        entry('b', { organisation: 'Zwolle', evidence: [problem('volunteer drops out!', 'Zwolle')] }),
        entry('c', { organisation: 'Zwolle', evidence: [problem('Only here', 'Zwolle'), problem('Only here', null)] }),
      ],
      { problemKey: (text) => (text.toLowerCase().match(/[a-z]+/g) ?? []).map((word) => word.replace(/s$/, '').slice(0, 4)).join(' ') },
    );
    expect(overview.sharedProblems).toEqual([{ text: 'Volunteers dropped out', organisations: ['Delft', 'Zwolle'], lessons: 2 }]);
  });

  it('is empty for an empty library and keeps the newest months of a long one', () => {
    expect(libraryOverview([])).toEqual({ entries: 0, months: [], organisations: [], tags: [], sharedProblems: [] });
    const long = libraryOverview([entry('a', { publishedAt: at('2020-01-05'), tags: ['x'] }), entry('b', { publishedAt: at('2026-12-05'), tags: ['x'] })]);
    expect(long.months).toHaveLength(MAX_OVERVIEW_MONTHS);
    expect(long.months.at(-1)).toBe('2026-12');
    expect(long.tags).toEqual([{ name: 'x', total: 2, counts: [...Array.from({ length: MAX_OVERVIEW_MONTHS - 1 }, () => 0), 1] }]);
  });
});
