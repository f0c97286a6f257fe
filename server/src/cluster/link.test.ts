import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { LoadedBoard } from '../rooms/board';
import type { FrameHandler } from './cluster';
import { FrameKind, INSTANCE_ID_BYTES, type Frame } from './frame';
import { BoardLink } from './link';

const from = new Uint8Array(INSTANCE_ID_BYTES);
const update = (byte: number): Frame => ({ instanceId: from, kind: FrameKind.Update, update: new Uint8Array([byte]) });

function fakeCluster(confirm: Promise<void> = Promise.resolve()) {
  let handler: FrameHandler | null = null;
  return {
    subscribe: vi.fn((_boardId: string, h: FrameHandler) => {
      handler = h;
      return confirm;
    }),
    unsubscribe: vi.fn((_boardId: string, h: FrameHandler) => {
      if (handler === h) handler = null;
    }),
    deliver: (frame: Frame) => handler?.(frame),
    get subscribed() {
      return handler !== null;
    },
  };
}

/** A loaded board as the link sees it: updates of either document recorded by their first byte, the control's negated. */
function fakeRoom() {
  const applied: number[] = [];
  const content = { doc: new Y.Doc(), applyRemoteUpdate: (u: Uint8Array) => applied.push(u[0]!), receiveRemotePresence: vi.fn() };
  const control = { doc: new Y.Doc(), applyRemoteUpdate: (u: Uint8Array) => applied.push(-u[0]!) };
  const room = {
    closed: false,
    content,
    control,
    room: (doc: string) => (doc === 'content' ? content : control),
    setRoomState: vi.fn(),
  };
  return { room: room as unknown as LoadedBoard, applied, raw: room };
}

describe('a board’s link to the cluster', () => {
  it('holds what arrives while the board loads and applies it, in order, once the room exists', async () => {
    const cluster = fakeCluster();
    const link = new BoardLink('b', cluster, { closed: vi.fn(), catchUp: vi.fn(), hello: vi.fn(), revoked: vi.fn() });
    await link.subscribe();
    cluster.deliver(update(1));
    cluster.deliver(update(2));
    const { room, applied } = fakeRoom();
    expect(applied).toEqual([]);
    link.attach(room);
    expect(applied).toEqual([1, 2]);
    cluster.deliver(update(3));
    cluster.deliver({ instanceId: from, kind: FrameKind.ControlUpdate, update: new Uint8Array([4]) });
    expect(applied).toEqual([1, 2, 3, -4]);
  });

  it('routes presence, room state, deletes and resync requests', async () => {
    const cluster = fakeCluster();
    const actions = { closed: vi.fn(), catchUp: vi.fn(), hello: vi.fn(), revoked: vi.fn() };
    const link = new BoardLink('b', cluster, actions);
    await link.subscribe();
    const { room, raw } = fakeRoom();
    link.attach(room);
    cluster.deliver({ instanceId: from, kind: FrameKind.Presence, presence: new Uint8Array([5]) });
    cluster.deliver({ instanceId: from, kind: FrameKind.RoomState, state: { locked: true, showJoin: false } });
    cluster.deliver({ instanceId: from, kind: FrameKind.Closed });
    cluster.deliver({ instanceId: from, kind: FrameKind.Resync });
    cluster.deliver({ instanceId: from, kind: FrameKind.Hello });
    cluster.deliver({ instanceId: from, kind: FrameKind.Revoked, role: 'editor' });
    expect(raw.content.receiveRemotePresence).toHaveBeenCalledWith(new Uint8Array([5]));
    expect(raw.setRoomState).toHaveBeenCalledWith({ locked: true, showJoin: false }, true);
    expect(actions.closed).toHaveBeenCalledWith('b');
    expect(actions.catchUp).toHaveBeenCalledWith(room);
    expect(actions.hello).toHaveBeenCalledWith(room);
    expect(actions.revoked).toHaveBeenCalledWith(room, 'editor');
  });

  it('re-reads storage when a remote update cannot be placed (it builds on updates never published), at most once a second', async () => {
    const cluster = fakeCluster();
    const actions = { closed: vi.fn(), catchUp: vi.fn(), hello: vi.fn(), revoked: vi.fn() };
    const link = new BoardLink('b', cluster, actions);
    await link.subscribe();
    const doc = new Y.Doc();
    const target = { doc, applyRemoteUpdate: (u: Uint8Array) => Y.applyUpdate(doc, u) };
    const room = { closed: false, room: () => target } as unknown as LoadedBoard;
    link.attach(room);
    // Typing, each character building on the one before.
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (const [i, char] of [...'abcd'].entries()) source.getText('t').insert(i, char);
    const deliver = (u: Uint8Array) => cluster.deliver({ instanceId: from, kind: FrameKind.Update, update: u });

    deliver(updates[0]!);
    expect(actions.catchUp).not.toHaveBeenCalled();
    // The second was committed and never published; the third builds on it.
    deliver(updates[2]!);
    expect(actions.catchUp).toHaveBeenCalledTimes(1);
    expect(actions.catchUp).toHaveBeenCalledWith(room);
    // Still stuck a moment later: no second re-read within the second.
    deliver(updates[3]!);
    expect(actions.catchUp).toHaveBeenCalledTimes(1);
  });

  it('does not stall a load on a Redis that does not answer, and re-reads storage once it does', async () => {
    let confirm!: () => void;
    const cluster = fakeCluster(new Promise<void>((resolve) => (confirm = resolve)));
    const actions = { closed: vi.fn(), catchUp: vi.fn(), hello: vi.fn(), revoked: vi.fn() };
    const link = new BoardLink('b', cluster, actions);
    const started = Date.now();
    await link.subscribe(50);
    expect(Date.now() - started).toBeLessThan(1000);
    const { room } = fakeRoom();
    link.attach(room);
    expect(actions.catchUp).not.toHaveBeenCalled();
    confirm();
    await vi.waitFor(() => expect(actions.catchUp).toHaveBeenCalledWith(room));
  });

  it('unsubscribes when closed, and drops what arrives afterwards', async () => {
    const cluster = fakeCluster();
    const link = new BoardLink('b', cluster, { closed: vi.fn(), catchUp: vi.fn(), hello: vi.fn(), revoked: vi.fn() });
    await link.subscribe();
    const { room, applied } = fakeRoom();
    link.attach(room);
    link.close();
    expect(cluster.subscribed).toBe(false);
    cluster.deliver(update(9));
    expect(applied).toEqual([]);
  });
});
