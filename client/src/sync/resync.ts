import { useEffect, useRef } from 'react';
import { LOCAL_ORIGIN } from './origin';
import type { BoardConnection } from './connection';

/**
 * The server drops an editor's updates while the board is locked (an edit racing the lock, or
 * a script). Yjs numbers each client's changes, so a later edit that builds on a dropped one
 * would wait forever for it on the server and on everyone else. When the lock ends, a session
 * that wrote meanwhile reconnects: the sync handshake sends what the server lacks, and its
 * later edits apply again.
 */
export function useResyncAfterLock(connection: BoardConnection, lockedForMe: boolean): void {
  const wroteWhileLocked = useRef(false);
  const wasLocked = useRef(lockedForMe);
  useEffect(() => {
    if (!lockedForMe) return;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === null || origin === undefined || origin === LOCAL_ORIGIN) wroteWhileLocked.current = true;
    };
    // An editor writes only the content document; that is where the lock drops updates.
    const { content } = connection.board;
    content.on('update', onUpdate);
    return () => content.off('update', onUpdate);
  }, [connection, lockedForMe]);
  useEffect(() => {
    const unlocked = wasLocked.current && !lockedForMe;
    wasLocked.current = lockedForMe;
    if (!unlocked || !wroteWhileLocked.current) return;
    wroteWhileLocked.current = false;
    if (connection.getState().finalCode !== null) return;
    connection.providers.content.disconnect();
    connection.providers.content.connect();
  }, [connection, lockedForMe]);
}
