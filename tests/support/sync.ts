import * as Y from 'yjs';
import { BOARD_DOCUMENTS, exportBoard, newBoardDocs, type BoardDocs, type BoardDocument, type BoardExport } from '@benchlearn/shared';
import { connectBoard, type TestProvider } from '../../server/src/testing/testkit';

// A stock y-websocket client of a whole board (contract v2): one WebsocketProvider per document,
// the content at `/sync/:boardId`, the control document at `/sync/:boardId/control`.

/** Close codes that mean the server refused something the client sent (contract §3). */
export const REFUSAL_CODES: ReadonlySet<number> = new Set([4400, 4413, 1009]);

export interface BoardClient {
  readonly board: BoardDocs;
  readonly providers: Readonly<Record<BoardDocument, TestProvider>>;
  /** Resolves once both documents have synced with the server. */
  readonly synced: Promise<void>;
  /** Every close code either socket saw, in order, named by document. */
  closes(): { doc: BoardDocument; code: number }[];
  /** The closes that were refusals (4400, 4413, 1009). */
  refusals(): { doc: BoardDocument; code: number }[];
  /** Whether both providers are connected and synced now. */
  isSynced(): boolean;
  disconnect(): void;
  connect(): void;
  destroy(): void;
}

/** Joins a board's two documents at a server process (`serverUrl`: http://…) with one token (the server tests' connectBoard). */
export function joinBoard(serverUrl: string, boardId: string, token: string, board: BoardDocs = newBoardDocs()): BoardClient {
  const { providers } = connectBoard({ syncUrl: `${serverUrl.replace(/^http/, 'ws')}/sync` }, boardId, token, board);
  const closes = () => BOARD_DOCUMENTS.flatMap((doc) => providers[doc].closes.map((code) => ({ doc, code })));
  return {
    board,
    providers,
    synced: Promise.all([providers.content.synced, providers.control.synced]).then(() => undefined),
    closes,
    refusals: () => closes().filter((close) => REFUSAL_CODES.has(close.code)),
    isSynced: () => BOARD_DOCUMENTS.every((doc) => providers[doc].provider.wsconnected && providers[doc].provider.synced),
    disconnect: () => BOARD_DOCUMENTS.forEach((doc) => providers[doc].provider.disconnect()),
    connect: () => BOARD_DOCUMENTS.forEach((doc) => void providers[doc].provider.connect()),
    destroy: () => BOARD_DOCUMENTS.forEach((doc) => providers[doc].destroy()),
  };
}

/** Polls until `check` holds; fails with `what` after `timeoutMs` (every wait in the e2e tests is bounded). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The export of a board as a replica holds it, without the moment it was made (as JSON would carry it). */
export function replicaExport(board: BoardDocs): Omit<BoardExport, 'exportedAt'> {
  const { exportedAt: _ignored, ...rest } = exportBoard(board, 0);
  return JSON.parse(JSON.stringify(rest)) as Omit<BoardExport, 'exportedAt'>;
}

/** The server's JSON export of a board, without the moment it was made. */
export async function serverExport(serverUrl: string, boardId: string, token: string): Promise<Omit<BoardExport, 'exportedAt'>> {
  const res = await fetch(`${serverUrl}/api/boards/${boardId}/export?format=json`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  const { exportedAt: _ignored, ...rest } = (await res.json()) as BoardExport;
  return rest;
}

/**
 * What a replica holds, in a form two replicas can be compared by: each document's state
 * vector (which structs it has seen: equal vectors and no pending structs mean the same
 * document) and its top-level types as JSON.
 */
export interface ReplicaState {
  vectors: Record<BoardDocument, string>;
  json: Record<BoardDocument, Record<string, unknown>>;
  pending: Record<BoardDocument, boolean>;
}

const TOP_LEVEL: Record<BoardDocument, readonly string[]> = { content: ['cards', 'links'], control: ['meta', 'frames', 'session'] };

export function replicaState(board: BoardDocs): ReplicaState {
  const vector = (doc: Y.Doc) =>
    [...Y.decodeStateVector(Y.encodeStateVector(doc))]
      .sort(([a], [b]) => a - b)
      .map(([client, clock]) => `${client}:${clock}`)
      .join(',');
  const json = (doc: Y.Doc, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, sortedKeys(doc.getMap(name).toJSON())]));
  const pending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  return {
    vectors: { content: vector(board.content), control: vector(board.control) },
    json: { content: json(board.content, TOP_LEVEL.content), control: json(board.control, TOP_LEVEL.control) },
    pending: { content: pending(board.content), control: pending(board.control) },
  };
}

/**
 * A value with every object's keys in order: a Y.Map lists its keys in the order this replica
 * happened to integrate them, which differs between replicas holding the same document.
 */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** A seeded PRNG (mulberry32): the same seed replays the same run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of a run: `E2E_SEED` when set (to replay a failure), else a fresh one. */
export function runSeed(): number {
  const fromEnv = process.env.E2E_SEED;
  return fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
}
