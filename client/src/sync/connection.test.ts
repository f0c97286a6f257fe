import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, newBoardDocs, readCards, type BoardDocs } from '@benchlearn/shared';
import { connectBoard, syncServerUrl, type BoardConnection } from './connection';

/** Just enough of a browser WebSocket for y-websocket; the test plays the server. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'blob';
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  accept() {
    this.readyState = 1;
    this.onopen?.();
  }
  closeFromServer(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  /** The server's answer to the handshake (sync step 2 with an empty update): the document is synced. */
  sendSynced() {
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    // messageSync (0), syncStep2 (1), then the update with its length (one byte of varUint here).
    this.onmessage?.({ data: new Uint8Array([0, 1, update.length, ...update]).buffer });
  }
}

type Doc = 'content' | 'control';
/** The latest socket of the content document (`/sync/board1`) or of the control document (`/sync/board1/control`). */
const socketOf = (doc: Doc) => [...FakeSocket.instances].reverse().find((socket) => socket.url.includes('/control?') === (doc === 'control'))!;
const acceptAll = () => FakeSocket.instances.filter((socket) => socket.readyState === 0).forEach((socket) => socket.accept());
/** Messages of the y-websocket protocol start with their type: 0 sync, 1 awareness. */
const sentTypes = (socket: FakeSocket) => socket.sent.map((message) => message[0]);

describe('the board connection', () => {
  let connection: BoardConnection | null = null;
  let board: BoardDocs;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    board = newBoardDocs();
  });
  afterEach(() => {
    connection?.destroy();
    connection = null;
    vi.useRealTimers();
  });

  function open(extra: Partial<Parameters<typeof connectBoard>[0]> = {}) {
    connection = connectBoard({
      boardId: 'board1',
      token: 'tok en',
      editable: true,
      board,
      serverUrl: 'ws://127.0.0.1:1/sync',
      WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
      openCache: null,
      ...extra,
    });
    return connection;
  }

  it('connects the content to /sync/<board> and the control to /sync/<board>/control, with the token and without the cross-tab channel', async () => {
    const c = open();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances.map((socket) => socket.url).sort()).toEqual([
      'ws://127.0.0.1:1/sync/board1/control?token=tok%20en',
      'ws://127.0.0.1:1/sync/board1?token=tok%20en',
    ]);
    expect(c.providers.content.disableBc).toBe(true);
    expect(c.providers.control.disableBc).toBe(true);
    expect(c.providers.content.doc).toBe(board.content);
    expect(c.providers.control.doc).toBe(board.control);
  });

  it('is connected when both documents are, and synced when both are', async () => {
    const c = open();
    await vi.advanceTimersByTimeAsync(0);
    socketOf('content').accept();
    expect(c.getState().status).toBe('connecting');
    socketOf('control').accept();
    expect(c.getState().status).toBe('connected');
    socketOf('content').sendSynced();
    expect(c.getState().synced).toBe(false);
    socketOf('control').sendSynced();
    expect(c.getState().synced).toBe(true);
  });

  it('sends presence on the content connection only', async () => {
    const c = open();
    c.awareness.setLocalStateField('user', { id: 'ann', name: 'Ann', color: '#d81b60' });
    await vi.advanceTimersByTimeAsync(0);
    acceptAll();
    c.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    expect(sentTypes(socketOf('content'))).toContain(1);
    expect(sentTypes(socketOf('control'))).not.toContain(1);
    expect(c.providers.control.awareness.getLocalState()).toBeNull();
  });

  it('reconnects after a close that heals, on either document', async () => {
    const c = open();
    await vi.advanceTimersByTimeAsync(0);
    acceptAll();
    socketOf('control').closeFromServer(1006);
    expect(c.getState()).toMatchObject({ status: 'connecting', reconnecting: true });
    await vi.advanceTimersByTimeAsync(3000);
    expect(FakeSocket.instances.length).toBe(3);
    socketOf('control').accept();
    expect(c.getState().status).toBe('connected');
  });

  for (const doc of ['content', 'control'] as const) {
    for (const code of [4401, 4403, 4413, 1009, 4400]) {
      it(`stops both documents for good on ${code} from the ${doc} and says why`, async () => {
        const onFinalClose = vi.fn();
        const c = open({ onFinalClose, deleteDatabase: async () => undefined });
        await vi.advanceTimersByTimeAsync(0);
        acceptAll();
        socketOf(doc).closeFromServer(code);
        await vi.advanceTimersByTimeAsync(30_000);
        expect(FakeSocket.instances.length).toBe(2);
        expect(c.providers.content.shouldConnect).toBe(false);
        expect(c.providers.control.shouldConnect).toBe(false);
        expect(c.getState()).toMatchObject({ status: 'offline', finalCode: code });
        expect(onFinalClose).toHaveBeenCalledTimes(1);
        expect(onFinalClose).toHaveBeenCalledWith(code);
      });
    }
  }

  it('on 4404 from either document drops every offline copy of the board', async () => {
    const deleted: string[] = [];
    const destroy = vi.fn();
    open({
      openCache: () => ({ whenSynced: Promise.resolve(), destroy }),
      deleteDatabase: async (name) => void deleted.push(name),
    });
    await vi.advanceTimersByTimeAsync(0);
    acceptAll();
    socketOf('control').closeFromServer(4404);
    await vi.advanceTimersByTimeAsync(0);
    expect(destroy).toHaveBeenCalledTimes(2);
    expect(deleted.sort()).toEqual(['benchlearn:board1:control:edit', 'benchlearn:board1:control:view', 'benchlearn:board1:edit', 'benchlearn:board1:view']);
  });

  for (const code of [1009, 4413, 4400]) {
    it(`on a refusal (${code}) keeps the offline copies and what was written in this browser`, async () => {
      const deleted: string[] = [];
      const destroy = vi.fn();
      const c = open({
        openCache: () => ({ whenSynced: Promise.resolve(), destroy }),
        deleteDatabase: async (name) => void deleted.push(name),
      });
      await vi.advanceTimersByTimeAsync(0);
      acceptAll();
      const id = addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'written offline', authorId: 'ann', authorName: 'Ann' });
      socketOf('content').closeFromServer(code);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(deleted).toEqual([]);
      expect(destroy).not.toHaveBeenCalled();
      expect(readCards(c.board).map((card) => card.id)).toEqual([id]);
      // Not resent: the refused state stays here until the person reloads.
      expect(FakeSocket.instances.length).toBe(2);
    });
  }

  it('opens the offline copy of each document, named by edit rights, before connecting', async () => {
    const names: string[] = [];
    const docs: Y.Doc[] = [];
    const loaded: Array<() => void> = [];
    open({
      editable: false,
      openCache: (name, doc) => {
        names.push(name);
        docs.push(doc);
        return { whenSynced: new Promise<void>((resolve) => loaded.push(resolve)), destroy: () => undefined };
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(names).toEqual(['benchlearn:board1:view', 'benchlearn:board1:control:view']);
    expect(docs).toEqual([board.content, board.control]);
    loaded[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances.length).toBe(0);
    loaded[1]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances.length).toBe(2);
  });

  it('builds the socket address from the page', () => {
    expect(syncServerUrl({ protocol: 'https:', host: 'bench.example:8443' })).toBe('wss://bench.example:8443/sync');
    expect(syncServerUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/sync');
  });
});
