import { describe, expect, it } from 'vitest';
import { claimsFacilitatorPresence, findRoomState, roomStateOf } from './room';

describe('room state', () => {
  it('is read from the state that carries `room`, with safe defaults for odd values', () => {
    expect(roomStateOf({ user: { id: 'a' } })).toBeNull();
    expect(roomStateOf({ room: { locked: true } })).toEqual({ locked: true, showJoin: true });
    expect(roomStateOf({ room: { locked: 'yes', showJoin: false } })).toEqual({ locked: false, showJoin: false });
    const states = new Map<number, unknown>([
      [1, { user: { id: 'a' } }],
      [2, { room: { locked: true, showJoin: false } }],
    ]);
    expect(findRoomState(states)).toEqual({ locked: true, showJoin: false });
    expect(findRoomState(new Map())).toBeNull();
  });

  it('knows which presence only a facilitator may send', () => {
    expect(claimsFacilitatorPresence({ presenting: true })).toBe(true);
    expect(claimsFacilitatorPresence({ presenting: false, summon: 0 })).toBe(true);
    expect(claimsFacilitatorPresence({ presenting: false, cursor: null })).toBe(false);
    expect(claimsFacilitatorPresence(null)).toBe(false);
  });
});
