import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit, tokenFromHash } from '@benchlearn/shared';
import type { Identity } from '../editor/types';
import { apiErrorMessageKey } from '../platform/api';
import { BoardError } from './BoardError';
import { BoardView } from './BoardView';
import { resolveToken } from '../platform/boardToken';
import { PageHeader } from '../ui/PageHeader';
import { browserStore } from '../platform/storage';
import { useBoardAccess } from './useBoardAccess';
import './board.css';

export interface BoardPageProps {
  boardId: string;
  hash: string;
  /** The projector view (`/b/:id/present`). */
  presentation: boolean;
  identity: Identity;
  onEditIdentity(): void;
}

/** Finds your token and role for the board, then opens it with the matching rights. */
export function BoardPage({ boardId, hash, presentation, identity, onEditIdentity }: BoardPageProps) {
  const { t } = useTranslation();
  const token = useMemo(() => resolveToken({ boardId, hash, session: browserStore('session'), local: browserStore('local') }), [boardId, hash]);

  // Opened from this tab's memory (a bare /b/:id): put the token back in the fragment, so the
  // address bar shows a link that works when copied.
  useEffect(() => {
    if (token && !tokenFromHash(window.location.hash)) {
      window.history.replaceState(null, '', `${window.location.pathname}#token=${encodeURIComponent(token)}`);
    }
  }, [token]);

  const { access, recheck } = useBoardAccess(boardId, token);

  if (!token) return <BoardMessage>{t('board.noToken')}</BoardMessage>;
  if (access.phase === 'loading') return <BoardMessage busy>{t('board.loading')}</BoardMessage>;
  if (access.phase === 'refused') {
    return (
      <BoardMessage>
        <BoardError code={access.code} />
      </BoardMessage>
    );
  }
  if (access.phase === 'failed') {
    return (
      <BoardMessage>
        <p role="alert">{t(apiErrorMessageKey(access.error), { message: '' })}</p>
      </BoardMessage>
    );
  }
  // The role picks the offline copy, so a change of role opens a fresh session. The lock does
  // not: it arrives live with the room state and makes the open session read-only at once.
  const editable = canEdit(access.role, false);
  return (
    <BoardView
      key={`${boardId}|${token}|${editable ? 'edit' : 'view'}`}
      boardId={boardId}
      token={token}
      access={access}
      editable={editable}
      presentation={presentation}
      hash={hash}
      identity={identity}
      onEditIdentity={onEditIdentity}
      onConnected={recheck}
    />
  );
}

/** A board page with nothing to show but a message (loading, no token, refused). */
function BoardMessage({ children, busy = false }: { children: ReactNode; busy?: boolean }) {
  return (
    <div className="page board-message-page">
      <PageHeader />
      <main className="board-message" aria-busy={busy}>
        {children}
      </main>
    </div>
  );
}
