import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chart as ChartJs, ChartConfiguration, Plugin, Scale } from 'chart.js';
import { saveFile } from '../platform/download';
import { localDate, titleSlug } from '../platform/fileName';
import { shortLabel, type ChartSpec } from './overviewCharts';

/** Chart.js is loaded with the first chart (its own chunk): only the network page needs it. */
async function loadChart(): Promise<typeof ChartJs> {
  // Named parts only, so the bundler leaves out the chart types not drawn here.
  const { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } = await import('chart.js');
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
  return Chart;
}

/** A white page under the bars: a downloaded PNG is readable in any viewer and on a dark slide. */
const whiteBackground: Plugin<'bar'> = {
  id: 'benchlearn-white',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * A problem's label beside its bar, cut to what the chart's width leaves it (two fifths of it, at about 6.5 px a character): on
 * a phone Chart.js would otherwise clip the start of the text. The tooltip shows it whole.
 */
function problemTick(this: Scale, value: string | number): string {
  return shortLabel(this.getLabelForValue(Number(value)), Math.max(14, Math.floor((this.chart.width * 0.4) / 6.5)));
}

/** Chart.js's configuration for one chart: stacked bars per month, or horizontal bars per problem. */
export function chartConfig(spec: ChartSpec): ChartConfiguration<'bar'> {
  const whole = { ticks: { precision: 0 }, beginAtZero: true };
  const byMonth = spec.layout === 'months';
  return {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((set) => ({ label: set.label, data: set.data, backgroundColor: set.colour, maxBarThickness: 56 })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: byMonth ? 'x' : 'y',
      scales: byMonth ? { x: { stacked: true }, y: { ...whole, stacked: true } } : { x: whole, y: { ticks: { callback: problemTick } } },
      plugins: { legend: { display: byMonth, position: 'bottom' } },
    },
    plugins: [whiteBackground],
  };
}

/** One chart of the overview on a canvas (an image to assistive technology, its figures in a table beside it), downloadable as PNG. */
export function OverviewChart({ spec, title, fileTitle }: { spec: ChartSpec; title: string; fileTitle: string }) {
  const { t } = useTranslation('library');
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartJs<'bar'> | null>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let live = true;
    void loadChart().then((BarChart) => {
      if (!live || !canvas.current) return;
      chart.current = new BarChart(canvas.current, chartConfig(spec));
      setDrawn(true);
    });
    return () => {
      live = false;
      chart.current?.destroy();
      chart.current = null;
    };
  }, [spec]);
  const download = () => {
    chart.current?.canvas.toBlob((blob) => {
      if (blob) URL.revokeObjectURL(saveFile(blob, `${titleSlug(fileTitle)}-${spec.key}-${localDate(Date.now())}.png`));
    }, 'image/png');
  };
  const height = spec.layout === 'months' ? 260 : Math.max(140, 48 + spec.labels.length * 32);
  return (
    <figure className="overview-chart" data-testid={`overview-${spec.key}`} data-drawn={drawn || undefined}>
      <figcaption>
        <h3>{title}</h3>
        <button type="button" className="button secondary" onClick={download} disabled={!drawn} data-testid={`overview-${spec.key}-png`}>
          {t('overview.png')}
        </button>
      </figcaption>
      <div className="overview-canvas" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{t('overview.figures')}</summary>
        <FiguresTable spec={spec} />
      </details>
    </figure>
  );
}

/** The chart's numbers as a table: what a screen reader reads and what a person can copy. */
function FiguresTable({ spec }: { spec: ChartSpec }) {
  return (
    <div className="overview-table">
      <table>
        <thead>
          <tr>
            <th scope="col" />
            {spec.datasets.map((set) => (
              <th scope="col" key={set.label}>
                {set.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.labels.map((label, row) => (
            <tr key={`${row}-${label}`}>
              <th scope="row">{label}</th>
              {spec.datasets.map((set) => (
                <td key={set.label}>{set.data[row] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
