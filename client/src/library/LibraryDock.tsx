import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { currentPhase, readSession, sessionMap, type BoardDocs } from '@benchlearn/shared';
import { useTranslation } from 'react-i18next';
import { libraryState } from '../editor/libraryState';
import { useAction, useCard, useEditor, useSelection, useValue } from '../editor/react';
import { getBoardLibraryEntry, searchBoardLibrary, type BoardNetwork, type LibraryEntry } from '../platform/library';
import { EntryItem } from './EntryItem';
import { placeEntry } from './place';
import { PublishDialog } from './PublishDialog';
import { useLibrarySearch, useSuggestions, type SearchFn } from './useLibrarySearch';
import './library.css';
import { useErrorText } from './useErrorText';

export interface LibraryDockProps {
  boardId: string;
  token: string;
  network: BoardNetwork;
  readOnly: boolean;
}

/**
 * A board of a network: the Library panel (search the network's library, place an entry as a
 * lesson card with its source), "Others learned…" while a problem is written, and the
 * facilitator's "Publish to the network".
 */
export function LibraryDock({ boardId, token, network, readOnly }: LibraryDockProps) {
  const editor = useEditor();
  const state = libraryState(editor);
  useLayoutEffect(() => {
    state.network.set(network);
    return () => state.network.set(null);
  }, [state, network]);
  const open = useValue(state.panelOpen);
  const publishing = useValue(state.publishOpen);
  const narrow = useValue(editor.narrow);
  usePublishStep();
  const search: SearchFn = useCallback((query, signal) => searchBoardLibrary(boardId, token, query, fetch, signal), [boardId, token]);
  return (
    <>
      <div className="library-dock" data-testid="library-dock">
        {!readOnly ? <Suggestions search={search} networkId={network.id} /> : null}
        {/* On a phone the two are in the header's "More" (BoardHeader): the board keeps its room. */}
        {narrow ? null : (
          <div className="library-dock-buttons">
            <ActionButton id="library" testId="library-open" />
            <ActionButton id="publish-to-network" testId="library-publish-open" />
          </div>
        )}
      </div>
      {open ? (
        <LibraryPanel boardId={boardId} token={token} network={network} readOnly={readOnly} search={search} onClose={() => state.panelOpen.set(false)} />
      ) : null}
      {publishing ? <PublishDialog boardId={boardId} token={token} network={network} onClose={() => state.publishOpen.set(false)} /> : null}
    </>
  );
}

/** The index of the agenda's current phase when it is "Publish to the network" (else null), live. */
function usePublishPhase(board: BoardDocs): number | null {
  const read = useCallback(() => {
    const agenda = readSession(board).agenda;
    return currentPhase(agenda)?.action === 'publish' ? (agenda?.current ?? null) : null;
  }, [board]);
  const subscribe = useCallback(
    (listener: () => void) => {
      const map = sessionMap(board);
      map.observe(listener);
      return () => map.unobserve(listener);
    },
    [board],
  );
  return useSyncExternalStore(subscribe, read, read);
}

/**
 * The agenda's "Publish to the network" step: when the facilitator moves to it, the publish
 * dialog opens for them (once per arrival; a board opened while the step runs stays as it is).
 */
function usePublishStep(): void {
  const editor = useEditor();
  const facilitator = useValue(editor.facilitator);
  const phase = usePublishPhase(editor.board);
  const before = useRef(phase);
  useEffect(() => {
    if (phase !== null && phase !== before.current && facilitator && editor.editable) libraryState(editor).publishOpen.set(true);
    before.current = phase;
  }, [phase, facilitator, editor]);
}

/** A button of the action registry (its words, state and click come from the action). */
function ActionButton({ id, testId }: { id: 'library' | 'publish-to-network'; testId: string }) {
  const action = useAction(id);
  if (!action.visible) return null;
  return (
    <button
      type="button"
      className={id === 'library' ? 'library-open' : undefined}
      title={action.title}
      disabled={!action.enabled}
      {...(action.pressed === undefined ? {} : { 'aria-pressed': action.pressed })}
      onClick={action.run}
      data-testid={testId}
    >
      {action.label}
    </button>
  );
}

interface PanelProps {
  boardId: string;
  token: string;
  network: BoardNetwork;
  readOnly: boolean;
  search: SearchFn;
  onClose(): void;
}

function LibraryPanel({ boardId, token, network, readOnly, search, onClose }: PanelProps) {
  const { t } = useTranslation('library');
  const errorText = useErrorText();
  const editor = useEditor();
  const [text, setText] = useState('');
  const state = useLibrarySearch(search, text);
  const place = (entry: LibraryEntry) => placeEntry(editor, entry, network.id);
  return (
    <aside className="library-panel" aria-label={t('panel.title')} data-testid="library-panel">
      <header className="library-panel-head">
        <h2>{t('panel.title')}</h2>
        <span className="library-network">{network.name}</span>
        <button type="button" className="library-close" aria-label={t('panel.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <SelectedEntry boardId={boardId} token={token} />
      <label className="library-search">
        <span>{t('panel.search')}</span>
        <input type="search" value={text} placeholder={t('panel.placeholder')} onChange={(event) => setText(event.target.value)} data-testid="library-search" />
      </label>
      <div className="library-results" aria-live="polite" aria-busy={state.phase === 'loading'}>
        {state.phase === 'loading' ? <p className="library-status">{t('panel.loading')}</p> : null}
        {state.phase === 'failed' ? <p role="alert">{t('panel.failed', { message: errorText(state.error) })}</p> : null}
        {state.phase === 'done' && state.entries.length === 0 ? <p className="library-status">{t('panel.empty')}</p> : null}
        {state.phase === 'done'
          ? state.entries.map((entry) => (
              <EntryItem
                key={entry.id}
                entry={entry}
                actions={
                  readOnly ? null : (
                    <button type="button" onClick={() => place(entry)} data-testid="library-place">
                      {t('panel.place')}
                    </button>
                  )
                }
              />
            ))
          : null}
      </div>
    </aside>
  );
}

/** The library entry of the one selected card placed from the library ("opens the entry"). */
function SelectedEntry({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation('library');
  const selection = useSelection();
  const only = selection.size === 1 ? ([...selection][0] ?? '') : '';
  const card = useCard(only);
  const entryId = card?.source?.entryId ?? null;
  const [entry, setEntry] = useState<LibraryEntry | null>(null);
  useEffect(() => {
    setEntry(null);
    if (!entryId) return;
    let live = true;
    getBoardLibraryEntry(boardId, token, entryId).then(
      (found) => live && setEntry(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [boardId, token, entryId]);
  if (!entry) return null;
  return (
    <section className="library-selected" aria-label={t('panel.entry')} data-testid="library-selected-entry">
      <EntryItem entry={entry} headingLevel={3} />
    </section>
  );
}

/**
 * "Others learned…" while a problem card is written: the best matches for its text, each one
 * click from being placed and linked to it. Stays for the last problem written, so a click on
 * it (which ends the typing) still finds it.
 */
function Suggestions({ search, networkId }: { search: SearchFn; networkId: string }) {
  const { t } = useTranslation('library');
  const editor = useEditor();
  const editing = useValue(editor.editing);
  const [problemId, setProblemId] = useState<string | null>(null);
  const editingCard = useCard(editing ?? '');
  useEffect(() => {
    if (editingCard) setProblemId(editingCard.kind === 'problem' ? editingCard.id : null);
  }, [editingCard]);
  const problem = useCard(problemId ?? '');
  const entries = useSuggestions(search, problem?.kind === 'problem' ? problem.text : '');
  if (!problem || entries.length === 0) return null;
  return (
    <section className="library-suggestions" aria-label={t('panel.suggestionsHint')} data-testid="library-suggestions">
      <header className="library-panel-head">
        <h2>{t('panel.suggestions')}</h2>
        <button type="button" className="library-close" aria-label={t('panel.close')} onClick={() => setProblemId(null)}>
          ×
        </button>
      </header>
      {entries.map((entry) => (
        <EntryItem
          key={entry.id}
          entry={entry}
          headingLevel={3}
          actions={
            <button
              type="button"
              onPointerDown={(event) => event.preventDefault()}
              onClick={() => {
                placeEntry(editor, entry, networkId, problem.id);
                setProblemId(null);
              }}
              data-testid="library-place-link"
            >
              {t('panel.placeAndLink')}
            </button>
          }
        />
      ))}
    </section>
  );
}
