import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_COLORS } from '@benchlearn/shared';
import { useCards, useEditor } from '../editor/react';
import { useSession } from './hooks';
import { rankedResults } from './view';

/** How many places the projector lists: enough for a decision, each line readable from the back row. */
export const RESULTS_SHOWN = 8;

/**
 * The projector's results view (session `results`, docs/model.md): the round's cards ranked by
 * their dots, large, over the board while the facilitator shows it. Only card text and counts:
 * no author, so an anonymous round stays anonymous.
 */
export function ProjectorResults() {
  const editor = useEditor();
  const session = useSession(editor.board);
  const cards = useCards();
  const round = session.voting;
  const shown = session.results && round !== null;
  const ranked = useMemo(() => (shown && round ? rankedResults(cards, round) : []), [shown, round, cards]);
  if (!shown) return null;
  return <ResultsList ranked={ranked} />;
}

/** The ranked list itself, on its own for its test. */
export function ResultsList({ ranked }: { ranked: ReturnType<typeof rankedResults> }) {
  const { t } = useTranslation('session');
  const { t: tc } = useTranslation('canvas');
  const top = ranked.slice(0, RESULTS_SHOWN);
  const more = ranked.length - top.length;
  return (
    <section className="vote-results" data-testid="vote-results" aria-labelledby="vote-results-title">
      <h2 id="vote-results-title">{t('results.title')}</h2>
      {top.length === 0 ? <p className="vote-results-none">{t('results.none')}</p> : null}
      <ol className="vote-results-list">
        {top.map(({ card, rank, count }) => (
          <li
            key={card.id}
            className="vote-result"
            data-testid="vote-result"
            data-card-id={card.id}
            data-rank={rank}
            data-count={count}
            style={{ borderColor: KIND_COLORS[card.kind] }}
          >
            <span className="vote-result-rank">{rank}</span>
            <span className="vote-result-main">
              <span className="vote-result-kind" style={{ color: KIND_COLORS[card.kind] }}>
                {tc(`kinds.${card.kind}`)}
              </span>
              <span className="vote-result-text" data-testid="vote-result-text">
                {card.text}
              </span>
            </span>
            <strong className="vote-result-count" data-testid="vote-result-count">
              {t('results.dots', { count })}
            </strong>
          </li>
        ))}
      </ol>
      {more > 0 ? <p className="vote-results-more">{t('results.more', { count: more })}</p> : null}
    </section>
  );
}
