import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addCard, readCards, setCardBounds, type BoardDocument } from '@benchlearn/shared';
import { contentBoard } from '../testing/boards';
import { SqliteStorage, type Storage, type UpdateRow } from '../storage';
import {
  connectProvider,
  createBoard,
  startServer,
  storedDoc,
  tempDataDir,
  waitFor,
  type CreatedBoard,
  type TestProvider,
  type TestServer,
} from '../testing/testkit';
import { buildServerIfNeeded, serverDir, serverLaunchArgs } from '../../launch.mjs';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(client: TestProvider): TestProvider {
  cleanups.push(() => client.destroy());
  return client;
}

function texts(client: TestProvider): string[] {
  return readCards(contentBoard(client.doc)).map((card) => card.text);
}

/** The real entry point in a child process, started as npm start starts it (server/launch.json). */
async function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  buildServerIfNeeded();
  const child = spawn(process.execPath, serverLaunchArgs(), {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ROOM_IDLE_MS: '60000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', () => reject(new Error(`server exited: ${output}`)));
  });
  return { child, url, exited };
}

async function createOver(url: string): Promise<CreatedBoard> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Durable' }),
  });
  return (await response.json()) as CreatedBoard;
}

describe('durability', () => {
  it('an update another client has seen survives SIGKILL of the server process; SIGTERM exits 0', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startProcess(dataDir);
    const syncUrl = `${first.url.replace('http', 'ws')}/sync`;
    const board = await createOver(first.url);
    const alice = track(connectProvider({ syncUrl }, board.id, board.tokens.editor));
    const bob = track(connectProvider({ syncUrl }, board.id, board.tokens.viewer));
    await Promise.all([alice.synced, bob.synced]);
    addCard(contentBoard(alice.doc), { kind: 'lesson', x: 0, y: 0, text: 'seen by Bob', authorId: 'a', authorName: 'A' });
    await waitFor(() => texts(bob).includes('seen by Bob'), 'the card at Bob');
    first.child.kill('SIGKILL');
    await first.exited;
    alice.provider.disconnect();
    bob.provider.disconnect();

    const second = await startProcess(dataDir);
    const carol = track(connectProvider({ syncUrl: `${second.url.replace('http', 'ws')}/sync` }, board.id, board.tokens.viewer));
    await carol.synced;
    expect(texts(carol)).toContain('seen by Bob');

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('relays an update only after storage has committed it', async () => {
    const dataDir = tempDataDir();
    const inner = new SqliteStorage(dataDir);
    // A slow disk: if the server relayed first, Bob would see the card long before it is stored.
    const slow: Storage = Object.assign(Object.create(inner) as Storage, {
      appendUpdate: async (id: string, doc: BoardDocument, update: Uint8Array) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return inner.appendUpdate(id, doc, update);
      },
      appendUpdates: async (rows: readonly UpdateRow[]) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return inner.appendUpdates(rows);
      },
    });
    const app = await startServer({ dataDir }, { storage: slow });
    cleanups.push(() => app.stop());
    const board = await createBoard(app);
    const alice = track(connectProvider(app, board.id, board.tokens.editor));
    const bob = track(connectProvider(app, board.id, board.tokens.viewer));
    await Promise.all([alice.synced, bob.synced]);
    addCard(contentBoard(alice.doc), { kind: 'problem', x: 0, y: 0, text: 'stored first', authorId: 'a', authorName: 'A' });
    await waitFor(() => texts(bob).includes('stored first'), 'the card at Bob');
    const stored = await storedDoc(app, board.id);
    expect(readCards(contentBoard(stored)).map((card) => card.text)).toContain('stored first');
  });

  it('a fresh app on the same DATA_DIR has what was relayed, without the first being closed', async () => {
    const first = await startServer();
    cleanups.push(() => first.stop());
    const board = await createBoard(first);
    const alice = track(connectProvider(first, board.id, board.tokens.editor));
    const bob = track(connectProvider(first, board.id, board.tokens.editor));
    await Promise.all([alice.synced, bob.synced]);
    addCard(contentBoard(alice.doc), { kind: 'success', x: 0, y: 0, text: 'acknowledged', authorId: 'a', authorName: 'A' });
    await waitFor(() => texts(bob).includes('acknowledged'), 'the card at Bob');

    const second = await startServer({ dataDir: first.dataDir });
    cleanups.push(() => second.stop({ keepData: true }));
    const carol = track(connectProvider(second, board.id, board.tokens.viewer));
    await carol.synced;
    expect(texts(carol)).toContain('acknowledged');
  });
});

describe('rooms', () => {
  async function server(overrides: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
    const started = await startServer(overrides);
    cleanups.push(() => started.stop());
    return started;
  }

  it('loads a board requested twice at once only once', async () => {
    const app = await server();
    const board = await createBoard(app);
    const loads = vi.spyOn(app.storage, 'loadDocument');
    const [a, b] = await Promise.all([app.rooms.hold(board.id), app.rooms.hold(board.id)]);
    expect(a).toBe(b);
    // Once per document.
    expect(loads).toHaveBeenCalledTimes(2);
    app.rooms.release(a!);
    app.rooms.release(b!);
  });

  it('unloads a room after the last client left and the idle delay, compacts it, and reloads it', async () => {
    const app = await server({ roomIdleMs: 100 });
    const board = await createBoard(app);
    const alice = track(connectProvider(app, board.id, board.tokens.editor));
    await alice.synced;
    for (const text of ['one', 'two', 'three']) addCard(contentBoard(alice.doc), { kind: 'note', x: 0, y: 0, text, authorId: 'a', authorName: 'A' });
    await waitFor(() => (app.rooms.peek(board.id)?.content.doc.getMap('cards').size ?? 0) === 3, 'three cards in the room');
    expect((await app.storage.loadDocument(board.id, 'content')).updates.length).toBeGreaterThan(1);
    alice.destroy();
    await waitFor(() => app.rooms.peek(board.id) === undefined, 'the room to unload');
    await waitFor(() => app.rooms.size === 0, 'no rooms loaded');
    const rows = async () => (await app.storage.loadDocument(board.id, 'content')).updates.length;
    const deadline = Date.now() + 5000;
    while ((await rows()) !== 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await rows()).toBe(1);

    const bob = track(connectProvider(app, board.id, board.tokens.viewer));
    await bob.synced;
    expect(texts(bob).sort()).toEqual(['one', 'three', 'two']);
  });

  it('compacts every COMPACT_EVERY updates while the board is in use', async () => {
    const app = await server({ compactEvery: 5 });
    const board = await createBoard(app);
    const alice = track(connectProvider(app, board.id, board.tokens.editor));
    await alice.synced;
    // Long texts: the rows soon hold more bytes than the board's first row (see compaction.ts).
    for (let i = 0; i < 12; i++) addCard(contentBoard(alice.doc), { kind: 'note', x: i, y: 0, text: `card ${i} `.repeat(150), authorId: 'a', authorName: 'A' });
    await waitFor(() => (app.rooms.peek(board.id)?.content.doc.getMap('cards').size ?? 0) === 12, 'twelve cards in the room');
    const deadline = Date.now() + 5000;
    let rows = (await app.storage.loadDocument(board.id, 'content')).updates.length;
    while (rows > 5 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rows = (await app.storage.loadDocument(board.id, 'content')).updates.length;
    }
    expect(rows).toBeLessThanOrEqual(5);
    const bob = track(connectProvider(app, board.id, board.tokens.viewer));
    await bob.synced;
    expect(texts(bob)).toHaveLength(12);
  });

  it('does not re-encode a big board for a few small moves: it waits until the rows hold as many bytes as its snapshot', async () => {
    const app = await server({ compactEvery: 5 });
    const board = await createBoard(app);
    const alice = track(connectProvider(app, board.id, board.tokens.editor));
    await alice.synced;
    const ids: string[] = [];
    alice.doc.transact(() => {
      for (let i = 0; i < 40; i++)
        ids.push(addCard(contentBoard(alice.doc), { kind: 'note', x: i, y: 0, text: 'long '.repeat(300), authorId: 'a', authorName: 'A' }));
    });
    const stored = () => app.storage.loadDocument(board.id, 'content');
    await waitFor(async () => (await stored()).updates.length === 2, 'the 40 cards stored as one row');
    await app.rooms.peek(board.id)!.content.compactNow();
    const snapshotBytes = (await stored()).updates[0]!.length;
    expect((await stored()).updates).toHaveLength(1);

    // Twelve small moves: over COMPACT_EVERY rows, far under the snapshot's bytes.
    for (let i = 0; i < 12; i++) setCardBounds(contentBoard(alice.doc), [{ id: ids[0]!, x: i + 1, y: 0 }]);
    await waitFor(async () => (await stored()).updates.length === 13, 'twelve moves stored');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await stored()).updates).toHaveLength(13);

    // Forty more rows of 2,000 characters each, more bytes than the snapshot: it compacts on the way.
    for (let i = 0; i < 40; i++) addCard(contentBoard(alice.doc), { kind: 'note', x: i, y: 9, text: 'more '.repeat(400), authorId: 'a', authorName: 'A' });
    await waitFor(async () => (await stored()).updates.length <= 12, 'compacted once the rows hold as many bytes as the snapshot');
    const after = await stored();
    expect(after.bytes).toBeGreaterThan(snapshotBytes);
    const bob = track(connectProvider(app, board.id, board.tokens.viewer));
    await bob.synced;
    expect(texts(bob)).toHaveLength(80);
    expect(readCards(contentBoard(bob.doc)).find((card) => card.id === ids[0])?.x).toBe(12);
  });
});
