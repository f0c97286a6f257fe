import { describe, expect, it } from 'vitest';
import { addFrame, newBoardDocs } from '@benchlearn/shared';
import { Awareness } from 'y-protocols/awareness';
import { Camera } from './camera';
import { PROJECTOR_BODY_PX } from './follow';
import { BODY_FONT_SIZE } from '../ui/kinds';
import { PeerStore, PresencePublisher, type Peer } from '../editor/presence';
import { Signal } from '../editor/stores';
import { startedStore, testCard } from '../editor/testBoard';
import { READABLE_SCALE, screenToBoard, type Size, type View } from '../editor/viewport';

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
  it('opens readable on what arrives while the board loads, cards and then frames in the other document; once synced, new content leaves the view alone', async () => {
    const { board, view, camera } = setup();
    testCard(board, 'success', 0, 0);
    await Promise.resolve();
    const cardsOnly = view.get();
    expect(cardsOnly).not.toEqual({ x: 40, y: 40, scale: 1 });
    // The control document (frames) syncs after the content: the first view takes it in, at
    // a readable zoom from the first frame's top-left (the frames do not fit readably).
    addFrame(board, { title: 'Problems', x: 5000, y: -1000, w: 6000, h: 3000 });
    addFrame(board, { title: 'Successes', x: -2000, y: -1000, w: 6000, h: 3000 });
    await Promise.resolve();
    const whole = view.get();
    expect(whole.scale).toBe(READABLE_SCALE);
    expect(screenToBoard(whole, { x: 24, y: 24 })).toEqual({ x: -2000, y: -1000 });
    camera.settle();
    expect(view.get()).toEqual(whole);
    testCard(board, 'success', 9000, 0);
    await Promise.resolve();
    expect(view.get()).toEqual(whole);
  });

  it('stops fitting arrivals once the user moved the view, even before the board synced', async () => {
    const { board, view, camera } = setup();
    testCard(board, 'success', 0, 0);
    await Promise.resolve();
    camera.zoomStep(2);
    const zoomed = view.get();
    addFrame(board, { title: 'Far', x: -5000, y: -5000, w: 100, h: 100 });
    await Promise.resolve();
    camera.settle();
    expect(view.get()).toBe(zoomed);
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
    // Her view fits this screen at 100%, where body text is too small for the back row: it is
    // shown at the presentation scale, centred on the middle of what she sees (1000, 850).
    const shown = view.get();
    expect(shown.scale * BODY_FONT_SIZE).toBeCloseTo(PROJECTOR_BODY_PX);
    expect(1000 * shown.scale + shown.x).toBeCloseTo(500);
    expect(850 * shown.scale + shown.y).toBeCloseTo(350);
    peers.peers.set([]);
    expect(camera.presenter.get()).toBe(null);
    expect(view.get().x).not.toBe(-500);
  });
});
