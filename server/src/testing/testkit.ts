/** Helpers for the server's tests: a real app on 127.0.0.1, real sockets, bounded waits. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { BOARD_DOCUMENTS, newBoardDocs, syncRoomName, type BoardDocs, type BoardDocument, type Role } from '@benchlearn/shared';
import { buildApp, type BenchlearnApp, type BuildOptions } from '../app';
import { loadConfig, type Config } from '../config';
import { MessageType, SyncType } from '../rooms/messages';

// Every stock client adds a process 'exit' listener; many of them in one test file is expected.
process.setMaxListeners(100);

export interface TestServer extends BenchlearnApp {
  config: Config;
  port: number;
  httpUrl: string;
  /** The sync endpoint's base, as a WebsocketProvider takes it. */
  syncUrl: string;
  dataDir: string;
  /** Closes the app; `keepData` leaves the data folder for a restart. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'benchlearn-server-test-'));
}

export async function startServer(overrides: Partial<Config> = {}, options: BuildOptions = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDataDir();
  const config: Config = {
    ...loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', CLIENT_DIST: join(dataDir, 'no-client') }),
    ...overrides,
  };
  const built = await buildApp(config, options);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const port = address.port;
  return {
    ...built,
    config,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    async stop({ keepData = false } = {}) {
      await built.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CreatedBoard {
  id: string;
  title: string;
  tokens: Record<Role, string>;
  links: Record<Role | 'present', string>;
}

export async function createBoard(server: Pick<TestServer, 'app'>, body: object = { title: 'Test board' }): Promise<CreatedBoard> {
  const response = await server.app.inject({ method: 'POST', url: '/api/boards', payload: body });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json<CreatedBoard>();
}

/** Polls until `check` is true; fails after `timeoutMs` (every wait in these tests is bounded). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface TestProvider {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  synced: Promise<void>;
  destroy(): void;
}

/** A stock y-websocket client, as a bot or a Node script would use it. */
export function connectProvider(server: Pick<TestServer, 'syncUrl'>, boardId: string, token: string | null, doc = new Y.Doc()): TestProvider {
  const provider = new WebsocketProvider(server.syncUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token } : {},
    // Node has a BroadcastChannel: two providers in one process would sync without the server.
    disableBc: true,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (state: boolean) => {
      if (state) resolve();
    });
  });
  return {
    doc,
    provider,
    closes,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export interface RawClient {
  ws: WebSocket;
  received: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/**
 * A bare socket for sending what a stock client never would. `autoPong: false` makes it a
 * half-open connection as the server sees one after a network drop: it never answers a ping.
 */
export function connectRaw(url: string, headers: Record<string, string> = {}, options: { autoPong?: boolean } = {}): RawClient {
  const ws = new WebSocket(url, { headers, autoPong: options.autoPong ?? true });
  const received: Uint8Array[] = [];
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return { ws, received, opened, closed };
}

export function syncUrlFor(server: Pick<TestServer, 'syncUrl'>, boardId: string, token?: string, doc: BoardDocument = 'content'): string {
  return `${server.syncUrl}/${syncRoomName(boardId, doc)}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** A sync `update` message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, SyncType.Update);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message claiming `clientId` with `state`. */
export function presenceMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** One of a board's documents (the content unless named) as storage holds it now, read from its rows. */
export async function storedDoc(server: Pick<TestServer, 'storage'>, boardId: string, document: BoardDocument = 'content'): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await server.storage.loadDocument(boardId, document)).updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Both of a board's documents as storage holds them now (not migrated: a v1 board stays as stored). */
export async function storedBoard(server: Pick<TestServer, 'storage'>, boardId: string): Promise<BoardDocs> {
  return { content: await storedDoc(server, boardId, 'content'), control: await storedDoc(server, boardId, 'control') };
}

/** A stock y-websocket client of a whole board: one provider per document (contract v2). */
export interface TestBoardClient {
  board: BoardDocs;
  providers: Record<BoardDocument, TestProvider>;
  /** Resolves once both documents synced. */
  synced: Promise<void>;
  /** Close codes either socket saw, by document. */
  closes: Record<BoardDocument, number[]>;
  destroy(): void;
}

/** Joins both documents of a board with one token: the content at `/sync/:id`, the control document at `/sync/:id/control`. */
export function connectBoard(server: Pick<TestServer, 'syncUrl'>, boardId: string, token: string | null, board: BoardDocs = newBoardDocs()): TestBoardClient {
  const providers = {
    content: connectProvider(server, syncRoomName(boardId, 'content'), token, board.content),
    control: connectProvider(server, syncRoomName(boardId, 'control'), token, board.control),
  };
  return {
    board,
    providers,
    synced: Promise.all(BOARD_DOCUMENTS.map((doc) => providers[doc].synced)).then(() => undefined),
    closes: { content: providers.content.closes, control: providers.control.closes },
    destroy() {
      for (const doc of BOARD_DOCUMENTS) providers[doc].destroy();
    },
  };
}

export { awarenessProtocol };
