import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { connectBoard, syncServerUrl, type BoardConnection } from './connection';

/** Just enough of a browser WebSocket for y-websocket; the test plays the server. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'blob';
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: unknown) {
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
}

const latest = () => FakeSocket.instances[FakeSocket.instances.length - 1]!;

describe('the board connection', () => {
  let connection: BoardConnection | null = null;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
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
      doc: new Y.Doc(),
      serverUrl: 'ws://127.0.0.1:1/sync',
      WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
      openCache: null,
      ...extra,
    });
    return connection;
  }

  it('connects to /sync/<board> with the token and without the cross-tab channel', async () => {
    const c = open();
    await vi.advanceTimersByTimeAsync(0);
    expect(latest().url).toBe('ws://127.0.0.1:1/sync/board1?token=tok%20en');
    expect(c.provider.disableBc).toBe(true);
    latest().accept();
    expect(c.getState().status).toBe('connected');
  });

  it('reconnects after a close that heals', async () => {
    const c = open();
    await vi.advanceTimersByTimeAsync(0);
    latest().accept();
    latest().closeFromServer(1006);
    expect(c.getState()).toMatchObject({ status: 'connecting', reconnecting: true });
    await vi.advanceTimersByTimeAsync(3000);
    expect(FakeSocket.instances.length).toBe(2);
  });

  for (const code of [4401, 4403, 4413, 1009, 4400]) {
    it(`stops for good on ${code} and says why`, async () => {
      const onFinalClose = vi.fn();
      const c = open({ onFinalClose, deleteDatabase: async () => undefined });
      await vi.advanceTimersByTimeAsync(0);
      latest().accept();
      latest().closeFromServer(code);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(FakeSocket.instances.length).toBe(1);
      expect(c.provider.shouldConnect).toBe(false);
      expect(c.getState()).toMatchObject({ status: 'offline', finalCode: code });
      expect(onFinalClose).toHaveBeenCalledTimes(1);
      expect(onFinalClose).toHaveBeenCalledWith(code);
    });
  }

  it('on 4404 drops both offline copies of the board', async () => {
    const deleted: string[] = [];
    const destroy = vi.fn();
    open({
      openCache: () => ({ whenSynced: Promise.resolve(), destroy }),
      deleteDatabase: async (name) => void deleted.push(name),
    });
    await vi.advanceTimersByTimeAsync(0);
    latest().accept();
    latest().closeFromServer(4404);
    await vi.advanceTimersByTimeAsync(0);
    expect(destroy).toHaveBeenCalled();
    expect(deleted.sort()).toEqual(['benchlearn:board1:edit', 'benchlearn:board1:view']);
  });

  it('on a refused update drops only this session’s copy, so a reload does not resend it', async () => {
    const deleted: string[] = [];
    open({
      editable: true,
      openCache: () => ({ whenSynced: Promise.resolve(), destroy: () => undefined }),
      deleteDatabase: async (name) => void deleted.push(name),
    });
    await vi.advanceTimersByTimeAsync(0);
    latest().accept();
    latest().closeFromServer(1009);
    await vi.advanceTimersByTimeAsync(0);
    expect(deleted).toEqual(['benchlearn:board1:edit']);
  });

  it('opens the offline copy named by edit rights before connecting', async () => {
    const names: string[] = [];
    let loaded!: () => void;
    open({
      editable: false,
      openCache: (name) => {
        names.push(name);
        return { whenSynced: new Promise<void>((resolve) => (loaded = resolve)), destroy: () => undefined };
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(names).toEqual(['benchlearn:board1:view']);
    expect(FakeSocket.instances.length).toBe(0);
    loaded();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances.length).toBe(1);
  });

  it('builds the socket address from the page', () => {
    expect(syncServerUrl({ protocol: 'https:', host: 'bench.example:8443' })).toBe('wss://bench.example:8443/sync');
    expect(syncServerUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/sync');
  });
});
