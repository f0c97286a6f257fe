import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boardLink, presentPath, type Role } from '@benchlearn/shared';
import { ApiError, apiErrorMessageKey, rotateToken } from '../platform/api';
import { QrCode } from '../ui/QrCode';
import { PanelPopover } from '../ui/Popover';
import { rememberBoard, type RecentBoard } from '../platform/recentBoards';
import { navigate } from '../platform/router';
import { browserStore } from '../platform/storage';

type Share = NonNullable<RecentBoard['share']>;

export interface SharePanelProps {
  boardId: string;
  /** The facilitator token this page was opened with. */
  token: string;
  /** The editor and viewer tokens, known to the browser that created the board (or rotated them). */
  share: RecentBoard['share'] | undefined;
  /** Room state: whether projectors show the join code. */
  showJoin: boolean;
  onShowJoinChange(show: boolean): void;
}

/** The projector view's address: the viewer token to watch with, the editor link to show as a join code. */
export function projectorHref(boardId: string, watchToken: string, joinToken: string | undefined): string {
  const join = joinToken ? `&join=${encodeURIComponent(joinToken)}` : '';
  return `${presentPath(boardId)}#token=${encodeURIComponent(watchToken)}${join}`;
}

/**
 * The facilitator's share dialog: the three links with copy buttons, a QR code of the editor
 * link, a new link per role (the old one stops working), and the projector.
 */
export function SharePanel({ boardId, token, share, showJoin, onShowJoinChange }: SharePanelProps) {
  const { t } = useTranslation();
  const origin = window.location.origin;
  const [known, setKnown] = useState<Share>(() => ({ ...share }));
  const [rotated, setRotated] = useState<ReadonlySet<Role>>(() => new Set());
  const tokens: Record<Role, string | undefined> = { facilitator: token, editor: known.editor, viewer: known.viewer };
  const editorLink = known.editor ? boardLink(origin, boardId, known.editor) : null;

  const onRotated = (role: Role, fresh: string) => {
    const local = browserStore('local');
    if (role === 'facilitator') {
      // This page's own link changed: remember the new one and move to it.
      rememberBoard(local, { boardId, role, token: fresh, share: known });
      navigate(boardLink(origin, boardId, fresh), { replace: true });
      return;
    }
    const next = { ...known, [role]: fresh };
    rememberBoard(local, { boardId, role: 'facilitator', token, share: next });
    setKnown(next);
    setRotated((before) => new Set([...before, role]));
  };

  return (
    <PanelPopover id="share" label={t('board.share')} triggerTestId="share-button" className="share-panel" testId="share-panel">
      <h2>{t('board.shareTitle')}</h2>
      {(['editor', 'viewer', 'facilitator'] as const).map((role) => (
        <ShareLink
          key={role}
          boardId={boardId}
          role={role}
          ownToken={token}
          url={tokens[role] ? boardLink(origin, boardId, tokens[role]) : null}
          rotated={rotated.has(role)}
          onRotated={(fresh) => onRotated(role, fresh)}
        />
      ))}
      {editorLink ? (
        <figure className="share-qr">
          <QrCode text={editorLink} size={200} label={t('share.qrLabel')} testId="share-qr" />
          <figcaption>{t('share.qrCaption')}</figcaption>
        </figure>
      ) : null}
      <div className="share-projector">
        <a
          className="button secondary"
          data-testid="open-projector"
          href={projectorHref(boardId, known.viewer ?? token, known.editor)}
          target="_blank"
          rel="noopener"
        >
          {t('share.openProjector')}
        </a>
        <label className="checkbox">
          <input type="checkbox" data-testid="show-join-toggle" checked={showJoin} onChange={(e) => onShowJoinChange(e.target.checked)} />
          <span>{t('share.showJoin')}</span>
        </label>
      </div>
    </PanelPopover>
  );
}

interface ShareLinkProps {
  boardId: string;
  role: Role;
  ownToken: string;
  url: string | null;
  rotated: boolean;
  onRotated(token: string): void;
}

function ShareLink({ boardId, role, ownToken, url, rotated, onRotated }: ShareLinkProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await rotateToken(boardId, ownToken, role);
      setConfirming(false);
      onRotated(result.token);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="share-link" data-testid={`share-${role}`}>
      <label className="field">
        <span>{t(`share.label.${role}`)}</span>
        {url ? (
          <input readOnly value={url} data-testid={`share-link-${role}`} onFocus={(event) => event.target.select()} />
        ) : (
          <span className="muted">{t('board.shareUnknown')}</span>
        )}
      </label>
      <div className="share-link-actions">
        {url ? (
          <button
            type="button"
            className="button secondary"
            data-testid={`copy-${role}`}
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {copied ? t('board.copied') : t('board.copy')}
          </button>
        ) : null}
        {confirming ? (
          <span className="share-confirm" role="group" aria-label={t('share.rotateConfirmLabel')}>
            <span>{t(role === 'facilitator' ? 'share.rotateWarningOwn' : 'share.rotateWarning')}</span>
            <button type="button" className="button danger" data-testid={`rotate-confirm-${role}`} disabled={busy} onClick={() => void rotate()}>
              {t('share.rotateConfirm')}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {t('identity.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" className="button secondary" data-testid={`rotate-${role}`} onClick={() => setConfirming(true)}>
            {t('share.rotate')}
          </button>
        )}
      </div>
      {rotated ? (
        <p className="share-rotated" role="status" data-testid={`rotated-${role}`}>
          {t('share.rotated')}
        </p>
      ) : null}
      {error !== null ? (
        <p className="form-error" role="alert">
          {t(apiErrorMessageKey(error), { message: error instanceof ApiError ? (error.serverMessage ?? '') : '' })}
        </p>
      ) : null}
    </div>
  );
}
