import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, readCards } from '@benchlearn/shared';
import { PostgresStorage } from '../../server/src/storage/postgres';
import { createBoard, patchBoard, type CreatedBoard } from '../support/api';
import { addCardFromToolbar, typeIntoCard, waitForOutlineText, waitForStatus } from '../support/board';
import { launchChromium, participant } from '../support/browser';
import { ServerProcess } from '../support/server';
import { facilitator } from '../support/workshop';

/**
 * Two real server processes behind no balancer, sharing PostgreSQL (a throwaway schema) and
 * Redis on 127.0.0.1: people on different instances work on one board. Skipped with a printed
 * reason when either service is unreachable, except in CI (CI=true), where that fails the run.
 */
const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `benchlearn_e2e_cluster_${randomBytes(6).toString('hex')}`;

async function servicesProblem(): Promise<string | null> {
  try {
    const storage = await PostgresStorage.open({ connectionString: databaseUrl, schema });
    await storage.close();
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

/** The server's PostgreSQL client, to drop the schema afterwards (this package has none of its own). */
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
const pg = createRequire(new URL('../../server/package.json', import.meta.url))('pg') as { Client: new (config: { connectionString: string }) => PgClient };

async function dropSchema(): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}

const problem = await servicesProblem();
const required = process.env.CI === 'true';

function texts(doc: Y.Doc): string[] {
  return readCards(doc).map((card) => card.text);
}

/** A link of `board` (made on one instance) pointing at another instance. */
function on(server: ServerProcess, link: string): string {
  const url = new URL(link);
  return `${server.url}${url.pathname}${url.search}${url.hash}`;
}

function client(server: ServerProcess, board: CreatedBoard, token: string): { doc: Y.Doc; provider: WebsocketProvider; synced: Promise<void> } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/sync`, board.id, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.on('sync', (state: boolean) => state && resolve()));
  return { doc, provider, synced };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

if (problem && !required) {
  console.warn(`[cluster e2e] SKIPPED: ${problem}.`);
  describe.skip(`two server processes sharing a board (unreachable: ${problem})`, () => {
    it('needs PostgreSQL and Redis', () => {});
  });
} else {
  describe('two server processes sharing a board through Redis', () => {
    let one: ServerProcess;
    let two: ServerProcess;
    let browser: Browser;

    beforeAll(async () => {
      if (problem) throw new Error(`unreachable (required when CI=true): ${problem}`);
      const env = { DATABASE_URL: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, REDIS_URL: redisUrl };
      [one, two] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await Promise.all([one?.stop(), two?.stop()]);
      if (!problem) await dropSchema();
    });

    it('a facilitator on one instance and an editor on the other see each other’s cards, and the lock', async () => {
      const board = await createBoard(one.url, { title: 'Two instances', template: 'blank', locale: 'en' });
      const { page: f } = await facilitator(browser, { id: 'fay-0000000000000000031', name: 'Fay', color: '#8e24aa' }, board);
      const { page: e } = await participant(browser, { id: 'eve-0000000000000000032', name: 'Eve', color: '#00897b' });
      await f.goto(board.links.facilitator);
      await e.goto(on(two, board.links.editor));
      await Promise.all([waitForStatus(f, 'connected'), waitForStatus(e, 'connected')]);

      const fromEve = await addCardFromToolbar(e, 'lesson');
      await typeIntoCard(e, fromEve, 'Written on instance two');
      await waitForOutlineText(f, fromEve, 'Written on instance two');
      const fromFay = await addCardFromToolbar(f, 'success');
      await typeIntoCard(f, fromFay, 'Written on instance one');
      await waitForOutlineText(e, fromFay, 'Written on instance one');

      await patchBoard(one.url, board, { locked: true });
      await e.waitForSelector('[data-testid=locked-banner]');
      await e.waitForSelector('[data-testid=read-only-badge]');
    });

    it('relays a few hundred updates from one instance to the other and measures how long each takes', async () => {
      const board = await createBoard(one.url, { title: 'Latency', template: 'blank', locale: 'en' });
      const writer = client(one, board, board.tokens.editor);
      const far = client(two, board, board.tokens.viewer);
      const near = client(one, board, board.tokens.viewer);
      try {
        await Promise.all([writer.synced, far.synced, near.synced]);
        const count = 300;
        const sentAt = new Map<string, number>();
        const latency = { far: [] as number[], near: [] as number[] };
        const watch = (doc: Y.Doc, into: number[]) => {
          let seen = 0;
          doc.on('update', () => {
            const cards = readCards(doc);
            for (const card of cards.slice(seen)) into.push(performance.now() - sentAt.get(card.text)!);
            seen = cards.length;
          });
        };
        watch(far.doc, latency.far);
        watch(near.doc, latency.near);
        for (let i = 0; i < count; i++) {
          const text = `update ${i}`;
          sentAt.set(text, performance.now());
          addCard(writer.doc, { kind: 'note', x: i, y: 0, text, authorId: 'w', authorName: 'W' });
          // One every 5 ms: a busy workshop, not a flood.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const deadline = Date.now() + 20_000;
        while (texts(far.doc).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(texts(far.doc).length).toBe(count);
        const far_ = [...latency.far].sort((a, b) => a - b);
        const near_ = [...latency.near].sort((a, b) => a - b);
        console.log(
          `[cluster e2e] ${count} updates, client on instance one -> client on instance two: p50 ${percentile(far_, 50).toFixed(1)} ms, p99 ${percentile(far_, 99).toFixed(1)} ms; ` +
            `same instance: p50 ${percentile(near_, 50).toFixed(1)} ms, p99 ${percentile(near_, 99).toFixed(1)} ms`,
        );
        expect(latency.far.length).toBe(count);
      } finally {
        for (const c of [writer, far, near]) {
          c.provider.destroy();
          c.doc.destroy();
        }
      }
    });
  });
}
