import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { openNewBoard } from '../platform/openNewBoard';
import { ApiError, apiErrorMessageKey } from '../platform/api';
import type { ImportProblem } from '@benchlearn/shared';
import { checkBoardFile, importBoardFile, prepareBoardFile, problemLimit, problemPlace } from '../platform/importBoard';
import './importBoard.css';

type State = { phase: 'idle' } | { phase: 'busy'; name: string } | { phase: 'error'; message: string };

/** What is wrong with a file, in the person's language: where (card 4, field “text”) and the rule. */
function useProblemText(): (problem: ImportProblem) => string {
  const { t } = useTranslation('export');
  return (problem) => {
    const { where, n, field } = problemPlace(problem.path);
    const place = t(`import.place.${where}`, { n });
    const rule = t(`import.rules.${problem.rule}`, { limit: problemLimit(problem) });
    return t('import.problem', { place: field ? t('import.place.field', { place, field }) : place, rule });
  };
}

/**
 * Import on the start page: pick or drop a board file (JSON export). It is checked here first
 * with the server's own rules (shared's parseBoardExport), then sent; the new board opens as
 * its facilitator's, remembered like a created board.
 */
export function ImportBoard() {
  const { t } = useTranslation('export');
  const { t: ta } = useTranslation();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [dragging, setDragging] = useState(false);
  const problemText = useProblemText();

  const importFile = async (file: File) => {
    if (state.phase === 'busy') return;
    const tooLarge = checkBoardFile(file.size);
    if (tooLarge) {
      setState({ phase: 'error', message: t('import.invalid', { message: problemText(tooLarge) }) });
      return;
    }
    setState({ phase: 'busy', name: file.name });
    try {
      const text = await file.text();
      const prepared = prepareBoardFile(text);
      if (!prepared.ok) {
        setState({ phase: 'error', message: t('import.invalid', { message: problemText(prepared.problem) }) });
        return;
      }
      const board = await importBoardFile(prepared.text);
      openNewBoard(board);
    } catch (error) {
      const message =
        error instanceof ApiError && error.serverMessage && (error.status === 400 || error.status === 413)
          ? t('import.refused', { message: error.serverMessage })
          : `${t('import.failed')} ${ta(apiErrorMessageKey(error), { message: '' })}`;
      setState({ phase: 'error', message });
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void importFile(file);
  };

  return (
    <section
      className={`card import-board stack${dragging ? ' is-dragging' : ''}`}
      data-testid="import-board"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2>{t('import.title')}</h2>
      <p className="muted">{t('import.hint')}</p>
      <div className="import-drop" data-testid="import-drop">
        <label className="button secondary import-choose">
          {t('import.choose')}
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            data-testid="import-file"
            disabled={state.phase === 'busy'}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
        <span className="muted">{t('import.drop')}</span>
      </div>
      <ImportState state={state} />
    </section>
  );
}

/** What the import is doing, or why it failed. */
function ImportState({ state }: { state: State }) {
  const { t } = useTranslation('export');
  return (
    <>
      {state.phase === 'busy' ? (
        <p role="status" aria-live="polite">
          {t('import.importing', { name: state.name })}
        </p>
      ) : null}
      {state.phase === 'error' ? (
        <p className="form-error" role="alert" data-testid="import-error">
          {state.message}
        </p>
      ) : null}
    </>
  );
}
