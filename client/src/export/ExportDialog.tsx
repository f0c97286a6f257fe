import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import { CARD_KINDS, type CardKind, type BoardDocs } from '@benchlearn/shared';
import { ExportCancelled } from './chunks';
import { saveFile, serverExportHref } from '../platform/download';
import { exportPicture, NothingToExport, pngSize, type BoardSource, type ExportChoice } from './exportBoard';
import { useEditor } from '../editor/react';
import { dateLocale } from '../i18n/dates';
import type { Rect } from './region';
import { PictureFields } from './ExportFields';
import { PanelPopover, usePanelState } from '../ui/Popover';
import './export.css';

export interface ExportDialogProps {
  boardId: string;
  token: string;
  board: BoardDocs;
  awareness: Awareness;
  title: string;
  selection: ReadonlySet<string>;
}

type Phase = { state: 'idle' } | { state: 'working'; progress: number } | { state: 'done'; name: string; url: string } | { state: 'failed'; message: string };

const SERVER_FORMATS = ['json', 'md', 'csv', 'svg'] as const;

/** The part of the board this page shows, as its presence tells the others. */
function ownViewport(awareness: Awareness): Rect | null {
  const viewport: unknown = awareness.getLocalState()?.viewport;
  if (!viewport || typeof viewport !== 'object') return null;
  const { x, y, width, height } = viewport as Record<string, unknown>;
  return [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))
    ? { x: x as number, y: y as number, w: width as number, h: height as number }
    : null;
}

/** A picture being made: its phase, and start and cancel. */
function useExportRun(source: () => BoardSource, choice: ExportChoice): { phase: Phase; start(): void; abort: RefObject<AbortController | null> } {
  const { t, i18n } = useTranslation('export');
  const { t: tc } = useTranslation('canvas');
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const url = phase.state === 'done' ? phase.url : null;
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  useEffect(() => () => abort.current?.abort(), []);
  const start = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ state: 'working', progress: 0 });
    const kindLabels = Object.fromEntries(CARD_KINDS.map((kind) => [kind, tc(`kinds.${kind}`)])) as Record<CardKind, string>;
    // `3 December 2026 at 15:05`, as the report's dates: never the US order (i18n/dates.ts).
    const date = new Intl.DateTimeFormat(dateLocale(i18n.language), { dateStyle: 'long', timeStyle: 'short' }).format(new Date());
    let last = 0;
    try {
      const result = await exportPicture(source(), choice, {
        kindLabels,
        subtitle: t('dialog.subtitle', { date }),
        signal: controller.signal,
        onProgress: (done) => {
          // A re-render per whole percent, not per tile.
          if (Math.floor(done * 100) === last) return;
          last = Math.floor(done * 100);
          setPhase({ state: 'working', progress: done });
        },
      });
      if (controller.signal.aborted) return;
      setPhase({ state: 'done', name: result.fileName, url: saveFile(result.blob, result.fileName) });
    } catch (error) {
      if (error instanceof ExportCancelled) setPhase({ state: 'idle' });
      else if (error instanceof NothingToExport) setPhase({ state: 'failed', message: t('dialog.nothing') });
      else setPhase({ state: 'failed', message: t('dialog.failed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };
  return { phase, start: () => void start(), abort };
}

/**
 * Export for anyone who can view: a picture made in this browser (PNG, SVG, PDF; the whole
 * board, the view or the selection) with progress and cancel, and the server's files as links.
 */
export function ExportDialog({ boardId, token, awareness, title, selection }: ExportDialogProps) {
  // The board as the editor holds it (its read model), not a second read of the documents.
  const editor = useEditor();
  const { t } = useTranslation('export');
  const [choice, setChoice] = useState<ExportChoice>({
    format: 'png',
    area: 'board',
    ratio: 1,
    background: 'white',
    paper: 'auto',
    orientation: 'auto',
    withReport: true,
  });
  const { open } = usePanelState('export');
  const area = choice.area === 'selection' && selection.size === 0 ? 'board' : choice.area;
  const { phase, start, abort } = useExportRun(() => ({ store: editor.store, title, selection, viewport: ownViewport(awareness) }), { ...choice, area });
  // Reading a big board costs a moment: once per choice, not on every progress step.
  const sizing = open && choice.format === 'png';
  const size = useMemo(
    () => (sizing ? pngSize({ store: editor.store, title: '', selection, viewport: ownViewport(awareness) }, { area, ratio: choice.ratio }) : null),
    [sizing, editor, selection, awareness, area, choice.ratio],
  );
  const update = (changes: Partial<ExportChoice>) => setChoice((before) => ({ ...before, ...changes }));
  const working = phase.state === 'working';
  return (
    <PanelPopover id="export" label={t('dialog.open')} triggerTestId="export-button" className="export-panel" testId="export-panel">
      <h2>{t('dialog.title')}</h2>
      <PictureFields choice={choice} area={area} update={update} selectionEmpty={selection.size === 0} size={size} working={working} />
      <ExportProgress phase={phase} onStart={start} onCancel={() => abort.current?.abort()} />
      <ServerFiles boardId={boardId} token={token} />
    </PanelPopover>
  );
}

/** Start, which turns into Cancel with the progress, and what came of it. */
function ExportProgress({ phase, onStart, onCancel }: { phase: Phase; onStart(): void; onCancel(): void }) {
  const { t } = useTranslation('export');
  const working = phase.state === 'working';
  return (
    <>
      <div className="actions">
        {/* One button that turns into Cancel: removing the focused button would make the
            browser move focus, and on a big board that costs a full layout of the page. */}
        <button
          type="button"
          className={working ? 'button secondary' : 'button primary'}
          data-testid={working ? 'export-cancel' : 'export-start'}
          onClick={() => (working ? onCancel() : onStart())}
        >
          {working ? t('dialog.cancel') : t('dialog.start')}
        </button>
        {phase.state === 'working' ? (
          <>
            <progress
              data-testid="export-progress"
              max={1}
              value={phase.progress}
              aria-label={t('dialog.working', { percent: Math.floor(phase.progress * 100) })}
            />
            <span role="status">{t('dialog.working', { percent: Math.floor(phase.progress * 100) })}</span>
          </>
        ) : null}
      </div>
      {phase.state === 'done' ? (
        <p role="status" data-testid="export-done">
          {t('dialog.done', { name: phase.name })}{' '}
          <a href={phase.url} download={phase.name} data-testid="export-download">
            {t('dialog.again')}
          </a>
        </p>
      ) : null}
      {phase.state === 'failed' ? (
        <p className="form-error" role="alert" data-testid="export-error">
          {phase.message}
        </p>
      ) : null}
    </>
  );
}

/** The server's own files of the board, as download links. */
function ServerFiles({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation('export');
  return (
    <>
      <h3>{t('dialog.files')}</h3>
      <p className="muted">{t('dialog.filesHint')}</p>
      <ul className="export-server-files">
        {SERVER_FORMATS.map((format) => (
          <li key={format}>
            <a href={serverExportHref(boardId, token, format)} download data-testid={`server-export-${format}`}>
              {t(`dialog.serverFormats.${format}`)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
