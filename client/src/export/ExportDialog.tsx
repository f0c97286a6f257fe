import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import { CARD_KINDS, type CardKind, type BoardDocs } from '@benchlearn/shared';
import { ExportCancelled } from './chunks';
import { saveFile, serverExportHref } from '../platform/download';
import { exportPicture, NothingToExport, pngSize, type BoardSource, type ExportChoice, type PictureFormat } from './exportBoard';
import { PNG_LIMITS, type ExportArea, type Rect } from './region';
import type { Background } from './render';
import type { Orientation, PaperSize } from './pdf';
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

const FORMATS: readonly PictureFormat[] = ['png', 'svg', 'pdf'];
const AREAS: readonly ExportArea[] = ['board', 'view', 'selection'];
const RATIOS = ['1', '2', '3'] as const;
const BACKGROUNDS: readonly Background[] = ['white', 'transparent'];
const PAPERS: readonly PaperSize[] = ['a4', 'a3'];
const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait'];
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

function pick<T extends string>(options: readonly T[], value: string, fallback: T): T {
  return (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * Export for anyone who can view: a picture made in this browser (PNG, SVG, PDF; the whole
 * board, the view or the selection) with progress and cancel, and the server's files as links.
 */
export function ExportDialog({ boardId, token, board, awareness, title, selection }: ExportDialogProps) {
  const { t, i18n } = useTranslation('export');
  const { t: tc } = useTranslation('canvas');
  const [choice, setChoice] = useState<ExportChoice>({
    format: 'png',
    area: 'board',
    ratio: 1,
    background: 'white',
    paper: 'a4',
    orientation: 'landscape',
    withReport: true,
  });
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const [open, setOpen] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const url = phase.state === 'done' ? phase.url : null;
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  useEffect(() => () => abort.current?.abort(), []);

  const area = choice.area === 'selection' && selection.size === 0 ? 'board' : choice.area;
  const source = (): BoardSource => ({ board, title, selection, viewport: ownViewport(awareness) });
  // Reading a big board costs a moment: once per choice, not on every progress step.
  const sizing = open && choice.format === 'png';
  const size = useMemo(
    () => (sizing ? pngSize({ board, title: '', selection, viewport: ownViewport(awareness) }, { area, ratio: choice.ratio }) : null),
    [sizing, board, selection, awareness, area, choice.ratio],
  );
  const update = (changes: Partial<ExportChoice>) => setChoice((before) => ({ ...before, ...changes }));

  const start = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ state: 'working', progress: 0 });
    const kindLabels = Object.fromEntries(CARD_KINDS.map((kind) => [kind, tc(`kinds.${kind}`)])) as Record<CardKind, string>;
    const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date());
    let last = 0;
    try {
      const result = await exportPicture(
        source(),
        { ...choice, area },
        {
          kindLabels,
          subtitle: t('dialog.subtitle', { date }),
          signal: controller.signal,
          onProgress: (done) => {
            // A re-render per whole percent, not per tile.
            if (Math.floor(done * 100) === last) return;
            last = Math.floor(done * 100);
            setPhase({ state: 'working', progress: done });
          },
        },
      );
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

  const working = phase.state === 'working';
  return (
    <details className="share export" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="button secondary" data-testid="export-button">
        {t('dialog.open')}
      </summary>
      <div className="export-panel popover" data-testid="export-panel">
        <h2>{t('dialog.title')}</h2>
        <fieldset className="export-fields" disabled={working}>
          <legend>{t('dialog.picture')}</legend>
          <label className="field">
            <span>{t('dialog.format')}</span>
            <select name="export-format" value={choice.format} onChange={(e) => update({ format: pick(FORMATS, e.target.value, 'png') })}>
              {FORMATS.map((format) => (
                <option key={format} value={format}>
                  {t(`dialog.formats.${format}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('dialog.area')}</span>
            <select name="export-area" value={area} onChange={(e) => update({ area: pick(AREAS, e.target.value, 'board') })}>
              {AREAS.map((option) => (
                <option key={option} value={option} disabled={option === 'selection' && selection.size === 0}>
                  {t(`dialog.areas.${option}`)}
                </option>
              ))}
            </select>
          </label>
          {selection.size === 0 ? <small className="muted">{t('dialog.selectionEmpty')}</small> : null}
          {choice.format === 'png' ? (
            <label className="field">
              <span>{t('dialog.ratio')}</span>
              <select name="export-ratio" value={String(choice.ratio)} onChange={(e) => update({ ratio: Number(pick(RATIOS, e.target.value, '1')) })}>
                {RATIOS.map((ratio) => (
                  <option key={ratio} value={ratio}>
                    {t(`dialog.ratios.${ratio}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {choice.format !== 'pdf' ? (
            <label className="field">
              <span>{t('dialog.background')}</span>
              <select name="export-background" value={choice.background} onChange={(e) => update({ background: pick(BACKGROUNDS, e.target.value, 'white') })}>
                {BACKGROUNDS.map((background) => (
                  <option key={background} value={background}>
                    {t(`dialog.backgrounds.${background}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <>
              <div className="field-row">
                <label className="field">
                  <span>{t('dialog.paper')}</span>
                  <select name="export-paper" value={choice.paper} onChange={(e) => update({ paper: pick(PAPERS, e.target.value, 'a4') })}>
                    {PAPERS.map((paper) => (
                      <option key={paper} value={paper}>
                        {t(`dialog.papers.${paper}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field">
                  <span>{t('dialog.orientation')}</span>
                  <select
                    name="export-orientation"
                    value={choice.orientation}
                    onChange={(e) => update({ orientation: pick(ORIENTATIONS, e.target.value, 'landscape') })}
                  >
                    {ORIENTATIONS.map((orientation) => (
                      <option key={orientation} value={orientation}>
                        {t(`dialog.orientations.${orientation}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <label className="checkbox">
                <input type="checkbox" name="export-report" checked={choice.withReport} onChange={(e) => update({ withReport: e.target.checked })} />
                <span>{t('dialog.withReport')}</span>
              </label>
            </>
          )}
          {size ? (
            <p className="muted" data-testid="export-size" data-width={size.width} data-height={size.height}>
              {t('dialog.size', { width: size.width.toLocaleString(i18n.language), height: size.height.toLocaleString(i18n.language) })}
              {size.reduced ? <> {t('dialog.reduced', { limit: Math.round(PNG_LIMITS.maxPixels / 1e6) })}</> : null}
            </p>
          ) : null}
        </fieldset>
        <div className="actions">
          {/* One button that turns into Cancel: removing the focused button would make the
              browser move focus, and on a big board that costs a full layout of the page. */}
          <button
            type="button"
            className={working ? 'button secondary' : 'button primary'}
            data-testid={working ? 'export-cancel' : 'export-start'}
            onClick={() => (working ? abort.current?.abort() : void start())}
          >
            {working ? t('dialog.cancel') : t('dialog.start')}
          </button>
          {working ? (
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
      </div>
    </details>
  );
}
