import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { libraryExportUrl, libraryFeedUrl, searchNetwork, type LibraryEntry } from '../platform/library';
import { EntryItem } from './EntryItem';
import { useDebounced } from './useDebounced';
import './library.css';
import { useErrorText } from './useErrorText';

export type LibrarySort = 'relevance' | 'votes';

/** The loaded entries in the chosen order: the server's (best match, or newest) or by votes. */
export function sortEntries(entries: readonly LibraryEntry[], sort: LibrarySort): LibraryEntry[] {
  if (sort === 'relevance') return [...entries];
  return [...entries].sort((a, b) => b.votes - a.votes || b.publishedAt - a.publishedAt);
}

/** The organisations and tags named by the entries seen so far: the filters' choices. */
export function filterChoices(entries: readonly LibraryEntry[]): { organisations: string[]; tags: string[] } {
  const organisations = new Set<string>();
  const tags = new Set<string>();
  for (const entry of entries) {
    entry.organisations.forEach((org) => organisations.add(org));
    entry.tags.forEach((tag) => tags.add(tag));
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { organisations: sorted(organisations), tags: sorted(tags) };
}

interface Filters {
  q: string;
  org: string;
  tag: string;
}

type Results = { phase: 'loading' } | { phase: 'ready'; entries: LibraryEntry[]; next: string | null } | { phase: 'failed'; error: unknown };

function useNetworkSearch(networkId: string, token: string, filters: Filters) {
  const [results, setResults] = useState<Results>({ phase: 'loading' });
  const [seen, setSeen] = useState<LibraryEntry[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    setResults({ phase: 'loading' });
    searchNetwork(networkId, token, { ...filters, limit: 20 }, fetch, abort.signal).then(
      (page) => {
        if (abort.signal.aborted) return;
        setResults({ phase: 'ready', entries: page.entries, next: page.next });
        setSeen((before) => [...before, ...page.entries]);
      },
      (error: unknown) => !abort.signal.aborted && setResults({ phase: 'failed', error }),
    );
    return () => abort.abort();
  }, [networkId, token, filters]);
  const more = () => {
    if (results.phase !== 'ready' || !results.next) return;
    void searchNetwork(networkId, token, { ...filters, limit: 20, cursor: results.next }).then((page) => {
      setResults({ phase: 'ready', entries: [...results.entries, ...page.entries], next: page.next });
      setSeen((before) => [...before, ...page.entries]);
    });
  };
  return { results, seen, more };
}

/** The network page's library: search, filters by organisation and tag, order, paging, the report and the feed. */
export function NetworkLibrary({ networkId, token, entryCount }: { networkId: string; token: string; entryCount: number }) {
  const { t } = useTranslation('library');
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [org, setOrg] = useState('');
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState<LibrarySort>('relevance');
  const q = useDebounced(text.trim(), 300);
  const filters = useMemo(() => ({ q, org, tag }), [q, org, tag]);
  const { results, seen, more } = useNetworkSearch(networkId, token, filters);
  const choices = useMemo(() => filterChoices(seen), [seen]);
  return (
    <section className="card stack network-library" aria-labelledby="network-library-title" data-testid="network-library">
      <h2 id="network-library-title">{t('network.library')}</h2>
      <p className="library-status">{t('network.entries', { count: entryCount })}</p>
      <p className="network-reports">
        {t('network.report')}:{' '}
        {(['md', 'csv', 'json'] as const).map((format) => (
          <a key={format} href={libraryExportUrl(networkId, token, format)} download data-testid={`library-report-${format}`}>
            {format}
          </a>
        ))}{' '}
        · <a href={libraryFeedUrl(networkId, token)}>{t('network.feed')}</a>
      </p>
      <div className="network-filters">
        <label className="library-search">
          <span>{t('panel.search')}</span>
          <input
            type="search"
            value={text}
            placeholder={t('panel.placeholder')}
            onChange={(event) => setText(event.target.value)}
            data-testid="network-search"
          />
        </label>
        <Choice label={t('network.organisation')} value={org} options={choices.organisations} onChange={setOrg} any={t('network.any')} testId="network-org" />
        <Choice label={t('network.tag')} value={tag} options={choices.tags} onChange={setTag} any={t('network.any')} testId="network-tag" />
        <label className="library-search">
          <span>{t('network.sort')}</span>
          <select value={sort} onChange={(event) => setSort(event.target.value === 'votes' ? 'votes' : 'relevance')} data-testid="network-sort">
            <option value="relevance">{t('network.relevance')}</option>
            <option value="votes">{t('network.votes')}</option>
          </select>
        </label>
      </div>
      <div aria-live="polite" aria-busy={results.phase === 'loading'}>
        {results.phase === 'loading' ? <p className="library-status">{t('panel.loading')}</p> : null}
        {results.phase === 'failed' ? <p role="alert">{errorText(results.error)}</p> : null}
        {results.phase === 'ready' && results.entries.length === 0 ? <p className="library-status">{t('panel.empty')}</p> : null}
        {results.phase === 'ready' ? sortEntries(results.entries, sort).map((entry) => <EntryItem key={entry.id} entry={entry} />) : null}
        {results.phase === 'ready' && results.next ? (
          <button type="button" onClick={more} data-testid="network-more">
            {t('network.more')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function Choice(props: { label: string; value: string; options: string[]; any: string; testId: string; onChange(value: string): void }) {
  const options = props.value && !props.options.includes(props.value) ? [props.value, ...props.options] : props.options;
  return (
    <label className="library-search">
      <span>{props.label}</span>
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} data-testid={props.testId}>
        <option value="">{props.any}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
