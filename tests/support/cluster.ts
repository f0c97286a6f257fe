import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
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

/** The server processes a test body runs against, and where they store, for reading beside them. */
export interface Setup {
  /** One process on SQLite, or two sharing PostgreSQL and Redis. */
  readonly servers: readonly [ServerProcess] | readonly [ServerProcess, ServerProcess];
  /** openStorage's config for what they store. */
  readonly storage: { dataDir: string; databaseUrl: string | null };
}

/**
 * Declares `body` twice, so one test body proves a case on both deployments: on one server
 * process on SQLite, and on two instances sharing PostgreSQL and Redis. The second is skipped
 * with the reason printed when those are unreachable, and fails instead when CI=true.
 * `body` reads the setup (with `setup()`) only inside its hooks and tests.
 */
export async function onBothDeployments(tag: string, title: string, body: (setup: () => Setup) => void): Promise<void> {
  describe(`${title} on SQLite`, () => {
    let server: ServerProcess;
    beforeAll(async () => {
      server = await ServerProcess.start();
    });
    afterAll(async () => {
      await server?.stop();
    });
    body(() => ({ servers: [server], storage: { dataDir: server.dataDir, databaseUrl: null } }));
  });

  const problem = await servicesProblem();
  if (problem && process.env.CI !== 'true') {
    console.warn(`[${tag}] two instances SKIPPED: ${problem}.`);
    describe.skip(`${title} on two instances (unreachable: ${problem})`, () => {
      it('needs PostgreSQL and Redis', () => {});
    });
    return;
  }
  describe(`${title} on two instances sharing PostgreSQL and Redis`, () => {
    let instances: TwoInstances;
    beforeAll(async () => {
      if (problem) throw new Error(`unreachable (required when CI=true): ${problem}`);
      instances = await startTwoInstances();
    });
    afterAll(async () => {
      await instances?.stop();
    });
    body(() => ({ servers: [instances.one, instances.two], storage: { dataDir: instances.one.dataDir, databaseUrl: instances.databaseUrl } }));
  });
}
