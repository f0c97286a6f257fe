import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, replaceCardText, ROOM_STATE_KEY, setBoardTitle } from '@benchlearn/shared';
import { serverDir, serverSourceArgs } from '../../launch.mjs';
import { PostgresStorage } from '../storage/postgres';
import { channelFor, encodeFrame, FrameKind, INSTANCE_ID_BYTES } from './frame';
import { adminQuery, postgresProblem, redisProblem, TEST_DATABASE_URL, TEST_REDIS_URL } from '../testing/services';
import { contentBoard } from '../testing/boards';
import { connectBoard, connectProvider, createBoard, sleep, startServer, storedDoc, waitFor, type TestProvider, type TestServer } from '../testing/testkit';

/**
 * Two instances in this process sharing PostgreSQL at 127.0.0.1:5432 (database `test`, a
 * throwaway schema per run) and Redis at 127.0.0.1:6379. Skipped with a printed reason when
 * either cannot be reached, except in CI (CI=true), where that fails the run.
 */
const databaseUrl = TEST_DATABASE_URL;
const redisUrl = TEST_REDIS_URL;
const schema = `benchlearn_cluster_${randomBytes(6).toString('hex')}`;

const unreachable = [await postgresProblem(), await redisProblem()].filter((problem) => problem !== null).join('; ');
const required = process.env.CI === 'true';

function texts(doc: Y.Doc): string[] {
  return readCards(contentBoard(doc))
    .map((card) => card.text)
    .sort();
}

function card(doc: Y.Doc, text: string): void {
  addCard(contentBoard(doc), { kind: 'note', x: 0, y: 0, text, authorId: 'a', authorName: 'A' });
}

/** An update adding a card, made on a document of its own (as another instance would commit it). */
function cardUpdate(base: Y.Doc, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  card(doc, text);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

describe('REDIS_URL without DATABASE_URL', () => {
  it('refuses to start with one line naming the problem', async () => {
    const child = spawn(process.execPath, serverSourceArgs(), {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'Benchlearn: configuration error: REDIS_URL needs DATABASE_URL: instances that share rooms through Redis must share a PostgreSQL database',
    ]);
  }, 30_000);
});

if (unreachable && !required) {
  console.warn(`[cluster tests] SKIPPED: ${unreachable}.`);
  describe.skip(`two instances sharing rooms through Redis (unreachable: ${unreachable})`, () => {
    it('needs PostgreSQL and Redis', () => {});
  });
} else if (unreachable) {
  describe('two instances sharing rooms through Redis', () => {
    it('reaches PostgreSQL and Redis (required when CI=true)', () => {
      throw new Error(`unreachable: ${unreachable}`);
    });
  });
} else {
  const servers: TestServer[] = [];
  const clients: TestProvider[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  afterAll(() => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

  async function instance(options: { redis?: string; compactEvery?: number; marginMs?: number } = {}): Promise<TestServer> {
    const storage = await PostgresStorage.open({ connectionString: databaseUrl, schema });
    const server = await startServer(
      { redisUrl: options.redis ?? redisUrl, databaseUrl, ...(options.compactEvery !== undefined && { compactEvery: options.compactEvery }) },
      { storage, redisConnectTimeoutMs: 500, ...(options.marginMs !== undefined && { clusterCompactMarginMs: options.marginMs }) },
    );
    servers.push(server);
    return server;
  }

  function open(server: TestServer, boardId: string, token: string): TestProvider {
    const client = connectProvider(server, boardId, token);
    clients.push(client);
    return client;
  }

  describe('two instances sharing rooms through Redis', () => {
    it('relays a committed card from a client on one instance to a client on the other', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.editor);
      const bob = open(two, board.id, board.tokens.editor);
      await Promise.all([alice.synced, bob.synced]);

      card(alice.doc, 'from one');
      await waitFor(() => texts(bob.doc).includes('from one'), 'the card on instance two');
      card(bob.doc, 'from two');
      await waitFor(() => texts(alice.doc).includes('from two'), 'the card on instance one');
      // Committed before relayed, across instances too; and stored once, by the instance that took it.
      expect(texts(await storedDoc(one, board.id))).toEqual(['from one', 'from two']);
      const rows = (await one.storage.loadDocument(board.id, 'content')).updates.length;
      await sleep(200);
      expect((await one.storage.loadDocument(board.id, 'content')).updates.length).toBe(rows);
    });

    it('catches up on updates another instance committed and died before publishing: when it loads the board again (hello), and when a later update builds on them', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.editor);
      await alice.synced;
      card(alice.doc, 'seen by all');
      await waitFor(async () => texts(await storedDoc(one, board.id)).includes('seen by all'), 'the first card stored');

      // An instance commits a card and is killed before it publishes it: the row is in storage only.
      const lost = cardUpdate(alice.doc, 'committed, never published');
      await two.storage.appendUpdate(board.id, 'content', lost);
      await sleep(300);
      expect(texts(alice.doc)).not.toContain('committed, never published');

      // That instance comes back and loads the board: its hello makes the others re-read storage.
      const bob = open(two, board.id, board.tokens.editor);
      await bob.synced;
      await waitFor(() => texts(alice.doc).includes('committed, never published'), 'the lost card on instance one after the hello');

      // Again without a hello: instance two holds a card no one else got (committed, its publish
      // lost), and its client types into that card: the typing builds on the lost card, so
      // instance one cannot place it, and re-reads storage.
      const lostAgain = cardUpdate(bob.doc, 'lost again');
      await two.storage.appendUpdate(board.id, 'content', lostAgain);
      two.rooms.peek(board.id)!.content.applyRemoteUpdate(lostAgain);
      await waitFor(() => texts(bob.doc).includes('lost again'), 'the card on instance two’s client');
      const lostCard = readCards(contentBoard(bob.doc)).find((c) => c.text === 'lost again')!;
      replaceCardText(contentBoard(bob.doc), lostCard.id, 'lost again, and typed on');
      await waitFor(() => texts(alice.doc).includes('lost again, and typed on'), 'the typed-on card on instance one');
      expect(texts(alice.doc)).toEqual(texts(bob.doc));
    });

    it('relays a facilitator’s control change (the title) to an editor on the other instance, and stores it once', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const facilitator = connectBoard(one, board.id, board.tokens.facilitator);
      const editor = connectBoard(two, board.id, board.tokens.editor);
      clients.push(facilitator.providers.content, facilitator.providers.control, editor.providers.content, editor.providers.control);
      await Promise.all([facilitator.synced, editor.synced]);
      setBoardTitle(facilitator.board, 'across instances');
      await waitFor(() => editor.board.control.getMap('meta').get('title') === 'across instances', 'the title on instance two');
      const stored = await storedDoc(one, board.id, 'control');
      expect(stored.getMap('meta').get('title')).toBe('across instances');
      expect(facilitator.board.control.getMap('meta').get('title')).toBe('across instances');
      expect(editor.closes).toEqual({ content: [], control: [] });
    });

    it('ignores what is not a good frame on a board’s channel: counted, nothing applied, the board goes on', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.editor);
      const bob = open(two, board.id, board.tokens.editor);
      await Promise.all([alice.synced, bob.synced]);
      const errorsBefore = (await two.metrics.errors.get()).values.find((value) => value.labels.kind === 'cluster')?.value ?? 0;
      const admin = new Redis(redisUrl);
      try {
        // Not a frame; and a well-formed frame from "another instance" whose update is not a Yjs update.
        await admin.publish(channelFor(board.id), Buffer.from('hello'));
        await admin.publish(channelFor(board.id), encodeFrame(randomBytes(INSTANCE_ID_BYTES), FrameKind.Update, new Uint8Array([1, 2, 3, 250, 250])));
        await waitFor(
          async () => ((await two.metrics.errors.get()).values.find((value) => value.labels.kind === 'cluster')?.value ?? 0) >= errorsBefore + 2,
          'both counted as cluster errors',
        );
      } finally {
        admin.disconnect();
      }
      card(alice.doc, 'after the noise');
      await waitFor(() => texts(bob.doc).includes('after the noise'), 'a good card still crosses');
      expect(texts(await storedDoc(two, board.id))).toEqual(['after the noise']);
    });

    it('shows presence from one instance on the other, and takes it away when the client leaves', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.editor);
      const bob = open(two, board.id, board.tokens.viewer);
      await Promise.all([alice.synced, bob.synced]);
      const aliceId = alice.doc.clientID;
      alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
      await waitFor(() => {
        const state = bob.provider.awareness.getStates().get(aliceId) as { user?: { name?: string } } | undefined;
        return state?.user?.name === 'Alice';
      }, 'Alice’s presence on instance two');
      // Each server shows its own room state only: instance one's server entry does not travel.
      const roomEntries = [...bob.provider.awareness.getStates().values()].filter((state) => ROOM_STATE_KEY in state);
      expect(roomEntries).toHaveLength(1);

      alice.provider.disconnect();
      await waitFor(() => !bob.provider.awareness.getStates().has(aliceId), 'Alice’s presence gone from instance two');
    });

    it('locks the board on the other instance too: its editor’s edits are refused', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.editor);
      const bob = open(two, board.id, board.tokens.editor);
      await Promise.all([alice.synced, bob.synced]);

      const locked = await one.app.inject({
        method: 'PATCH',
        url: `/api/boards/${board.id}`,
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
        payload: { locked: true },
      });
      expect(locked.statusCode).toBe(200);
      await waitFor(() => two.rooms.peek(board.id)?.locked === true, 'the lock on instance two');
      await waitFor(
        () =>
          [...bob.provider.awareness.getStates().values()].some((state) => (state as Record<string, { locked?: boolean }>)[ROOM_STATE_KEY]?.locked === true),
        'the lock shown to the client on instance two',
      );

      card(bob.doc, 'while locked');
      await waitFor(async () => {
        const metric = await two.metrics.messages.get();
        return metric.values.some((value) => value.labels.outcome === 'dropped_read_only' && value.value > 0);
      }, 'the edit refused on instance two');
      await sleep(100);
      expect(texts(alice.doc)).toEqual([]);
      expect(texts(await storedDoc(one, board.id))).toEqual([]);
    });

    it('tells an instance that loads the board later the room state it does not store (the join code hidden)', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.facilitator);
      await alice.synced;
      const hidden = await one.app.inject({
        method: 'PATCH',
        url: `/api/boards/${board.id}`,
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
        payload: { showJoin: false },
      });
      expect(hidden.statusCode).toBe(200);
      const bob = open(two, board.id, board.tokens.viewer);
      await bob.synced;
      await waitFor(() => two.rooms.peek(board.id)?.state.showJoin === false, 'the join code hidden on instance two');
    });

    it('closes the sockets of a role whose token was rotated on the other instance too', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const editor = open(two, board.id, board.tokens.editor);
      const viewer = open(two, board.id, board.tokens.viewer);
      await Promise.all([editor.synced, viewer.synced]);
      await one.rooms.revoke(board.id, 'editor');
      await waitFor(() => editor.closes.includes(4401), 'the editor on instance two closed with 4401');
      expect(viewer.closes).toEqual([]);
    });

    it('closes the board’s sockets on the other instance when it is deleted', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const bob = open(two, board.id, board.tokens.editor);
      await bob.synced;
      const deleted = await one.app.inject({
        method: 'DELETE',
        url: `/api/boards/${board.id}`,
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      });
      expect(deleted.statusCode).toBe(204);
      await waitFor(() => bob.closes.includes(4404), 'the socket on instance two closed with 4404');
      expect(two.rooms.peek(board.id)).toBeUndefined();
    });

    it('keeps every edit from both instances through concurrent compactions and a restart of both', async () => {
      // A margin far above a local commit's few milliseconds (production: CLUSTER_COMPACT_MARGIN_MS).
      const margin = { compactEvery: 3, marginMs: 1000 };
      const [one, two] = [await instance(margin), await instance(margin)];
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.editor);
      const bob = open(two, board.id, board.tokens.editor);
      await Promise.all([alice.synced, bob.synced]);
      const expected: string[] = [];
      // Over 2.4 s: both instances compact what they stored (older than the margin) while both write.
      for (let i = 0; i < 40; i++) {
        card(alice.doc, `one ${i}`);
        card(bob.doc, `two ${i}`);
        expected.push(`one ${i}`, `two ${i}`);
        await sleep(60);
      }
      await waitFor(() => texts(alice.doc).length === 80 && texts(bob.doc).length === 80, 'every card on both sides', 10_000);
      await sleep(1100);
      await Promise.all([one.rooms.peek(board.id)!.content.compactNow(), two.rooms.peek(board.id)!.content.compactNow()]);
      const rows = (await one.storage.loadDocument(board.id, 'content')).updates.length;
      expect(rows).toBeLessThan(10);
      for (const client of clients.splice(0)) client.destroy();
      await Promise.all(servers.splice(0).map((server) => server.stop()));

      const [three, four] = [await instance(), await instance()];
      const carol = open(three, board.id, board.tokens.viewer);
      const dave = open(four, board.id, board.tokens.viewer);
      await Promise.all([carol.synced, dave.synced]);
      expect(texts(carol.doc)).toEqual(expected.sort());
      expect(texts(dave.doc)).toEqual(expected.sort());
    }, 30_000);

    it('compacts from storage: a row another instance committed but has not published yet is kept', async () => {
      const one = await instance({ marginMs: 0 });
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.editor);
      await alice.synced;
      // As if another instance committed this and its message were still on the way.
      await one.storage.appendUpdate(board.id, 'content', cardUpdate(alice.doc, 'committed elsewhere'));
      card(alice.doc, 'here');
      await waitFor(async () => texts(await storedDoc(one, board.id)).includes('here'), 'the card stored');
      await one.rooms.peek(board.id)!.content.compactNow();
      expect((await one.storage.loadDocument(board.id, 'content')).updates.length).toBe(1);
      expect(texts(await storedDoc(one, board.id))).toEqual(['committed elsewhere', 'here']);
    });

    /**
     * Storage numbers a row when it is inserted, not when it commits: another instance's row
     * numbered below `throughSeq` can commit after the snapshot was read. The compaction replaces
     * only the rows it read (`covered`), so that row stays and the next compaction takes it in.
     */
    it('a row numbered below the compaction that commits after its read survives the compaction', async () => {
      const storage = await PostgresStorage.open({ connectionString: databaseUrl, schema });
      const board = await (async () => {
        const server = await instance();
        return createBoard(server);
      })();
      const writer = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
      await writer.connect();
      try {
        const base = new Y.Doc();
        for (const row of (await storage.loadDocument(board.id, 'content')).updates) Y.applyUpdate(base, row);
        // Another instance's append: numbered now, committed later.
        await writer.query('BEGIN');
        await writer.query('INSERT INTO updates (board_id, data) VALUES ($1, $2)', [board.id, Buffer.from(cardUpdate(base, 'slow commit'))]);
        const throughSeq = await storage.appendUpdate(board.id, 'content', cardUpdate(base, 'quick commit'));
        const read = await storage.loadDocument(board.id, 'content', throughSeq);
        await writer.query('COMMIT');
        const doc = new Y.Doc();
        for (const row of read.updates) Y.applyUpdate(doc, row);
        await storage.compact(board.id, 'content', Y.encodeStateAsUpdate(doc), throughSeq, read.seqs);
        const after = new Y.Doc();
        for (const row of (await storage.loadDocument(board.id, 'content')).updates) Y.applyUpdate(after, row);
        expect(texts(after)).toEqual(['quick commit', 'slow commit']);
      } finally {
        await writer.end();
        await storage.close();
      }
    });

    it('catches up after its Redis subscriber reconnects: what was committed meanwhile reaches its clients', async () => {
      const [one, two] = [await instance(), await instance()];
      const board = await createBoard(one);
      const alice = open(one, board.id, board.tokens.editor);
      const bob = open(two, board.id, board.tokens.viewer);
      await Promise.all([alice.synced, bob.synced]);
      const admin = new Redis(redisUrl);
      try {
        // Committed while instance two heard nothing: stored, never published.
        await one.storage.appendUpdate(board.id, 'content', cardUpdate(alice.doc, 'missed'));
        const list = (await admin.client('LIST')) as string;
        const line = list.split('\n').find((entry) => entry.includes(`name=${two.cluster!.subscriberName}`));
        expect(line).toBeDefined();
        const id = /\bid=(\d+)/.exec(line!)![1]!;
        await admin.client('KILL', 'ID', id);
        await waitFor(() => texts(bob.doc).includes('missed'), 'the missed card at the client of instance two', 10_000);
        // And the subscription is back: live relays reach instance two again.
        await waitFor(() => two.cluster!.connected, 'instance two connected again');
        card(alice.doc, 'after');
        await waitFor(() => texts(bob.doc).includes('after'), 'a live card after the reconnection');
      } finally {
        admin.disconnect();
      }
    }, 20_000);

    it('catches up on its boards one after another, not all at once', async () => {
      const [one, two] = [await instance(), await instance()];
      const boards = [await createBoard(one), await createBoard(one), await createBoard(one)];
      const writers = boards.map((board) => open(one, board.id, board.tokens.editor));
      const readers = boards.map((board) => open(two, board.id, board.tokens.viewer));
      await Promise.all([...writers, ...readers].map((client) => client.synced));
      // Instance two's reads of whole boards, and how many ran at once.
      let running = 0;
      let most = 0;
      const load = two.storage.loadDocument.bind(two.storage);
      two.storage.loadDocument = async (...args) => {
        most = Math.max(most, ++running);
        try {
          return await load(...args);
        } finally {
          running -= 1;
        }
      };
      const admin = new Redis(redisUrl);
      try {
        for (const [i, board] of boards.entries()) await one.storage.appendUpdate(board.id, 'content', cardUpdate(writers[i]!.doc, `missed ${i}`));
        const list = (await admin.client('LIST')) as string;
        const line = list.split('\n').find((entry) => entry.includes(`name=${two.cluster!.subscriberName}`));
        await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]!);
        for (const [i, reader] of readers.entries()) await waitFor(() => texts(reader.doc).includes(`missed ${i}`), `missed card ${i} on instance two`, 10_000);
        expect(most).toBe(1);
      } finally {
        admin.disconnect();
      }
    }, 20_000);

    it('serves its own clients while Redis is unreachable', async () => {
      const lonely = await instance({ redis: 'redis://127.0.0.1:1' });
      expect(lonely.cluster!.connected).toBe(false);
      const board = await createBoard(lonely);
      const alice = open(lonely, board.id, board.tokens.editor);
      const bob = open(lonely, board.id, board.tokens.viewer);
      await Promise.all([alice.synced, bob.synced]);
      card(alice.doc, 'no redis');
      await waitFor(() => texts(bob.doc).includes('no redis'), 'the card relayed without Redis');
      const errors = await lonely.metrics.errors.get();
      expect(errors.values.some((value) => value.labels.kind === 'cluster' && value.value > 0)).toBe(true);
    });
  });
}
