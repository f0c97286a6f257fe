import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { MAX_PRESENCE_PER_ROOM } from '@benchlearn/shared';
import { serverWithRoom } from '../testing/boards';
import { decodePresence, encodePresence } from './messages';
import type { RoomPeer } from './room';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function viewer(identity = 'viewer'): RoomPeer & { sent: number } {
  const peer = { role: 'viewer' as const, identity, sent: 0, send: () => void (peer.sent += 1), close: () => {} };
  return peer;
}

describe('presence in a room', () => {
  it(`holds at most ${MAX_PRESENCE_PER_ROOM} states, the server’s own included; a late joiner is sent only those`, async () => {
    const { room } = await serverWithRoom(cleanups);
    const state = JSON.stringify({ user: { name: 'P' } });
    const peers = Array.from({ length: MAX_PRESENCE_PER_ROOM + 20 }, () => viewer());
    peers.forEach((peer, i) => {
      room.join(peer);
      room.receivePresence(peer, encodePresence([{ clientId: 100 + i, clock: 1, state }]));
    });
    expect(room.awareness!.getStates().size).toBe(MAX_PRESENCE_PER_ROOM);
    const decoder = decoding.createDecoder(room.presenceSnapshot()!);
    decoding.readVarUint(decoder);
    expect(decodePresence(decoding.readVarUint8Array(decoder), false)).toHaveLength(MAX_PRESENCE_PER_ROOM);
    // One leaves: its place is free for the next.
    room.leave(peers[0]!);
    const late = peers.at(-1)!;
    room.receivePresence(late, encodePresence([{ clientId: 100_000, clock: 1, state }]));
    expect(room.awareness!.getStates().has(100_000)).toBe(true);
    for (const peer of peers) room.leave(peer);
  });

  it('the presence answer is encoded once until presence changes', async () => {
    const { room } = await serverWithRoom(cleanups);
    const first = room.presenceSnapshot();
    expect(room.presenceSnapshot()).toBe(first);
    const peer = viewer();
    room.join(peer);
    room.receivePresence(peer, encodePresence([{ clientId: 55, clock: 1, state: '{}' }]));
    expect(room.presenceSnapshot()).not.toBe(first);
    room.leave(peer);
  });
});
