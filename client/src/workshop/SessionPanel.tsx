import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { PanelPopover } from '../ui/Popover';
import {
  CARD_KINDS,
  MAX_DOTS,
  benchlearningAgenda,
  clearAgenda,
  clearVoting,
  endVoting,
  goToPhase,
  pauseTimer,
  readMeta,
  resetTimer,
  revealVotes,
  showResults,
  setAgenda,
  setAnonymous,
  setTimer,
  startTimer,
  startVoting,
  type CardKind,
  type Session,
  type BoardDocs,
} from '@benchlearn/shared';
import { libraryState } from '../editor/libraryState';
import { useEditor, useValue } from '../editor/react';
import { serverClock } from './clock';
import { sessionWrite } from './writes';

export interface SessionPanelProps {
  board: BoardDocs;
  session: Session;
  /** Stores a named snapshot of the board (POST /api/boards/:id/snapshots). */
  takeSnapshot(name: string): Promise<void>;
}

/** The facilitator's session controls: agenda, timer, voting, anonymous mode. */
export function SessionPanel({ board, session, takeSnapshot }: SessionPanelProps) {
  const { t } = useTranslation('session');
  return (
    <PanelPopover id="session" label={t('panel.open')} triggerTestId="session-button" className="session-panel" testId="session-panel">
      <AgendaControls board={board} session={session} takeSnapshot={takeSnapshot} />
      <TimerControls board={board} session={session} />
      <VotingControls board={board} session={session} />
      <section className="session-section">
        <h3>{t('anonymous.title')}</h3>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="anonymous-toggle"
            checked={session.anonymous}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              sessionWrite(board, () => setAnonymous(board, on));
            }}
          />
          <span>{t('anonymous.toggle')}</span>
        </label>
        <p className="session-help">{t('anonymous.help')}</p>
      </section>
    </PanelPopover>
  );
}

function AgendaControls({ board, session, takeSnapshot }: SessionPanelProps) {
  const { t } = useTranslation('session');
  const [error, setError] = useState<string | null>(null);
  const agenda = session.agenda;
  // A board of a network ends its agenda with "Publish to the network" (library/LibraryDock opens it).
  const inNetwork = useValue(libraryState(useEditor()).network) !== null;
  if (!agenda) {
    return (
      <section className="session-section">
        <h3>{t('agenda.title')}</h3>
        <button
          type="button"
          className="button secondary"
          data-testid="agenda-use-benchlearning"
          onClick={() => sessionWrite(board, () => setAgenda(board, benchlearningAgenda(readMeta(board).locale, { inNetwork })))}
        >
          {t('agenda.useBenchlearning')}
        </button>
      </section>
    );
  }
  const { current, phases } = agenda;
  /** Leaving a phase stores the board as it stands, named after the phase (in the board's language). */
  const go = (index: number) => {
    const leaving = current >= 0 && current < phases.length && index > current ? phases[current] : undefined;
    sessionWrite(board, () => goToPhase(board, index));
    if (!leaving) return;
    setError(null);
    const name = i18next.getFixedT(readMeta(board).locale, 'session')('agenda.snapshotName', { phase: leaving.title });
    takeSnapshot(name).catch(() => setError(t('agenda.snapshotFailed')));
  };
  return (
    <section className="session-section">
      <h3>{t('agenda.title')}</h3>
      <ol className="session-phases" data-testid="agenda-phases">
        {phases.map((phase, i) => (
          <li key={i} className={i === current ? 'is-current' : i < current ? 'is-done' : undefined} aria-current={i === current ? 'step' : undefined}>
            {phase.title}
          </li>
        ))}
      </ol>
      <div className="session-actions">
        <button type="button" className="button secondary" data-testid="agenda-prev" disabled={current < 0} onClick={() => go(current - 1)}>
          {t('agenda.previous')}
        </button>
        <button type="button" className="button primary" data-testid="agenda-next" disabled={current >= phases.length} onClick={() => go(current + 1)}>
          {current < 0 ? t('agenda.start') : current >= phases.length - 1 ? t('agenda.finish') : t('agenda.next')}
        </button>
        <button type="button" className="button ghost" data-testid="agenda-clear" onClick={() => sessionWrite(board, () => clearAgenda(board))}>
          {t('agenda.clear')}
        </button>
      </div>
      <p className="session-help">{current >= phases.length ? t('agenda.finished') : t('agenda.help')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function TimerControls({ board, session }: Omit<SessionPanelProps, 'takeSnapshot'>) {
  const { t } = useTranslation('session');
  const [minutes, setMinutes] = useState('5');
  const timer = session.timer;
  const running = timer?.startedAt !== null && timer !== null;
  const parsed = Number(minutes.replace(',', '.'));
  const valid = Number.isFinite(parsed) && parsed > 0 && parsed <= 24 * 60;
  return (
    <section className="session-section">
      <h3>{t('timer.title')}</h3>
      <div className="session-actions">
        <label className="session-inline">
          <span>{t('timer.minutes')}</span>
          <input data-testid="timer-minutes" inputMode="decimal" size={4} value={minutes} onChange={(event) => setMinutes(event.target.value)} />
        </label>
        <button
          type="button"
          className="button secondary"
          data-testid="timer-set"
          disabled={!valid}
          onClick={() => sessionWrite(board, () => setTimer(board, parsed * 60_000))}
        >
          {t('timer.set')}
        </button>
      </div>
      {timer ? (
        <div className="session-actions">
          {running ? (
            <button
              type="button"
              className="button secondary"
              data-testid="timer-pause"
              onClick={() => sessionWrite(board, () => pauseTimer(board, serverClock.now()))}
            >
              {t('timer.pause')}
            </button>
          ) : (
            <button
              type="button"
              className="button primary"
              data-testid="timer-start"
              onClick={() => sessionWrite(board, () => startTimer(board, serverClock.now()))}
            >
              {t('timer.start')}
            </button>
          )}
          <button type="button" className="button secondary" data-testid="timer-reset" onClick={() => sessionWrite(board, () => resetTimer(board))}>
            {t('timer.reset')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function VotingControls({ board, session }: Omit<SessionPanelProps, 'takeSnapshot'>) {
  const { t } = useTranslation('session');
  const [kinds, setKinds] = useState<ReadonlySet<CardKind>>(() => new Set(['lesson']));
  const [dots, setDots] = useState('3');
  const [stack, setStack] = useState(false);
  const round = session.voting;
  const dotCount = Number(dots);
  const valid = kinds.size > 0 && Number.isInteger(dotCount) && dotCount >= 1 && dotCount <= MAX_DOTS;
  return (
    <section className="session-section">
      <h3>{t('voting.title')}</h3>
      <fieldset className="session-kinds">
        <legend>{t('voting.kinds')}</legend>
        {CARD_KINDS.map((kind) => (
          <label key={kind} className="checkbox">
            <input
              type="checkbox"
              data-testid={`vote-kind-${kind}`}
              checked={kinds.has(kind)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setKinds((before) => {
                  const next = new Set(before);
                  if (on) next.add(kind);
                  else next.delete(kind);
                  return next;
                });
              }}
            />
            <span>{t(`kindsPlural.${kind}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="session-actions">
        <label className="session-inline">
          <span>{t('voting.dots')}</span>
          <input data-testid="vote-dots" type="number" min={1} max={MAX_DOTS} value={dots} onChange={(event) => setDots(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" data-testid="vote-stack" checked={stack} onChange={(event) => setStack(event.currentTarget.checked)} />
          <span>{t('voting.stack')}</span>
        </label>
      </div>
      <div className="session-actions">
        <button
          type="button"
          className="button primary"
          data-testid="vote-start"
          disabled={!valid}
          title={round ? t('voting.restartHint') : undefined}
          onClick={() => sessionWrite(board, () => void startVoting(board, { kinds: [...kinds], dots: dotCount, stack }))}
        >
          {round ? t('voting.restart') : t('voting.start')}
        </button>
        <RoundButtons board={board} session={session} />
      </div>
    </section>
  );
}

/** What the facilitator does with a running round: reveal, end, show the results on the projector, clear. */
function RoundButtons({ board, session }: Omit<SessionPanelProps, 'takeSnapshot'>) {
  const { t } = useTranslation('session');
  const round = session.voting;
  return (
    <>
      {round && !round.revealed ? (
        <button type="button" className="button secondary" data-testid="vote-reveal" onClick={() => sessionWrite(board, () => revealVotes(board))}>
          {t('voting.reveal')}
        </button>
      ) : null}
      {round?.open ? (
        <button type="button" className="button secondary" data-testid="vote-end" onClick={() => sessionWrite(board, () => endVoting(board))}>
          {t('voting.end')}
        </button>
      ) : null}
      {round ? (
        <button
          type="button"
          className="button secondary"
          data-testid={session.results ? 'vote-results-hide' : 'vote-results-show'}
          onClick={() => sessionWrite(board, () => showResults(board, !session.results))}
        >
          {session.results ? t('voting.hideResults') : t('voting.showResults')}
        </button>
      ) : null}
      {round ? (
        <button type="button" className="button ghost" data-testid="vote-clear" onClick={() => sessionWrite(board, () => clearVoting(board))}>
          {t('voting.clear')}
        </button>
      ) : null}
    </>
  );
}
