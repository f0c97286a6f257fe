import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boardLink } from '@benchlearn/shared';
import { QrCode } from '../ui/QrCode';
import { joinCode, type JoinCode } from '../platform/api';
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

/** The board's short join code, asked of the server once (null while it comes, or when it cannot be had). */
function useJoinCode(boardId: string, token: string, joinToken: string): JoinCode | null {
  const [code, setCode] = useState<JoinCode | null>(null);
  useEffect(() => {
    let live = true;
    joinCode(boardId, token, joinToken).then(
      (answer) => live && setCode(answer),
      () => live && setCode(null),
    );
    return () => {
      live = false;
    };
  }, [boardId, token, joinToken]);
  return code;
}

/**
 * The join column of the projector, beside the board (never over it): a QR code and a short
 * code with its short link (`/j/ABC123`, docs/api.md); the long editor link until the code comes.
 */
export function ProjectorCorner({ boardId, token, joinToken }: { boardId: string; token: string; joinToken: string }) {
  const { t } = useTranslation();
  const code = useJoinCode(boardId, token, joinToken);
  const target = code?.url ?? boardLink(window.location.origin, boardId, joinToken);
  return (
    <aside className="projector-join" data-testid="projector-join" aria-label={t('present.joinLabel')}>
      <QrCode text={target} size={220} label={t('present.qrLabel')} testId="projector-qr" />
      <p className="projector-join-text">{t('present.join')}</p>
      <p className="projector-join-link" data-testid="projector-join-link">
        {target.replace(/^https?:\/\//, '')}
      </p>
      {code ? (
        <p className="projector-join-code">
          <span>{t('present.code')}</span>
          <strong data-testid="projector-join-code">{code.code}</strong>
        </p>
      ) : null}
    </aside>
  );
}
