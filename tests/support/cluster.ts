import { randomBytes } from 'node:crypto';
import { readCards, type BoardDocs } from '@benchlearn/shared';
import { adminQuery, postgresProblem, redisProblem, TEST_DATABASE_URL, TEST_REDIS_URL } from '../../server/src/testing/services';
import type { CreatedBoard } from './api';
import { ServerProcess } from './server';
import { joinBoard, type BoardClient } from './sync';

// Two real server processes sharing PostgreSQL (a throwaway schema) and Redis on 127.0.0.1,
// as REDIS_URL deployments run (docs/cluster.md): for the cluster e2e test and bench.

/** Why PostgreSQL or Redis cannot be used here, or null when both answer. */
export async function servicesProblem(): Promise<string | null> {
  return (await postgresProblem()) ?? (await redisProblem());
}

export interface TwoInstances {
  one: ServerProcess;
  two: ServerProcess;
  /** The PostgreSQL URL both use (their own schema), for reading what they stored. */
  databaseUrl: string;
  /** Stops both and drops their schema. */
  stop(): Promise<void>;
}

/** Two server processes on one fresh PostgreSQL schema and Redis. */
export async function startTwoInstances(): Promise<TwoInstances> {
  const schema = `benchlearn_cluster_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const env = { DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, REDIS_URL: TEST_REDIS_URL };
  const started = await Promise.allSettled([ServerProcess.start(env), ServerProcess.start(env)]);
  const [one, two] = started.map((result) => (result.status === 'fulfilled' ? result.value : null));
  if (!one || !two) {
    await Promise.all([one?.stop(), two?.stop()]);
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    throw (started.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason;
  }
  return {
    one,
    two,
    databaseUrl: env.DATABASE_URL,
    stop: async () => {
      await Promise.all([one.stop(), two.stop()]);
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/** A link of `board` (made on one instance) pointing at another instance. */
export function on(server: ServerProcess, link: string): string {
  const url = new URL(link);
  return `${server.url}${url.pathname}${url.search}${url.hash}`;
}

/** A stock y-websocket client of both of the board's documents on one instance. */
export function syncClient(server: ServerProcess, board: Pick<CreatedBoard, 'id'>, token: string): BoardClient {
  return joinBoard(server.url, board.id, token);
}

export function cardTexts(board: BoardDocs): string[] {
  return readCards(board).map((card) => card.text);
}
