import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addCard, newId, readCards, ROOM_STATE_KEY, setBoardTitle, type RoomState } from '@benchlearn/shared';
import { createLogger } from '../logging';
import { createMetrics } from '../metrics';
import { MessageType, SyncType, decodePresence, encodePresence } from '../rooms/messages';
import { RoomManager } from '../rooms/manager';
import type { Room, RoomPeer } from '../rooms/room';
import { openStorage, SqliteStorage } from '../storage';
import type { Storage } from '../storage/types';
import { tempDataDir, waitFor } from '../testing/testkit';
import { contentBoard } from '../testing/boards';
import type { ClusterPort } from '../rooms/clusterPort';
import type { FrameHandler } from './cluster';
import { FrameKind, INSTANCE_ID_BYTES, updateFrameKind, type Frame } from './frame';
import { BoardLink } from './link';

/**
 * One room with a stand-in for Redis: what the room publishes is recorded, and frames "from
 * another instance" are handed to it as the subscriber would.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const other = new Uint8Array(INSTANCE_ID_BYTES).fill(7);

/** Content rows of the board as a separate connection sees them: only what is committed. */
function countRows(file: string, boardId: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE board_id = ? AND doc = ?').get(boardId, 'content') as { n: number }).n;
  } finally {
    db.close();
  }
}

interface Published {
  kind: FrameKind | 'state';
  payload?: Uint8Array;
  state?: RoomState;
  /** The board's committed rows when it was published, read from the database file by another connection. */
  committedRows: number;
}

async function setUp() {
  const dataDir = tempDataDir();
  const storage: Storage = await openStorage({ databaseUrl: null, dataDir });
  const published: Published[] = [];
  const handlers = new Map<string, FrameHandler>();
  const record = (boardId: string, kind: FrameKind, payload?: Uint8Array) =>
    published.push({ kind, payload, committedRows: storage instanceof SqliteStorage ? countRows(storage.databaseFile, boardId) : -1 });
  const subscriber = {
    subscribe: (boardId: string, handler: FrameHandler) => {
      handlers.set(boardId, handler);
      return Promise.resolve();
    },
    unsubscribe: (boardId: string) => void handlers.delete(boardId),
  };
  // What the Redis implementation would send, recorded as the frame kinds it maps each verb to.
  const fake: ClusterPort = {
    publishUpdate: (boardId, doc, update) => record(boardId, updateFrameKind(doc), update),
    publishPresence: (boardId, presence) => record(boardId, FrameKind.Presence, presence),
    publishClosed: (boardId) => record(boardId, FrameKind.Closed),
    publishRevoked: (boardId, role) => record(boardId, FrameKind.Revoked, Buffer.from(role, 'utf8')),
    publishHello: (boardId) => record(boardId, FrameKind.Hello),
    publishRoomState: (_boardId, state) => void published.push({ kind: 'state', state, committedRows: -1 }),
    onCatchUp: () => {},
    linkBoard: (boardId, actions) => new BoardLink(boardId, subscriber, actions),
  };
  const metrics = createMetrics();
  const rooms = new RoomManager({
    storage,
    metrics,
    log: createLogger('silent'),
    idleMs: 60_000,
    settings: { maxBoardBytes: 1024 * 1024, compactEvery: 1000 },
    cluster: fake,
  });
  const boardId = newId();
  const empty = Y.encodeStateAsUpdate(new Y.Doc());
  await storage.createBoard(boardId, { facilitator: 'f', editor: 'e', viewer: 'v' }, { content: empty, control: empty }, { title: 'T', createdAt: 1 });
  const board = (await rooms.hold(boardId))!;
  const room = board.content;
  cleanups.push(async () => {
    rooms.release(board);
    await rooms.shutdown();
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const rowCount = async () => (await storage.loadDocument(boardId, 'content')).updates.length;
  const deliver = (frame: Frame) => handlers.get(boardId)!(frame);
  return { storage, rooms, board, room, boardId, published, deliver, rowCount, metrics };
}

/** A connection that records what it is sent: documents updates apply, presence is decoded. */
function peer(room: Room, role: RoomPeer['role'] = 'editor') {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const presence: { clientId: number; state: string }[] = [];
  const self: RoomPeer & { doc: Y.Doc; presence: typeof presence } = {
    role,
    doc,
    presence,
    send(message) {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Sync) {
        expect(decoding.readVarUint(decoder)).toBe(SyncType.Update);
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      } else if (type === MessageType.Awareness) {
        for (const entry of decodePresence(decoding.readVarUint8Array(decoder))) presence.push(entry);
      }
    },
    close: () => {},
  };
  room.join(self);
  return self;
}

function cardUpdate(base: Y.Doc, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  addCard(contentBoard(doc), { kind: 'note', x: 0, y: 0, text, authorId: 'a', authorName: 'A' });
  return Y.encodeStateAsUpdate(doc, before);
}

function submit(room: Room, update: Uint8Array, from: RoomPeer | null): Promise<string> {
  return new Promise((resolve) => room.submitUpdate(update, from, (result) => resolve(result)));
}

describe('a room shared with other instances', () => {
  it('publishes an update once it is committed, and relays it locally too', async () => {
    const { room, published, rowCount } = await setUp();
    const alice = peer(room);
    const bob = peer(room);
    const rowsBefore = await rowCount();
    const update = cardUpdate(room.doc, 'hello');
    expect(await submit(room, update, alice)).toBe('applied');
    const frames = published.filter((entry) => entry.kind === FrameKind.Update);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.payload).toEqual(update);
    // Published from the commit's settlement: the row was in storage by then.
    expect(frames[0]!.committedRows).toBe(rowsBefore + 1);
    expect(readCards(contentBoard(bob.doc)).map((card) => card.text)).toEqual(['hello']);
  });

  it('publishes nothing it refused', async () => {
    const { room, published } = await setUp();
    const alice = peer(room, 'editor');
    expect(await submit(room, new Uint8Array([1, 2, 3]), alice)).toBe('invalid');
    expect(published.filter((entry) => entry.kind === FrameKind.Update)).toEqual([]);
  });

  it('applies another instance’s update and relays it here, without storing or publishing it', async () => {
    const { room, published, deliver, rowCount } = await setUp();
    const alice = peer(room);
    const rows = await rowCount();
    const update = cardUpdate(room.doc, 'from elsewhere');
    deliver({ instanceId: other, kind: FrameKind.Update, update });
    expect(readCards(contentBoard(room.doc)).map((card) => card.text)).toEqual(['from elsewhere']);
    expect(readCards(contentBoard(alice.doc)).map((card) => card.text)).toEqual(['from elsewhere']);
    // The same update again (Redis and a catch-up both brought it): nothing new, nothing relayed.
    const before = Y.encodeStateVector(alice.doc);
    deliver({ instanceId: other, kind: FrameKind.Update, update });
    expect(Y.encodeStateVector(alice.doc)).toEqual(before);
    expect(published.filter((entry) => entry.kind !== FrameKind.Hello)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await rowCount()).toBe(rows);
  });

  it('publishes its connections’ presence and their leaving, never the server’s own entry', async () => {
    const { room, published } = await setUp();
    const alice = peer(room);
    peer(room);
    const state = JSON.stringify({ user: { name: 'Alice' } });
    room.receivePresence(alice, encodePresence([{ clientId: 4242, clock: 1, state }]));
    room.leave(alice);
    room.setRoomState({ showJoin: false });
    const presence = published.filter((entry) => entry.kind === FrameKind.Presence).map((entry) => decodePresence(entry.payload!));
    expect(presence).toEqual([[{ clientId: 4242, clock: 1, state }], [{ clientId: 4242, clock: 1, state: 'null' }]]);
    expect(published.filter((entry) => entry.kind === 'state').map((entry) => entry.state)).toEqual([{ locked: false, showJoin: false }]);
    expect(presence.flat().some((entry) => entry.clientId === room.awareness!.clientID)).toBe(false);
  });

  it('shows another instance’s presence here, keeps local connections from speaking for it, and never republishes it', async () => {
    const { room, published, deliver } = await setUp();
    const mallory = peer(room);
    const carol = peer(room);
    const state = JSON.stringify({ user: { name: 'Remote' } });
    deliver({ instanceId: other, kind: FrameKind.Presence, presence: encodePresence([{ clientId: 777, clock: 1, state }]) });
    expect(carol.presence).toContainEqual({ clientId: 777, clock: 1, state });
    // A local connection claiming the remote client's id is refused.
    const { kept } = room.receivePresence(mallory, encodePresence([{ clientId: 777, clock: 5, state: JSON.stringify({ user: { name: 'Fake' } }) }]));
    expect(kept).toBe(0);
    expect((room.awareness!.getStates().get(777) as { user: { name: string } }).user.name).toBe('Remote');
    // Its leaving, told by its instance, takes it away here.
    deliver({ instanceId: other, kind: FrameKind.Presence, presence: encodePresence([{ clientId: 777, clock: 2, state: 'null' }]) });
    expect(room.awareness!.getStates().has(777)).toBe(false);
    expect(published.filter((entry) => entry.kind === FrameKind.Presence)).toEqual([]);
  });

  it('takes another instance’s room state without publishing it back', async () => {
    const { room, published, deliver } = await setUp();
    const eve = peer(room);
    deliver({ instanceId: other, kind: FrameKind.RoomState, state: { locked: true, showJoin: false } });
    expect(room.locked).toBe(true);
    expect(room.state).toEqual({ locked: true, showJoin: false });
    expect(
      eve.presence.some(
        (entry) => entry.clientId === room.awareness!.clientID && (JSON.parse(entry.state) as Record<string, RoomState>)[ROOM_STATE_KEY]?.locked === true,
      ),
    ).toBe(true);
    expect(published.filter((entry) => entry.kind !== FrameKind.Hello)).toEqual([]);
  });

  it('says hello once loaded, and answers another instance’s hello with its room state only once it was changed', async () => {
    const { room, published, deliver } = await setUp();
    expect(published.map((entry) => entry.kind)).toEqual([FrameKind.Hello]);
    deliver({ instanceId: other, kind: FrameKind.Hello });
    expect(published.filter((entry) => entry.kind === 'state')).toEqual([]);
    room.setRoomState({ showJoin: false });
    published.splice(0);
    deliver({ instanceId: other, kind: FrameKind.Hello });
    expect(published.map((entry) => entry.state)).toEqual([{ locked: false, showJoin: false }]);
  });

  it('drops the room when another instance deleted the board, and only then', async () => {
    const { board, room, rooms, boardId, storage, deliver } = await setUp();
    deliver({ instanceId: other, kind: FrameKind.Closed });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rooms.peek(boardId)).toBe(board);
    await storage.deleteBoard(boardId);
    deliver({ instanceId: other, kind: FrameKind.Closed });
    await waitFor(() => rooms.peek(boardId) === undefined, 'the room dropped');
    expect(room.closed).toBe(true);
  });

  it('publishes a committed control update as a control frame, and applies another instance’s control frame to the control document', async () => {
    const { board, published, deliver, storage, boardId } = await setUp();
    const facilitator = peer(board.control, 'facilitator');
    const watcher = peer(board.control, 'viewer');
    const write = (title: string) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(board.control.doc));
      const before = Y.encodeStateVector(doc);
      setBoardTitle({ content: new Y.Doc(), control: doc }, title);
      return Y.encodeStateAsUpdate(doc, before);
    };
    const local = write('Here');
    expect(await submit(board.control, local, facilitator)).toBe('applied');
    const frames = published.filter((entry) => entry.kind === FrameKind.ControlUpdate || entry.kind === FrameKind.Update);
    expect(frames.map((entry) => entry.kind)).toEqual([FrameKind.ControlUpdate]);
    expect(frames[0]!.payload).toEqual(local);
    expect((await storage.loadDocument(boardId, 'control')).updates).toHaveLength(2);

    deliver({ instanceId: other, kind: FrameKind.ControlUpdate, update: write('There') });
    expect(board.control.doc.getMap('meta').get('title')).toBe('There');
    expect(watcher.doc.getMap('meta').get('title')).toBe('There');
    expect(board.content.doc.getMap('meta').size).toBe(0);
  });
});
