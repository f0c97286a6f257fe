import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { destroyBoardDocs, newBoardDocs } from '@benchlearn/shared';
import { connectBoard, type BoardConnection } from './connection';
import type { ConnectionState } from './connectionState';
import { peersOf, startPresence, type Identity, type Peer } from './presence';

export interface BoardSessionInput {
  boardId: string;
  token: string;
  editable: boolean;
  /** Who you are at the moment the board opens; later changes go through setPresenceUser. */
  identity: Identity;
  onFinalClose(code: number): void;
  /** False for the projector: it watches without a presence (no avatar, no cursor). */
  presence?: boolean;
}

/**
 * One board (its two documents) and one connection per board page. Made inside the effect, so React's strict-mode
 * double mount gets two full sessions instead of sharing a destroyed document.
 */
export function useBoardConnection({ boardId, token, editable, identity, onFinalClose, presence = true }: BoardSessionInput): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const finalCloseHandler = useRef(onFinalClose);
  const identityAtOpen = useRef(identity);
  useEffect(() => {
    finalCloseHandler.current = onFinalClose;
    identityAtOpen.current = identity;
  }, [onFinalClose, identity]);
  useEffect(() => {
    const board = newBoardDocs();
    const next = connectBoard({ boardId, token, editable, board, onFinalClose: (code) => finalCloseHandler.current(code) });
    // Presence exists before the canvas mounts: awareness ignores setLocalStateField on an
    // empty state, so the canvas's first viewport would otherwise be lost.
    // Awareness ignores field updates on a null state, so the projector stays invisible.
    if (presence) startPresence(next.awareness, identityAtOpen.current);
    else next.awareness.setLocalState(null);
    // Exposed before the canvas mounts (it mounts once `connection` is set), so the canvas can
    // put its stage into this very object (docs/testing-hooks.md).
    const exposed = { stage: null, board, awareness: next.awareness };
    window.__benchlearn = exposed;
    setConnection(next);
    return () => {
      if (window.__benchlearn === exposed) delete window.__benchlearn;
      next.destroy();
      destroyBoardDocs(board);
      setConnection(null);
    };
  }, [boardId, token, editable, presence]);
  return connection;
}

export function useConnectionState(connection: BoardConnection): ConnectionState {
  return useSyncExternalStore(connection.subscribe, connection.getState);
}

/** Who is on the board; re-renders only when that list changes, not on every cursor move. */
export function usePeers(awareness: Awareness, selfId: string): Peer[] {
  const [peers, setPeers] = useState(() => peersOf(awareness, selfId));
  useEffect(() => {
    let key = '';
    const update = () => {
      const next = peersOf(awareness, selfId);
      const nextKey = JSON.stringify(next);
      if (nextKey === key) return;
      key = nextKey;
      setPeers(next);
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, selfId]);
  return peers;
}
