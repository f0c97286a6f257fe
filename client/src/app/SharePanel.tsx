import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boardLink } from '@benchlearn/shared';
import type { RecentBoard } from './recentBoards';

/** The editor and viewer links, for the facilitator to hand out (known to the creating browser). */
export function SharePanel({ boardId, share }: { boardId: string; share: RecentBoard['share'] | undefined }) {
  const { t } = useTranslation();
  const origin = window.location.origin;
  const links = [
    { role: 'editor', label: t('board.shareEditor'), token: share?.editor },
    { role: 'viewer', label: t('board.shareViewer'), token: share?.viewer },
  ].filter((link): link is { role: string; label: string; token: string } => Boolean(link.token));
  return (
    <details className="share">
      <summary className="button secondary" data-testid="share-button">
        {t('board.share')}
      </summary>
      <div className="share-panel popover">
        <h2>{t('board.shareTitle')}</h2>
        {links.length === 0 && <p className="muted">{t('board.shareUnknown')}</p>}
        {links.map((link) => (
          <ShareLink key={link.role} role={link.role} label={link.label} url={boardLink(origin, boardId, link.token)} />
        ))}
      </div>
    </details>
  );
}

function ShareLink({ role, label, url }: { role: string; label: string; url: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="share-link">
      <label className="field">
        <span>{label}</span>
        <input readOnly value={url} data-testid={`share-link-${role}`} onFocus={(event) => event.target.select()} />
      </label>
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false));
        }}
      >
        {copied ? t('board.copied') : t('board.copy')}
      </button>
    </div>
  );
}
