/**
 * Room state and the facilitator's presence fields (docs/protocol.md). The server publishes
 * the room state as a presence state of its own, under ROOM_STATE_KEY; it drops any client
 * state that carries that key, so whoever shows a `room` entry is the server.
 */
export const ROOM_STATE_KEY = 'room';

export interface RoomState {
  /** Editors may not change the board (the server drops their updates). */
  locked: boolean;
  /** The projector shows the join QR code and link. */
  showJoin: boolean;
}

export const DEFAULT_ROOM_STATE: RoomState = { locked: false, showJoin: true };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The room state in one presence state, or null when it carries none (a client's state). */
export function roomStateOf(state: unknown): RoomState | null {
  if (!isRecord(state) || !isRecord(state[ROOM_STATE_KEY])) return null;
  const room = state[ROOM_STATE_KEY];
  return {
    locked: room.locked === true,
    showJoin: room.showJoin !== false,
  };
}

/** The server's room state among all presence states, if it has sent one. */
export function findRoomState(states: Iterable<[number, unknown]>): RoomState | null {
  for (const [, state] of states) {
    const room = roomStateOf(state);
    if (room) return room;
  }
  return null;
}

/**
 * Whether a presence state claims what only a facilitator may: presenting (the projector
 * follows them) or a `summon` (every view jumps to theirs). The server drops such a state
 * from anyone else.
 */
export function claimsFacilitatorPresence(state: unknown): boolean {
  if (!isRecord(state)) return false;
  return state.presenting === true || state.summon !== undefined;
}
