import { useTranslation } from 'react-i18next';
import { CARD_KINDS, type CardKind } from '@benchlearn/shared';
import type { FindFilter } from './view';

export interface FindBarProps {
  filter: FindFilter;
  onChange(filter: FindFilter): void;
  organisations: readonly string[];
  /** How many cards match, or null when nothing is filtered. */
  matches: number | null;
}

/** Search card text; filter and highlight by kind and organisation (canvas and outline alike). */
export function FindBar({ filter, onChange, organisations, matches }: FindBarProps) {
  const { t } = useTranslation('session');
  const toggleKind = (kind: CardKind) =>
    onChange({ ...filter, kinds: filter.kinds.includes(kind) ? filter.kinds.filter((k) => k !== kind) : [...filter.kinds, kind] });
  return (
    <div className="find-bar" role="search" data-testid="find-bar">
      <input
        type="search"
        className="find-input"
        data-testid="find-input"
        placeholder={t('find.placeholder')}
        aria-label={t('find.label')}
        value={filter.query}
        onChange={(event) => onChange({ ...filter, query: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onChange({ ...filter, query: '' });
        }}
      />
      <div className="find-filters">
        {CARD_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`find-kind kind-${kind}`}
            data-testid={`find-kind-${kind}`}
            aria-pressed={filter.kinds.includes(kind)}
            onClick={() => toggleKind(kind)}
          >
            {t(`kindsPlural.${kind}`)}
          </button>
        ))}
        <select
          className="find-org"
          data-testid="find-org"
          aria-label={t('find.org')}
          value={filter.org}
          onChange={(event) => onChange({ ...filter, org: event.target.value })}
        >
          <option value="">{t('find.allOrgs')}</option>
          {organisations.map((org) => (
            <option key={org} value={org}>
              {org}
            </option>
          ))}
        </select>
      </div>
      {matches !== null ? (
        <p className="find-count" data-testid="find-count" data-count={matches} role="status">
          {t('find.count', { count: matches })}{' '}
          <button type="button" className="link-button" onClick={() => onChange({ query: '', kinds: [], org: '' })}>
            {t('find.clear')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
