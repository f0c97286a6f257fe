import { describe, expect, it } from 'vitest';
import { newBoardDocs } from '@benchlearn/shared';
import { Awareness } from 'y-protocols/awareness';
import { Camera } from './camera';
import { PeerStore, PresencePublisher, type Peer } from './presence';
import { Signal } from './stores';
import { startedStore, testCard } from './testBoard';
import type { Size, View } from './viewport';

function setup(presentation = false) {
  const board = newBoardDocs();
  const awareness = new Awareness(board.content);
  const store = startedStore(board);
  const peers = new PeerStore(awareness);
  const view = new Signal<View>({ x: 40, y: 40, scale: 1 });
  const size = new Signal<Size>({ width: 1000, height: 700 });
  const camera = new Camera({ store, peers, publisher: new PresencePublisher(awareness), view, size, stage: () => null, presentation: () => presentation });
  return { board, peers, view, camera, stop: camera.start() };
}

const peer = (userId: string, viewport: Peer['viewport'], presenting = false): Peer => ({
  clientId: userId.length,
  user: { id: userId, name: userId, color: '#000000' },
  cursor: null,
  selection: [],
  dragging: null,
  viewport,
  presenting,
  summon: null,
});

describe('Camera', () => {
  it('fits the first content once; content coming later leaves the view alone', async () => {
    const { board, view } = setup();
    testCard(board, 'success', 0, 0);
    await Promise.resolve();
    const first = view.get();
    expect(first).not.toEqual({ x: 40, y: 40, scale: 1 });
    testCard(board, 'success', 5000, 0);
    await Promise.resolve();
    expect(view.get()).toBe(first);
  });

  it('follows a person until the user moves the view', () => {
    const { peers, view, camera } = setup();
    peers.peers.set([peer('bob', { x: 1000, y: 1000, w: 1000, h: 700 })]);
    camera.follow('bob');
    expect(view.get()).toEqual({ x: -1000, y: -1000, scale: 1 });
    peers.peers.set([peer('bob', { x: 2000, y: 1000, w: 1000, h: 700 })]);
    expect(view.get().x).toBe(-2000);
    camera.zoomStep(2);
    expect(camera.following.get()).toBe(null);
    const zoomed = view.get();
    peers.peers.set([peer('bob', { x: 0, y: 0, w: 1000, h: 700 })]);
    expect(view.get()).toBe(zoomed);
  });

  it('the projector shows what the presenter sees, and the whole board when nobody presents', async () => {
    const { board, peers, view, camera } = setup(true);
    testCard(board, 'success', 0, 0);
    await Promise.resolve();
    peers.peers.set([peer('ann', { x: 500, y: 500, w: 1000, h: 700 }, true)]);
    expect(camera.presenter.get()).toBe('ann');
    expect(view.get()).toEqual({ x: -500, y: -500, scale: 1 });
    peers.peers.set([]);
    expect(camera.presenter.get()).toBe(null);
    expect(view.get().x).not.toBe(-500);
  });
});
