import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiErrorMessageKey } from '../platform/api';
import { listSnapshots, restoreSnapshot, snapshotExport, takeSnapshot, type Snapshot } from './api';
import { snapshotPreview, type SnapshotPreview } from './preview';
import { dateLocale } from '../i18n/dates';
import { PanelPopover } from '../ui/Popover';
import './history.css';

export interface HistoryPanelProps {
  boardId: string;
  /** The facilitator's token (the history is theirs only). */
  token: string;
}

type Restore = { snapshot: Snapshot; undo: Snapshot | null; undone: boolean };

/** The history's state and what the panel does: list, take, preview, restore (and undo a restore). */
function useHistory(boardId: string, token: string) {
  const { t } = useTranslation('export');
  const { t: ta } = useTranslation();
  const [snapshots, setSnapshots] = useState<Snapshot[] | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ id: string; data: SnapshotPreview } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [restore, setRestore] = useState<Restore | null>(null);

  const fail = useCallback(
    (caught: unknown) => {
      const message = caught instanceof ApiError && caught.serverMessage ? caught.serverMessage : ta(apiErrorMessageKey(caught), { message: '' });
      setError(t('history.failed', { message }));
    },
    [t, ta],
  );
  const refresh = useCallback(async () => {
    try {
      setSnapshots(await listSnapshots(boardId, token));
    } catch (caught) {
      fail(caught);
    }
  }, [boardId, token, fail]);

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };

  const take = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    void run('take', async () => {
      await takeSnapshot(boardId, token, trimmed);
      setName('');
      await refresh();
    });
  };

  const showPreview = (snapshot: Snapshot) => {
    if (preview?.id === snapshot.id) {
      setPreview(null);
      return;
    }
    void run(`preview-${snapshot.id}`, async () => {
      setPreview({ id: snapshot.id, data: snapshotPreview(await snapshotExport(boardId, token, snapshot.id)) });
    });
  };

  const restoreNow = (snapshot: Snapshot, undoing: boolean) =>
    run(`restore-${snapshot.id}`, async () => {
      const result = await restoreSnapshot(boardId, token, snapshot.id);
      setConfirming(null);
      setRestore(undoing ? { snapshot, undo: null, undone: true } : { snapshot, undo: result.undo, undone: false });
      await refresh();
    });

  return { snapshots, name, setName, busy, error, preview, confirming, setConfirming, restore, refresh, take, showPreview, restoreNow };
}

/** One snapshot: its name, time and counts; preview, and restore after a confirmation. */
function SnapshotItem({ snapshot, h, time }: { snapshot: Snapshot; h: ReturnType<typeof useHistory>; time: Intl.DateTimeFormat }) {
  const { t } = useTranslation('export');
  const { t: ta } = useTranslation();
  return (
    <li data-testid="history-item" data-snapshot-id={snapshot.id} data-auto={String(snapshot.auto)}>
      <div className="history-entry">
        <span className="history-name" data-testid="history-name">
          {snapshot.name}
        </span>
        {snapshot.auto ? <span className="history-auto">{t('history.auto')}</span> : null}
        <time dateTime={new Date(snapshot.createdAt).toISOString()} className="muted">
          {time.format(snapshot.createdAt)}
        </time>
        <span className="muted">
          {t('history.counts', {
            cards: snapshot.counts.success + snapshot.counts.problem + snapshot.counts.lesson + snapshot.counts.note,
            links: snapshot.counts.links,
          })}
        </span>
      </div>
      <div className="history-actions">
        <button
          type="button"
          className="button secondary"
          data-testid="history-preview-button"
          aria-expanded={h.preview?.id === snapshot.id}
          onClick={() => h.showPreview(snapshot)}
        >
          {h.preview?.id === snapshot.id ? t('history.hidePreview') : t('history.preview')}
        </button>
        {h.confirming === snapshot.id ? (
          <span className="share-confirm" role="group">
            <span>{t('history.restoreConfirm', { name: snapshot.name })}</span>
            <button
              type="button"
              className="button danger"
              data-testid="history-restore-confirm"
              disabled={h.busy !== null}
              onClick={() => void h.restoreNow(snapshot, false)}
            >
              {h.busy === `restore-${snapshot.id}` ? t('history.restoring') : t('history.restoreYes')}
            </button>
            <button type="button" className="button secondary" onClick={() => h.setConfirming(null)}>
              {ta('identity.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" className="button secondary" data-testid="history-restore" onClick={() => h.setConfirming(snapshot.id)}>
            {t('history.restore')}
          </button>
        )}
      </div>
      {h.preview?.id === snapshot.id ? (
        <figure className="history-preview" data-testid="history-preview">
          <img src={h.preview.data.src} alt={t('history.previewAlt', { name: snapshot.name })} data-testid="history-preview-image" />
          <figcaption data-testid="history-preview-counts">{t('history.previewCounts', h.preview.data.counts)}</figcaption>
        </figure>
      ) : null}
    </li>
  );
}

/**
 * The facilitator's history: snapshots newest first (named and automatic), take one by name,
 * preview one as a small picture with its counts, and restore one for everyone after a
 * confirmation. The server keeps the board as it was just before ("Before restoring …"), so
 * right after a restore an undo is offered that restores that.
 */
export function HistoryPanel({ boardId, token }: HistoryPanelProps) {
  const { t, i18n } = useTranslation('export');
  const h = useHistory(boardId, token);
  const { snapshots, name, setName, busy, error, restore, refresh, take, restoreNow } = h;
  // `3 Dec 2026, 15:05`: English dates not in the US order (i18n/dates.ts).
  const time = new Intl.DateTimeFormat(dateLocale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <PanelPopover
      id="history"
      label={t('history.open')}
      triggerTestId="history-button"
      className="history-panel"
      testId="history-panel"
      onOpen={() => void refresh()}
    >
      <h2>{t('history.title')}</h2>
      <p className="muted">{t('history.intro')}</p>
      <form className="history-take" onSubmit={take}>
        <label className="field">
          <span>{t('history.name')}</span>
          <input
            name="snapshot-name"
            maxLength={100}
            required
            placeholder={t('history.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="button primary" data-testid="history-take" disabled={busy !== null || !name.trim()}>
          {busy === 'take' ? t('history.taking') : t('history.take')}
        </button>
      </form>
      {restore ? (
        <p className="history-restored" role="status" data-testid={restore.undone ? 'history-undone' : 'history-restored'}>
          {restore.undone ? t('history.undone') : t('history.restored', { name: restore.snapshot.name })}{' '}
          {restore.undo ? (
            <button
              type="button"
              className="button secondary"
              data-testid="history-undo"
              disabled={busy !== null}
              onClick={() => void restoreNow(restore.undo!, true)}
            >
              {t('history.undo')}
            </button>
          ) : null}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="history-error">
          {error}
        </p>
      ) : null}
      {snapshots === null ? (
        <p className="muted">{t('history.loading')}</p>
      ) : snapshots.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="history-list" data-testid="history-list">
          {snapshots.map((snapshot) => (
            <SnapshotItem key={snapshot.id} snapshot={snapshot} h={h} time={time} />
          ))}
        </ol>
      )}
    </PanelPopover>
  );
}
