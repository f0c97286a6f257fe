import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { timerRemaining, type Timer as TimerState } from '@benchlearn/shared';
import { announcerOf } from '../editor/announcements';
import { useEditor } from '../editor/react';
import { useNow } from './hooks';

/** m:ss (or h:mm:ss) of a whole number of seconds. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.floor(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export type TimerPhase = 'running' | 'paused' | 'done';

export function timerPhase(timer: TimerState, remainingMs: number): TimerPhase {
  if (remainingMs <= 0 && (timer.startedAt !== null || timer.remainingMs === 0)) return 'done';
  return timer.startedAt !== null ? 'running' : 'paused';
}

/** Tells the live region when the countdown runs out while it is watched (not when it was already out). */
function useAnnounceDone(phase: TimerPhase): void {
  const editor = useEditor();
  const last = useRef(phase);
  useEffect(() => {
    if (phase === 'done' && last.current === 'running') announcerOf(editor).push({ type: 'timer-done' });
    last.current = phase;
  }, [editor, phase]);
}

/**
 * The facilitator's countdown, the same on every screen: everyone counts against the server's
 * clock as their browser estimates it (clock.ts). At zero it flashes.
 */
export function Timer({ timer, large = false }: { timer: TimerState; large?: boolean }) {
  const { t } = useTranslation('session');
  const now = useNow(timer.startedAt !== null);
  const remainingMs = timerRemaining(timer, now);
  const seconds = Math.ceil(remainingMs / 1000);
  const phase = timerPhase(timer, remainingMs);
  useAnnounceDone(phase);
  return (
    <span
      className={`session-timer is-${phase}${large ? ' is-large' : ''}`}
      data-testid="timer"
      data-remaining={seconds}
      data-state={phase}
      role="timer"
      aria-label={phase === 'done' ? t('timer.done') : t('timer.label', { time: formatSeconds(seconds) })}
    >
      <svg className="session-timer-icon" width="1em" height="1em" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M8 9 V6 M6 2 H10" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <span className="session-timer-time">{formatSeconds(seconds)}</span>
      {phase === 'paused' ? <span className="session-timer-note">{t('timer.paused')}</span> : null}
      {phase === 'done' ? <span className="session-timer-note">{t('timer.done')}</span> : null}
    </span>
  );
}
