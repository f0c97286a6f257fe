import { useTranslation } from 'react-i18next';
import { boardLink } from '@benchlearn/shared';
import { QrCode } from '../ui/QrCode';
import { loadRecentBoards } from '../platform/recentBoards';
import { browserStore } from '../platform/storage';

/**
 * The editor token the projector shows as a join code: from its own link (`#…&join=TOKEN`, as
 * the share dialog's "Open projector" makes it), else from what this browser knows as the
 * board's facilitator (the facilitator usually opens the projector on their own laptop).
 */
export function joinTokenFor(boardId: string, hash: string): string | null {
  for (const part of hash.replace(/^#/, '').split('&')) {
    const [key, value] = part.split('=');
    if (key === 'join' && value) {
      try {
        return decodeURIComponent(value);
      } catch {
        break;
      }
    }
  }
  const known = loadRecentBoards(browserStore('local')).find((board) => board.boardId === boardId && board.share?.editor);
  return known?.share?.editor ?? null;
}

/** The join corner of the projector: a QR code and the link to the board for editors. */
export function ProjectorCorner({ boardId, joinToken }: { boardId: string; joinToken: string }) {
  const { t } = useTranslation();
  const link = boardLink(window.location.origin, boardId, joinToken);
  const short = link.replace(/^https?:\/\//, '');
  return (
    <aside className="projector-join" data-testid="projector-join" aria-label={t('present.joinLabel')}>
      <QrCode text={link} size={220} label={t('present.qrLabel')} testId="projector-qr" />
      <p className="projector-join-text">{t('present.join')}</p>
      <p className="projector-join-link" data-testid="projector-join-link">
        {short}
      </p>
    </aside>
  );
}
