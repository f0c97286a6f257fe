import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boardLink } from '@benchlearn/shared';
import { deleteBoardCaches } from '../sync/cache';
import { forgetBoard, loadRecentBoards, type RecentBoard } from '../platform/recentBoards';
import { navigate } from '../platform/router';
import { browserStore } from '../platform/storage';
import { formatDateTime } from '../i18n/dates';

/** `3 Dec 2026, 15:05`: English dates not in the US order (i18n/dates.ts). */
function formatWhen(ms: number, language: string): string {
  return formatDateTime(ms, language);
}

/** Boards this browser opened: open one again, or forget it here (and its offline copy). */
export function RecentBoards() {
  const { t, i18n } = useTranslation();
  const [boards, setBoards] = useState<RecentBoard[]>(() => loadRecentBoards(browserStore('local')));
  const forget = (board: RecentBoard) => {
    const rest = forgetBoard(browserStore('local'), board.boardId);
    if (!rest.some((other) => other.boardId === board.boardId)) void deleteBoardCaches(board.boardId);
    setBoards(rest);
  };
  return (
    <section className="card recent-boards stack" data-testid="recent-boards" aria-labelledby="recent-boards-title">
      <h2 id="recent-boards-title">{t('start.recentTitle')}</h2>
      {boards.length === 0 && <p className="muted">{t('start.recentEmpty')}</p>}
      <ul className="recent-list">
        {boards.map((board) => {
          const title = board.title || t('start.untitled');
          const href = boardLink(window.location.origin, board.boardId, board.token);
          return (
            <li key={`${board.boardId}:${board.role}`} className="recent-board" data-board-id={board.boardId} data-role={board.role}>
              <a
                className="recent-board-open"
                href={href}
                aria-label={t('start.openLabel', { title })}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  navigate(href);
                }}
              >
                <span className="recent-board-title">{title}</span>
                <span className="recent-board-meta">
                  <span className={`role-badge role-${board.role}`}>{t(`roles.${board.role}`)}</span>{' '}
                  {t('start.lastOpened', { when: formatWhen(board.lastOpened, i18n.language) })}
                </span>
              </a>
              <button type="button" className="button ghost" aria-label={t('start.forgetLabel', { title })} onClick={() => forget(board)}>
                {t('start.forget')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
