import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TITLE_LENGTH } from '@benchlearn/shared';
import { ApiError, apiErrorMessageKey, patchBoard } from './api';

/** Errors of a facilitator action, in words (never a stack trace). */
export function useActionError(): [string | null, (error: unknown) => void, () => void] {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const report = (error: unknown) =>
    setMessage(t(apiErrorMessageKey(error), { message: error instanceof ApiError ? (error.serverMessage ?? '') : '' }));
  return [message, report, () => setMessage(null)];
}

/** The facilitator renames the board: PATCH title, which the server also writes into meta.title. */
export function RenameBoard({ boardId, token, title }: { boardId: string; token: string; title: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(title);
  const [busy, setBusy] = useState(false);
  const [error, report, clear] = useActionError();
  if (!editing) {
    return (
      <button
        type="button"
        className="icon-button rename-button"
        data-testid="rename-board"
        title={t('facilitator.rename')}
        aria-label={t('facilitator.rename')}
        onClick={() => {
          setValue(title);
          clear();
          setEditing(true);
        }}
      >
        <span aria-hidden="true">✎</span>
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim() || busy) return;
    setBusy(true);
    try {
      await patchBoard(boardId, token, { title: value.trim() });
      setEditing(false);
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="rename-form" onSubmit={(event) => void submit(event)}>
      <input
        data-testid="board-title-input"
        aria-label={t('facilitator.titleLabel')}
        value={value}
        required
        maxLength={MAX_TITLE_LENGTH}
        autoFocus
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setEditing(false);
        }}
      />
      <button type="submit" className="button primary" data-testid="board-title-save" disabled={busy}>
        {t('identity.save')}
      </button>
      <button type="button" className="button secondary" onClick={() => setEditing(false)}>
        {t('identity.cancel')}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

export interface SessionControlsProps {
  boardId: string;
  token: string;
  locked: boolean;
  presenting: boolean;
  onPresentingChange(presenting: boolean): void;
  onSummon(): void;
}

/** Lock, present, bring everyone: the facilitator's session buttons (hidden for others). */
export function SessionControls({ boardId, token, locked, presenting, onPresentingChange, onSummon }: SessionControlsProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, report, clear] = useActionError();
  const toggleLock = async () => {
    setBusy(true);
    clear();
    try {
      // The room state brings the new lock back to everyone, this page included.
      await patchBoard(boardId, token, { locked: !locked });
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="session-controls" role="group" aria-label={t('facilitator.label')}>
      <button
        type="button"
        className={`button secondary${locked ? ' is-on' : ''}`}
        data-testid="lock-toggle"
        aria-pressed={locked}
        disabled={busy}
        title={locked ? t('facilitator.unlockHint') : t('facilitator.lockHint')}
        onClick={() => void toggleLock()}
      >
        {locked ? t('facilitator.unlock') : t('facilitator.lock')}
      </button>
      <button
        type="button"
        className={`button secondary${presenting ? ' is-on' : ''}`}
        data-testid="present-toggle"
        aria-pressed={presenting}
        title={t('facilitator.presentHint')}
        onClick={() => onPresentingChange(!presenting)}
      >
        {presenting ? t('facilitator.stopPresenting') : t('facilitator.present')}
      </button>
      <button type="button" className="button secondary" data-testid="summon" title={t('facilitator.summonHint')} onClick={onSummon}>
        {t('facilitator.summon')}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
