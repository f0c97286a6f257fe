import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { findRoomState, type RoomState } from '@benchlearn/shared';

/**
 * The room state the server publishes as its own presence (docs/protocol.md): the lock and
 * whether projectors show the join code. Null until the server has sent it (offline, or an
 * older server), so callers fall back to what GET /api/boards said.
 */
export function useRoomState(awareness: Awareness): RoomState | null {
  const [room, setRoom] = useState<RoomState | null>(() => findRoomState(awareness.getStates()));
  useEffect(() => {
    let key = '';
    const update = () => {
      const next = findRoomState(awareness.getStates());
      const nextKey = JSON.stringify(next);
      if (nextKey === key) return;
      key = nextKey;
      setRoom(next);
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);
  return room;
}
