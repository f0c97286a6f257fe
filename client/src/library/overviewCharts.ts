import type { LibraryOverview, OverviewSeries } from '@benchlearn/shared';

/** Eight colours told apart also with a colour-vision deficiency (Okabe and Ito), one per series. */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'] as const;

export type OverviewChartKey = 'organisations' | 'tags' | 'shared';

/** What one chart draws, independent of the chart library: categories and named series of numbers. */
export interface ChartSpec {
  key: OverviewChartKey;
  /** Stacked bars over the months, or one horizontal bar per problem. */
  layout: 'months' | 'problems';
  labels: string[];
  datasets: { label: string; data: number[]; colour: string }[];
}

/** `2026-03` as the reader's language writes a month ("mrt 2026", "Mar 2026"). */
export function monthLabel(month: string, locale: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, index - 1, 1));
}

/** A label on one line, at most `max` characters (a long problem's text is cut with an ellipsis). */
export function shortLabel(text: string, max = 48): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

function seriesChart(key: 'organisations' | 'tags', months: string[], series: readonly OverviewSeries[]): ChartSpec {
  return {
    key,
    layout: 'months',
    labels: months,
    datasets: series.map((item, i) => ({ label: item.name, data: [...item.counts], colour: SERIES_COLOURS[i % SERIES_COLOURS.length]! })),
  };
}

/**
 * The overview's three charts from the API's answer: lessons per organisation and per tag by month
 * (stacked bars), and the problems several organisations share (bars: how many organisations).
 * Charts with nothing to draw are left out.
 */
export function overviewCharts(overview: LibraryOverview, locale: string, organisationsWord: string): ChartSpec[] {
  const months = overview.months.map((month) => monthLabel(month, locale));
  const charts: ChartSpec[] = [];
  if (overview.organisations.length > 0) charts.push(seriesChart('organisations', months, overview.organisations));
  if (overview.tags.length > 0) charts.push(seriesChart('tags', months, overview.tags));
  if (overview.sharedProblems.length > 0) {
    charts.push({
      key: 'shared',
      layout: 'problems',
      labels: overview.sharedProblems.map((problem) => shortLabel(problem.text)),
      datasets: [{ label: organisationsWord, data: overview.sharedProblems.map((problem) => problem.organisations.length), colour: SERIES_COLOURS[5] }],
    });
  }
  return charts;
}
