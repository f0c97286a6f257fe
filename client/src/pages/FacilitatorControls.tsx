import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TITLE_LENGTH } from '@benchlearn/shared';
import { ApiError, apiErrorMessageKey, patchBoard } from '../platform/api';
import { SheetForm } from '../ui/SheetForm';
import { useAction, useEditor, useValue, type ActionState } from '../editor/react';

/** Errors of a facilitator action, in words (never a stack trace). */
export function useActionError(): [string | null, (error: unknown) => void, () => void] {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const report = (error: unknown) => setMessage(t(apiErrorMessageKey(error), { message: error instanceof ApiError ? (error.serverMessage ?? '') : '' }));
  return [message, report, () => setMessage(null)];
}

/** PATCH the title; busy while it goes, the error in words if it fails. */
function useRename(boardId: string, token: string, value: string, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, report] = useActionError();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim() || busy) return;
    setBusy(true);
    try {
      await patchBoard(boardId, token, { title: value.trim() });
      onDone();
    } catch (caught) {
      report(caught);
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

/**
 * The rename form: PATCH title, which the server also writes into meta.title. Inline in the
 * desktop header; on a phone, a sheet (`sheet`) that the header's "More" menu opens.
 */
export function RenameForm({
  boardId,
  token,
  title,
  sheet = false,
  onDone,
  returnFocus,
}: {
  boardId: string;
  token: string;
  title: string;
  sheet?: boolean;
  onDone(): void;
  /** The sheet's: where the focus goes when it closes. */
  returnFocus?(): HTMLElement | null;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(title);
  const { busy, error, submit } = useRename(boardId, token, value, onDone);
  const input = (
    <input
      data-testid="board-title-input"
      aria-label={t('facilitator.titleLabel')}
      value={value}
      required
      maxLength={MAX_TITLE_LENGTH}
      autoFocus
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !sheet) onDone();
      }}
    />
  );
  const save = (
    <button type="submit" className="button primary" data-testid="board-title-save" disabled={busy}>
      {t('identity.save')}
    </button>
  );
  const cancel = (
    <button type="button" className="button secondary" onClick={onDone}>
      {t('identity.cancel')}
    </button>
  );
  const problem = error && (
    <span className="form-error" role="alert">
      {error}
    </span>
  );
  if (!sheet) {
    return (
      <form className="rename-form" onSubmit={(event) => void submit(event)}>
        {input}
        {save}
        {cancel}
        {problem}
      </form>
    );
  }
  return (
    <SheetForm
      className="rename-sheet"
      testId="rename-sheet"
      title={t('facilitator.rename')}
      onSubmit={(event) => void submit(event)}
      onClose={onDone}
      {...(returnFocus ? { returnFocus } : {})}
    >
      <label className="field">
        <span>{t('facilitator.titleLabel')}</span>
        {input}
      </label>
      <div className="actions">
        {cancel}
        {save}
      </div>
      {problem}
    </SheetForm>
  );
}

/**
 * The facilitator renames the board from the desktop header: a pencil that turns into the form
 * (the `rename` action, so "More" and keys open it too); done or cancelled, the focus is back on the pencil.
 */
export function RenameBoard({ boardId, token, title }: { boardId: string; token: string; title: string }) {
  const { t } = useTranslation();
  const editor = useEditor();
  const editing = useValue(editor.panel) === 'rename';
  const pencil = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) pencil.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  if (editing) return <RenameForm boardId={boardId} token={token} title={title} onDone={() => editor.panel.set(null)} />;
  return (
    <button
      ref={pencil}
      type="button"
      className="icon-button rename-button"
      data-testid="rename-board"
      title={t('facilitator.rename')}
      aria-label={t('facilitator.rename')}
      onClick={() => editor.panel.set('rename')}
    >
      <span aria-hidden="true">✎</span>
    </button>
  );
}

/** One of the facilitator's session actions: a toggle button in the header, or an item of "More". */
export interface SessionAction {
  key: 'lock' | 'present' | 'summon';
  testId: string;
  label: string;
  title: string;
  /** For toggles: whether it is on (aria-pressed in the header). */
  pressed?: boolean;
  disabled: boolean;
  run(): void;
}

function asSessionAction(key: SessionAction['key'], testId: string, state: ActionState): SessionAction {
  return {
    key,
    testId,
    label: state.label,
    title: state.title,
    ...(state.pressed !== undefined ? { pressed: state.pressed } : {}),
    disabled: !state.enabled,
    run: state.run,
  };
}

/** Lock, present, bring everyone: the registry's actions as the header shows them, and the lock's error in words. */
export function useSessionActions(): { actions: SessionAction[]; error: string | null } {
  const { t } = useTranslation();
  const editor = useEditor();
  const lock = useAction('lock');
  const present = useAction('present');
  const summon = useAction('summon');
  const error = useValue(editor.actionError);
  return {
    error: error === null ? null : t(apiErrorMessageKey(error), { message: error instanceof ApiError ? (error.serverMessage ?? '') : '' }),
    actions: [asSessionAction('lock', 'lock-toggle', lock), asSessionAction('present', 'present-toggle', present), asSessionAction('summon', 'summon', summon)],
  };
}

/**
 * The facilitator's session buttons that fit in the header (the others are in "More"), and the
 * lock's error. Each button is marked `data-fit=<key>` so the header can measure it.
 */
export function SessionControls({ actions, error, overflowed }: { actions: SessionAction[]; error: string | null; overflowed: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const shown = actions.filter((action) => !overflowed.has(action.key));
  if (shown.length === 0 && !error) return null;
  return (
    <div className="session-controls" role="group" aria-label={t('facilitator.label')}>
      {shown.map((action) => (
        <button
          key={action.key}
          type="button"
          className={`button secondary${action.pressed ? ' is-on' : ''}`}
          data-testid={action.testId}
          data-fit={action.key}
          aria-pressed={action.pressed}
          disabled={action.disabled}
          title={action.title}
          onClick={action.run}
        >
          {action.label}
        </button>
      ))}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
