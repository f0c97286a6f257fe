import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { PeerStore, PresencePublisher, readPeer, readPeers, remoteDragOffsets } from './presence';
import type { Clock } from './throttle';

const user = { id: 'u2', name: 'Bob', color: '#ff0000' };

describe('reading others’ presence', () => {
  it('skips my own client and states without a user', () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: 'me', name: 'Me', color: '#000' }, cursor: { x: 1, y: 2 } }],
      [2, { user, cursor: { x: 5, y: 6 } }],
      [3, { cursor: { x: 0, y: 0 } }],
    ]);
    const peers = readPeers(states, 1);
    expect(peers.map((p) => p.clientId)).toEqual([2]);
    expect(peers[0]?.cursor).toEqual({ x: 5, y: 6 });
  });

  it('drops malformed fields instead of trusting them', () => {
    const peer = readPeer(7, { user: { ...user, color: 5 }, cursor: { x: 'a', y: 1 }, dragging: { ids: [1, 'c1'], dx: Infinity, dy: 0 }, selection: 'x' });
    expect(peer).toMatchObject({ cursor: null, dragging: null, selection: [] });
    expect(peer?.user.color).toBe('#888888');
    expect(readPeer(7, { user: { id: 42 } })).toBeNull();
  });

  it('turns live drags into card offsets', () => {
    const peers = readPeers(new Map([[2, { user, dragging: { ids: ['c1', 'c2'], dx: 10, dy: -4 } }]]), 1);
    expect(remoteDragOffsets(peers)).toEqual(
      new Map([
        ['c1', { dx: 10, dy: -4 }],
        ['c2', { dx: 10, dy: -4 }],
      ]),
    );
  });

  it('notifies only the cards whose remote offset changed', () => {
    const mine = new Awareness(new Y.Doc());
    const store = new PeerStore(mine);
    store.start();
    let c1 = 0;
    let c2 = 0;
    store.offsets.subscribe('c1', () => c1++);
    store.offsets.subscribe('c2', () => c2++);
    // Another client's state arrives as it would from the network.
    const theirs = new Awareness(new Y.Doc());
    theirs.setLocalState({ user, dragging: { ids: ['c1'], dx: 3, dy: 4 } });
    mine.states.set(theirs.clientID, theirs.getLocalState()!);
    mine.emit('change', [{ added: [theirs.clientID], updated: [], removed: [] }, 'remote']);
    expect(store.offsets.get('c1')).toEqual({ dx: 3, dy: 4 });
    expect([c1, c2]).toEqual([1, 0]);
    store.stop();
  });
});

describe('publishing my presence', () => {
  it('merges fields into one awareness update per interval and keeps fields set by others', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalStateField('user', user);
    let updates = 0;
    awareness.on('update', () => updates++);
    let now = 0;
    const pending: Array<() => void> = [];
    const clock: Clock = { now: () => now, setTimeout: (fn) => pending.push(fn), clearTimeout: () => pending.splice(0) };
    const publisher = new PresencePublisher(awareness, clock);
    publisher.set({ cursor: { x: 1, y: 1 } });
    expect(updates).toBe(1);
    now = 10;
    publisher.set({ cursor: { x: 2, y: 2 } });
    publisher.set({ viewport: { x: 0, y: 0, scale: 1, width: 100, height: 100 } });
    expect(updates).toBe(1);
    publisher.flush();
    expect(updates).toBe(2);
    expect(awareness.getLocalState()).toMatchObject({ user, cursor: { x: 2, y: 2 }, viewport: { width: 100 } });
  });
});
