import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryOverview } from '@benchlearn/shared';
import { getNetworkOverview } from '../platform/library';
import { OverviewChart } from './OverviewChart';
import { overviewCharts, type OverviewChartKey } from './overviewCharts';
import { useErrorText } from './useErrorText';

type Loaded = { phase: 'loading' } | { phase: 'ready'; overview: LibraryOverview } | { phase: 'failed'; error: unknown };

const TITLE_KEYS: Record<OverviewChartKey, 'overview.organisations' | 'overview.tags' | 'overview.shared'> = {
  organisations: 'overview.organisations',
  tags: 'overview.tags',
  shared: 'overview.shared',
};

/** The network page's opening: what the library holds, as charts (GET /api/networks/:id/overview). */
export function NetworkOverview({ networkId, token, networkName }: { networkId: string; token: string; networkName: string }) {
  const { t, i18n } = useTranslation('library');
  const errorText = useErrorText();
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  useEffect(() => {
    let live = true;
    getNetworkOverview(networkId, token).then(
      (overview) => live && setLoaded({ phase: 'ready', overview }),
      (error: unknown) => live && setLoaded({ phase: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [networkId, token]);
  const organisationsWord = t('overview.organisationCount');
  const charts = useMemo(
    () => (loaded.phase === 'ready' ? overviewCharts(loaded.overview, i18n.language, organisationsWord) : []),
    [loaded, i18n.language, organisationsWord],
  );
  return (
    <section className="card stack network-overview" aria-labelledby="network-overview-title" data-testid="network-overview">
      <h2 id="network-overview-title">{t('overview.title')}</h2>
      {loaded.phase === 'loading' ? <p aria-busy="true">{t('overview.loading')}</p> : null}
      {loaded.phase === 'failed' ? <p role="alert">{errorText(loaded.error)}</p> : null}
      {loaded.phase === 'ready' && loaded.overview.entries === 0 ? <p className="muted">{t('overview.empty')}</p> : null}
      <div className="overview-charts">
        {charts.map((spec) => (
          <OverviewChart key={spec.key} spec={spec} title={t(TITLE_KEYS[spec.key])} fileTitle={networkName} />
        ))}
      </div>
      {loaded.phase === 'ready' && loaded.overview.entries > 0 && loaded.overview.sharedProblems.length === 0 ? (
        <p className="muted">{t('overview.noShared')}</p>
      ) : null}
    </section>
  );
}
