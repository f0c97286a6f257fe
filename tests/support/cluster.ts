import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { readCards } from '@benchlearn/shared';
import type { CreatedBoard } from './api';
import { ServerProcess } from './server';

/**
 * Two real server processes sharing PostgreSQL (a throwaway schema) and Redis on 127.0.0.1,
 * as REDIS_URL deployments run (docs/cluster.md): for the cluster e2e test and bench.
 */
export const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Why PostgreSQL or Redis cannot be used here, or null when both answer. */
export async function servicesProblem(): Promise<string | null> {
  try {
    await admin('SELECT 1');
  } catch (error) {
    return `PostgreSQL at ${databaseUrl}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const { hostname, port } = new URL(redisUrl);
  const ping = await new Promise<string | null>((resolve) => {
    // A bare RESP PING: this package has no Redis client of its own.
    const socket = new Socket();
    const done = (problem: string | null) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(2000, () => done('timed out'));
    socket.once('error', (error) => done(error.message));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG') ? null : `answered ${JSON.stringify(data.toString())}`));
    socket.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'));
  });
  return ping === null ? null : `Redis at ${redisUrl}: ${ping}`;
}

/** The server's PostgreSQL client, to drop schemas (this package has none of its own). */
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
const pg = createRequire(new URL('../../server/package.json', import.meta.url))('pg') as { Client: new (config: { connectionString: string }) => PgClient };

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TwoInstances {
  one: ServerProcess;
  two: ServerProcess;
  /** Stops both and drops their schema. */
  stop(): Promise<void>;
}

/** Two server processes on one fresh PostgreSQL schema and Redis. */
export async function startTwoInstances(): Promise<TwoInstances> {
  const schema = `benchlearn_cluster_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  const env = { DATABASE_URL: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, REDIS_URL: redisUrl };
  const started = await Promise.allSettled([ServerProcess.start(env), ServerProcess.start(env)]);
  const [one, two] = started.map((result) => (result.status === 'fulfilled' ? result.value : null));
  if (!one || !two) {
    await Promise.all([one?.stop(), two?.stop()]);
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    throw (started.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason;
  }
  return {
    one,
    two,
    stop: async () => {
      await Promise.all([one.stop(), two.stop()]);
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/** A link of `board` (made on one instance) pointing at another instance. */
export function on(server: ServerProcess, link: string): string {
  const url = new URL(link);
  return `${server.url}${url.pathname}${url.search}${url.hash}`;
}

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  close(): void;
}

/** A stock y-websocket client on one instance. */
export function syncClient(server: ServerProcess, board: CreatedBoard, token: string): SyncClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/sync`, board.id, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.on('sync', (state: boolean) => state && resolve()));
  return {
    doc,
    provider,
    synced,
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function cardTexts(doc: Y.Doc): string[] {
  return readCards(doc).map((card) => card.text);
}
