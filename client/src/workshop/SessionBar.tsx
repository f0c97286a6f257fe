import { useTranslation } from 'react-i18next';
import { currentPhase, type Session } from '@benchlearn/shared';
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
export function SessionBar({ session, votes, facilitator = false, large = false }: SessionBarProps) {
  const { t } = useTranslation('session');
  const phase = currentPhase(session.agenda);
  const agenda = session.agenda;
  const round = session.voting;
  if (!phase && !session.timer && !round && !session.anonymous) return null;
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
          <span className="session-note">
            {round.revealed ? t('voting.revealed') : facilitator ? t('voting.hiddenFacilitator') : votes ? t('voting.hidden') : t('voting.hiddenAll')}
          </span>
          {round.open && votes && !large ? <span className="session-hint">{t('voting.hint', { count: round.dots })}</span> : null}
        </span>
      ) : null}
      {session.anonymous ? (
        <span className="session-anonymous" data-testid="anonymous-badge" title={t('anonymous.hint')}>
          {t('anonymous.badge')}
        </span>
      ) : null}
    </div>
  );
}
