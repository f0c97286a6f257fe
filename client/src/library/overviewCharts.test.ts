import { describe, expect, it } from 'vitest';
import type { LibraryOverview } from '@benchlearn/shared';
import { getNetworkOverview } from '../platform/library';
import { recorder } from '../platform/testFetch';
import { chartConfig } from './OverviewChart';
import { monthLabel, overviewCharts, SERIES_COLOURS, shortLabel } from './overviewCharts';

const OVERVIEW: LibraryOverview = {
  entries: 3,
  months: ['2026-01', '2026-02'],
  organisations: [
    { name: 'Zwolle', total: 2, counts: [1, 1] },
    { name: 'Delft', total: 1, counts: [0, 1] },
  ],
  tags: [],
  sharedProblems: [
    { text: 'Vrijwilligers   haken af na een maand, vooral in de zomer als de scholen dicht zijn', organisations: ['Delft', 'Zwolle', 'Ede'], lessons: 2 },
  ],
};

describe('the network overview charts', () => {
  it('reads the overview with the member token and refuses an answer outside the contract', async () => {
    const { calls, fetchImpl } = recorder(200, OVERVIEW);
    await expect(getNetworkOverview('n 1', 'member', fetchImpl)).resolves.toEqual(OVERVIEW);
    expect(calls[0]).toMatchObject({ url: '/api/networks/n%201/overview', authorization: 'Bearer member' });
    const bad = recorder(200, { ...OVERVIEW, months: ['January'] });
    await expect(getNetworkOverview('n1', 'm', bad.fetchImpl)).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('draws one series per organisation over the months, and the shared problems by organisations; skips empty charts', () => {
    const charts = overviewCharts(OVERVIEW, 'en', 'Organisations');
    expect(charts.map((chart) => chart.key)).toEqual(['organisations', 'shared']);
    expect(charts[0]).toEqual({
      key: 'organisations',
      layout: 'months',
      labels: ['Jan 2026', 'Feb 2026'],
      datasets: [
        { label: 'Zwolle', data: [1, 1], colour: SERIES_COLOURS[0] },
        { label: 'Delft', data: [0, 1], colour: SERIES_COLOURS[1] },
      ],
    });
    expect(charts[1]?.labels).toEqual(['Vrijwilligers haken af na een maand, vooral in…']);
    expect(charts[1]?.datasets).toEqual([{ label: 'Organisations', data: [3], colour: SERIES_COLOURS[5] }]);
  });

  it('names months in the reader’s language and cuts long labels', () => {
    expect(monthLabel('2026-03', 'nl')).toMatch(/^mrt\.? 2026$/);
    expect(shortLabel('a  b', 10)).toBe('a b');
    expect(shortLabel('abcdefghijkl', 6)).toBe('abcde…');
  });

  it('stacks the months’ bars and lays the problems’ bars across, whole numbers only', () => {
    const [months, shared] = overviewCharts(OVERVIEW, 'en', 'Organisations').map(chartConfig);
    expect(months?.options?.indexAxis).toBe('x');
    expect(months?.options?.scales).toMatchObject({ x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } });
    expect(months?.data.datasets.map((set) => set.backgroundColor)).toEqual([SERIES_COLOURS[0], SERIES_COLOURS[1]]);
    expect(shared?.options?.indexAxis).toBe('y');
    expect(shared?.options?.plugins?.legend?.display).toBe(false);
    // A problem's label is cut to the chart's width (a phone would clip its start), whole on a wide one.
    const tick = (shared?.options?.scales?.y?.ticks?.callback ?? (() => '')) as unknown as (this: object, value: number) => string;
    const scale = (width: number) => ({ getLabelForValue: () => 'Vrijwilligers haken af na een maand', chart: { width } });
    expect(tick.call(scale(350), 0)).toBe('Vrijwilligers haken…');
    expect(tick.call(scale(1200), 0)).toBe('Vrijwilligers haken af na een maand');
  });
});
