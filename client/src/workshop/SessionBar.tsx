import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentPhase, type Session } from '@benchlearn/shared';
import { useNarrow } from '../ui/useNarrow';
import { Timer } from './Timer';
import type { VoteView } from './view';

/** The session for everyone, under the header, and why a dot was refused. */
export function WorkshopBar({
  session,
  votes,
  message,
  facilitator,
}: {
  session: Session;
  votes?: VoteView;
  message: { text: string; key: number } | null;
  facilitator: boolean;
}) {
  return (
    <>
      <SessionBar session={session} {...(votes ? { votes } : {})} facilitator={facilitator} />
      {message ? (
        <div key={message.key} className="session-message" role="status" data-testid="vote-message">
          {message.text}
        </div>
      ) : null}
    </>
  );
}

export interface SessionBarProps {
  session: Session;
  /** This person's view of the votes; absent on the projector (it has no dots of its own). */
  votes?: VoteView;
  facilitator?: boolean;
  /** The projector: larger, and no hints about clicking. */
  large?: boolean;
}

/** What the facilitator set for everyone: the phase, the timer, the voting round, anonymity. */
export function SessionBar(props: SessionBarProps) {
  const narrow = useNarrow();
  const { session } = props;
  if (!currentPhase(session.agenda) && !session.timer && !session.voting && !session.anonymous) return null;
  return narrow && !props.large ? <CompactSessionBar {...props} /> : <FullSessionBar {...props} />;
}

/**
 * The bar on a phone: one line (the phase, a timer large enough to read at arm's length, the
 * dots left, anonymity), the notes and hints behind a "Details" toggle, so the bar does not
 * take a sixth of the screen from the board.
 */
function CompactSessionBar({ session, votes, facilitator = false }: SessionBarProps) {
  const { t } = useTranslation('session');
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const phase = currentPhase(session.agenda);
  const agenda = session.agenda;
  const round = session.voting;
  const notes = [
    phase?.kinds
      ? phase.kinds.length === 0
        ? t('agenda.noAdding')
        : t('agenda.adding', { kinds: phase.kinds.map((kind) => t(`kindsPlural.${kind}`)).join(', ') })
      : null,
    round ? (round.revealed ? t('voting.revealed') : facilitator ? t('voting.hiddenFacilitator') : votes ? t('voting.hidden') : t('voting.hiddenAll')) : null,
    round?.open && votes ? t('voting.hint', { count: round.dots }) : null,
    session.anonymous ? t('anonymous.hint') : null,
  ].filter((note) => note !== null);
  return (
    <div className="session-bar is-compact" data-testid="session-bar" role="region" aria-label={t('bar.label')}>
      <div className="session-line">
        {phase && agenda ? (
          <span className="session-phase" data-testid="agenda-phase" data-index={agenda.current} title={phase.title}>
            <span className="session-step" aria-label={t('agenda.step', { n: agenda.current + 1, total: agenda.phases.length })}>
              {t('agenda.stepShort', { n: agenda.current + 1, total: agenda.phases.length })}
            </span>
            <strong>{phase.title}</strong>
          </span>
        ) : null}
        {session.timer ? <Timer timer={session.timer} /> : null}
        {round ? (
          <span className="session-voting" data-testid="voting-status" data-open={round.open} data-revealed={round.revealed}>
            {round.open && votes ? (
              <span className="session-dots" data-testid="dots-left" data-left={votes.left}>
                {t('voting.left', { count: votes.left })}
              </span>
            ) : (
              <strong>{round.open ? t('voting.open') : t('voting.ended')}</strong>
            )}
          </span>
        ) : null}
        {session.anonymous ? <AnonymousBadge /> : null}
        {notes.length > 0 ? (
          <button
            type="button"
            className="session-details-toggle"
            data-testid="session-details-toggle"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={open ? t('bar.hideDetails') : t('bar.details')}
            title={open ? t('bar.hideDetails') : t('bar.details')}
            onClick={() => setOpen(!open)}
          >
            {/* An "i" in a circle: a word here would take the phase title's room. */}
            <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <path d="M8 7 V11.5 M8 4.4 V4.6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        ) : null}
      </div>
      {open ? (
        <ul className="session-details" id={detailsId} data-testid="session-details">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "Anonymous", with what it means on hover: on both bars. */
function AnonymousBadge() {
  const { t } = useTranslation('session');
  return (
    <span className="session-anonymous" data-testid="anonymous-badge" title={t('anonymous.hint')}>
      {t('anonymous.badge')}
    </span>
  );
}

/** The round's note; the projector's says nothing of the outline, which it does not show. */
function voteNote(revealed: boolean, large: boolean, facilitator: boolean, ownDots: boolean) {
  if (revealed) return large ? ('voting.revealedAll' as const) : ('voting.revealed' as const);
  return facilitator ? ('voting.hiddenFacilitator' as const) : ownDots ? ('voting.hidden' as const) : ('voting.hiddenAll' as const);
}

function FullSessionBar({ session, votes, facilitator = false, large = false }: SessionBarProps) {
  const { t } = useTranslation('session');
  const phase = currentPhase(session.agenda);
  const agenda = session.agenda;
  const round = session.voting;
  return (
    <div className={`session-bar${large ? ' is-large' : ''}`} data-testid="session-bar" role="region" aria-label={t('bar.label')}>
      {phase && agenda ? (
        <span className="session-phase" data-testid="agenda-phase" data-index={agenda.current}>
          <span className="session-step">{t('agenda.step', { n: agenda.current + 1, total: agenda.phases.length })}</span>
          <strong>{phase.title}</strong>
          {phase.kinds && !large ? (
            <span className="session-note" data-testid="agenda-kinds">
              {phase.kinds.length === 0 ? t('agenda.noAdding') : t('agenda.adding', { kinds: phase.kinds.map((kind) => t(`kindsPlural.${kind}`)).join(', ') })}
            </span>
          ) : null}
        </span>
      ) : null}
      {session.timer ? <Timer timer={session.timer} large={large} /> : null}
      {round ? (
        <span className="session-voting" data-testid="voting-status" data-open={round.open} data-revealed={round.revealed}>
          <strong>{round.open ? t('voting.open') : t('voting.ended')}</strong>
          {round.open && votes ? (
            <span className="session-dots" data-testid="dots-left" data-left={votes.left}>
              {t('voting.left', { count: votes.left })}
            </span>
          ) : null}
          <span className="session-note">{t(voteNote(round.revealed, large, facilitator, votes !== undefined))}</span>
          {round.open && votes && !large ? <span className="session-hint">{t('voting.hint', { count: round.dots })}</span> : null}
        </span>
      ) : null}
      {session.anonymous ? <AnonymousBadge /> : null}
    </div>
  );
}
