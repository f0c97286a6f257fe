import { useCallback, useEffect, useRef, useState } from 'react';
import { CloseCode } from '@benchlearn/shared';
import { getBoard } from '../platform/api';
import { accessAfterError, accessFromInfo, type BoardAccess } from './boardAccess';
import { forgetBoard, knownAccess, rememberBoard } from '../platform/recentBoards';
import { browserStore } from '../platform/storage';
import { deleteBoardCaches } from '../sync/cache';

/**
 * Your role, the title and the lock of a board, from the server (remembered for offline use).
 * `recheck` asks again, e.g. after a reconnect: the facilitator may have locked the board.
 */
export function useBoardAccess(boardId: string, token: string | null): { access: BoardAccess; recheck(): void } {
  const [access, setAccess] = useState<BoardAccess>({ phase: 'loading' });
  const latest = useRef(access);
  latest.current = access;
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    let current = true;
    const local = browserStore('local');
    getBoard(boardId, token).then(
      (info) => {
        if (!current) return;
        rememberBoard(local, { boardId, role: info.role, token, title: info.title, locked: info.locked });
        setAccess(accessFromInfo(info));
      },
      (error: unknown) => {
        if (!current) return;
        const next = accessAfterError(error, latest.current, knownAccess(local, boardId, token));
        if (next.phase === 'refused' && next.code === CloseCode.BoardNotFound) {
          forgetBoard(local, boardId);
          void deleteBoardCaches(boardId);
        }
        if (next.phase === 'ready' && next.source === 'remembered') rememberBoard(local, { boardId, role: next.role, token });
        setAccess(next);
      },
    );
    return () => {
      current = false;
    };
  }, [boardId, token, attempt]);

  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  return { access, recheck };
}
