import { copyFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join as pathJoin } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, deleteCards, exportBoard, migrateBoard, newBoardDocs, readCards, replaceCardText, setCardBounds, type BoardDocs } from '@benchlearn/shared';
import { connectBoard, createBoard, sleep, startServer, storedBoard, tempDataDir, waitFor, type TestBoardClient, type TestServer } from '../testing/testkit';

/** Issue 11's cases on a real in-process server with stock y-websocket clients (both documents each). */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(overrides: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const started = await startServer(overrides);
  cleanups.push(() => started.stop());
  return started;
}

function join(app: TestServer, boardId: string, token: string): TestBoardClient {
  const client = connectBoard(app, boardId, token);
  cleanups.push(() => client.destroy());
  return client;
}

const texts = (board: BoardDocs) =>
  readCards(board)
    .map((card) => `${card.id}:${card.text}:${card.x}`)
    .sort();
const noCloses = { content: [], control: [] };

describe('case 1: an editor deletes a card another editor is editing', () => {
  it('both online: the editing editor is never closed, its new card is stored, everyone converges', async () => {
    const app = await server();
    const board = await createBoard(app);
    const a = join(app, board.id, board.tokens.editor);
    const b = join(app, board.id, board.tokens.editor);
    await Promise.all([a.synced, b.synced]);
    const k = addCard(a.board, { kind: 'success', x: 0, y: 0, text: 'K', authorId: 'a', authorName: 'A' });
    await waitFor(() => readCards(b.board).some((card) => card.id === k), 'K at B');
    for (let round = 0; round < 5; round++) {
      // In the same turn: neither has seen the other's change when it makes its own.
      deleteCards(a.board, [k]);
      setCardBounds(b.board, [{ id: k, x: 10 + round, y: 5 }]);
      replaceCardText(b.board, k, `typed ${round}`);
      await sleep(30);
      const next = addCard(a.board, { kind: 'success', x: round, y: 0, text: `K${round}`, authorId: 'a', authorName: 'A' });
      await waitFor(() => readCards(b.board).some((card) => card.id === next), 'the next card at B');
    }
    const own = addCard(b.board, { kind: 'lesson', x: 0, y: 0, text: 'B’s own card', authorId: 'b', authorName: 'B' });
    await waitFor(async () => readCards(await storedBoard(app, board.id)).some((card) => card.id === own), 'B’s card stored');
    await waitFor(() => texts(a.board).join() === texts(b.board).join(), 'A and B converge');
    const fresh = join(app, board.id, board.tokens.viewer);
    await fresh.synced;
    expect(texts(fresh.board)).toEqual(texts(a.board));
    expect(a.closes).toEqual(noCloses);
    expect(b.closes).toEqual(noCloses);
  });

  it('B offline while A deletes K: B reconnects without a refusal, and its separate new card reaches storage', async () => {
    const app = await server();
    const board = await createBoard(app);
    const a = join(app, board.id, board.tokens.editor);
    const b = join(app, board.id, board.tokens.editor);
    await Promise.all([a.synced, b.synced]);
    const k = addCard(a.board, { kind: 'problem', x: 0, y: 0, text: 'K', authorId: 'a', authorName: 'A' });
    await waitFor(() => readCards(b.board).some((card) => card.id === k), 'K at B');
    b.providers.content.provider.disconnect();
    b.providers.control.provider.disconnect();
    setCardBounds(b.board, [{ id: k, x: 40, y: 40 }]);
    replaceCardText(b.board, k, 'typed while offline');
    const own = addCard(b.board, { kind: 'note', x: 0, y: 0, text: 'added offline', authorId: 'b', authorName: 'B' });
    deleteCards(a.board, [k]);
    await waitFor(async () => !readCards(await storedBoard(app, board.id)).some((card) => card.id === k), 'the delete stored');
    // Unloaded meanwhile: the deleted card's items are garbage-collected when the board loads again.
    await app.rooms.drop(board.id, 1001, 'test reload');
    b.providers.content.provider.connect();
    b.providers.control.provider.connect();
    await waitFor(async () => readCards(await storedBoard(app, board.id)).some((card) => card.id === own), 'B’s offline card stored');
    await waitFor(() => texts(a.board).join() === texts(b.board).join(), 'A and B converge');
    expect(b.closes.content.filter((code) => code >= 4000 || code === 1009)).toEqual([]);
    expect(b.closes.control.filter((code) => code >= 4000 || code === 1009)).toEqual([]);
  });
});

describe('a board stored by v1 (server/src/storage/fixtures)', () => {
  it('opens, is migrated into its two documents before anyone joins, and exports as the v1 board did', async () => {
    const fixtures = fileURLToPath(new URL('../storage/fixtures/', import.meta.url));
    const meta = JSON.parse(readFileSync(`${fixtures}v1-board.json`, 'utf8')) as {
      board: { id: string; title: string; tokens: Record<'facilitator' | 'editor' | 'viewer', string> };
    };
    const dataDir = tempDataDir();
    copyFileSync(`${fixtures}v1-board.sqlite`, pathJoin(dataDir, 'benchlearn.sqlite'));
    // The v1 board as that version held it, split in memory the way a load splits it.
    const expected = newBoardDocs();
    Y.applyUpdate(expected.content, readFileSync(`${fixtures}v1-board.update.bin`));
    migrateBoard(expected);
    const v1 = exportBoard(expected, 0);

    const app = await server({ dataDir });
    const id = meta.board.id;
    const client = join(app, id, meta.board.tokens.editor);
    await client.synced;
    expect(
      readCards(client.board)
        .map((card) => card.text)
        .sort(),
    ).toEqual(v1.cards.map((card) => card.text).sort());
    // Stored before anyone joined: both documents have rows, and the content no longer holds meta.
    const stored = await storedBoard(app, id);
    expect(stored.control.getMap('meta').get('schema')).toBe(2);
    expect(stored.content.getMap('meta').size).toBe(0);
    expect(stored.control.getMap('frames').size).toBeGreaterThan(0);

    const response = await app.app.inject({ url: `/api/boards/${id}/export?format=json`, headers: { authorization: `Bearer ${meta.board.tokens.viewer}` } });
    expect(response.statusCode).toBe(200);
    const { exportedAt: _a, ...now } = response.json<ReturnType<typeof exportBoard>>();
    const { exportedAt: _b, ...before } = v1;
    expect(now).toEqual(before);
    expect(now.board.title).toBe(meta.board.title);

    // Its v1 snapshots (stored as one document) preview with their frames and title.
    const list = await app.app.inject({ url: `/api/boards/${id}/snapshots`, headers: { authorization: `Bearer ${meta.board.tokens.facilitator}` } });
    const snapshots = list.json<{ snapshots: { id: string; name: string }[] }>().snapshots;
    expect(snapshots.length).toBeGreaterThan(0);
    for (const snapshot of snapshots) {
      const preview = await app.app.inject({
        url: `/api/boards/${id}/snapshots/${snapshot.id}`,
        headers: { authorization: `Bearer ${meta.board.tokens.facilitator}` },
      });
      expect(preview.statusCode).toBe(200);
      expect(preview.json<ReturnType<typeof exportBoard>>().frames.length).toBeGreaterThan(0);
      expect(preview.json<ReturnType<typeof exportBoard>>().board.title).toBe(meta.board.title);
    }
  });
});
