import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { connectRaw, syncUrlFor, type RawClient } from '../../server/src/testing/testkit';
import type { CreatedBoard } from '../support/api';
import { syncStep1Message } from '../support/raw';
import { attack } from './attacker';
import type { ServerProcess } from '../support/server';
import { joinBoard, sleep, until } from '../support/sync';
import { attackerHeaders, boardFile, HonestRoom, importFile, MAX_HONEST_P99_MS, printFigures, serverIsUp, startAbuseServer } from './support';

// Issue 12, "What was observed", the socket cases (3, 4, 5, the socket half of 1 and of 6),
// plus the cap on sockets per address.

let server: ServerProcess;
let honest: HonestRoom;
const sockets: RawClient[] = [];

function socketUrl(boardId: string, token: string, doc: 'content' | 'control' = 'content'): string {
  return syncUrlFor({ syncUrl: `${server.url.replace(/^http/, 'ws')}/sync` }, boardId, token, doc);
}

/** The attacker's bare socket on a board's document (from the attacker's address). */
function attackerSocket(boardId: string, token: string, doc: 'content' | 'control' = 'content'): RawClient {
  const client = connectRaw(syncUrlFor({ syncUrl: `${server.url.replace(/^http/, 'ws')}/sync` }, boardId, token, doc), attackerHeaders);
  sockets.push(client);
  return client;
}

/** An awareness message of `count` entries from client id `first` on, each with `state` at `clock`. */
function presenceFlood(first: number, count: number, state: string, clock = 1): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(inner, first + i);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, state);
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

function queryAwareness(): Uint8Array {
  return new Uint8Array([3]);
}

/** A state vector naming `client` at `clock` (what a stock client of another board would send). */
function vectorOf(client: number, clock: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  return encoding.toUint8Array(encoder);
}

beforeAll(async () => {
  server = await startAbuseServer();
  honest = await HonestRoom.open(server.url);
}, 60_000);

afterAll(async () => {
  for (const client of sockets) client.ws.terminate();
  honest?.close();
  printFigures('tests/abuse, sockets (issue 12)');
  await server?.stop();
});

describe('issue 12, the socket cases: the server stays up and the honest room keeps its pace', () => {
  it('3. a viewer of a 20,000-card board asks for the whole state again and again', async () => {
    const imported = await importFile(server.url, boardFile(20_000));
    expect(imported.status).toBe(201);
    const big = imported.body as CreatedBoard;
    const check = joinBoard(server.url, big.id, big.tokens.viewer);
    await check.synced;
    expect(check.board.content.getMap('cards').size).toBe(20_000);
    const ownClient = [...Y.decodeStateVector(Y.encodeStateVector(check.board.content)).keys()][0]!;
    check.destroy();

    const requests = [syncStep1Message(), syncStep1Message(vectorOf(123_456_789, 0)), syncStep1Message(vectorOf(ownClient, 1))];
    const { result, figures } = await honest.during(
      '3. sync step 1 flood, 20,000-card board',
      () =>
        attack({
          url: socketUrl(big.id, big.tokens.viewer),
          headers: attackerHeaders,
          sockets: 6,
          messages: requests,
          repeat: 4_000,
          perRound: 40,
          everyMs: 10,
          holdMs: 500,
          maxMs: 8_000,
        }),
      { note: '6 viewer sockets, 40 requests each every 10 ms: empty, unknown-client and old state vectors' },
    );
    console.log(`3. requests sent per socket ${result.sent.join(', ')}; answered ${result.step2.join(', ')}`);
    // The per-connection budget: a burst of 4 and 2 a second (docs/operations.md).
    for (const count of result.step2) expect(count).toBeLessThanOrEqual(4 + 2 * Math.ceil(figures.ms / 1000) + 2);
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
    expect(await serverIsUp(server.url)).toBe(true);
  });

  it('4. presence flood: 200,000 client ids in one 13.7 MiB message, 800 in one under 64 KiB, then 200 queries', async () => {
    const { board } = honest;
    const state = JSON.stringify({ user: { name: 'Flood', color: '#ff0000' }, cursor: { x: 1, y: 2 } });
    const huge = presenceFlood(1_000_000, 200_000, state);
    const wide = presenceFlood(2_000_000, 800, state);
    const { result, figures } = await honest.during(
      '4. presence flood and queries',
      async () => {
        const floods = await attack({
          url: socketUrl(board.id, board.tokens.viewer),
          headers: attackerHeaders,
          sockets: 1,
          messages: [huge],
          repeat: 1,
          holdMs: 300,
          maxMs: 10_000,
        });
        const small = await attack({
          url: socketUrl(board.id, board.tokens.viewer),
          headers: attackerHeaders,
          sockets: 1,
          messages: [wide],
          repeat: 1,
          holdMs: 300,
          maxMs: 10_000,
        });
        const queries = await attack({
          url: socketUrl(board.id, board.tokens.viewer),
          headers: attackerHeaders,
          sockets: 1,
          messages: [queryAwareness()],
          repeat: 200,
          holdMs: 500,
          maxMs: 10_000,
        });
        return { floods, small, queries };
      },
      { note: `${(huge.length / 2 ** 20).toFixed(1)} MiB of 200,000 ids, ${(wide.length / 1024).toFixed(0)} KiB of 800 ids, 200 queries` },
    );
    console.log(`4. the query socket received ${result.queries.bytesReceived[0]} bytes`);
    // A late joiner is sent what the room kept: not the flood.
    const late = joinBoard(server.url, board.id, board.tokens.viewer);
    await late.synced;
    await sleep(300);
    const states = late.providers.content.provider.awareness.getStates();
    expect(states.size).toBeLessThan(20);
    const flooded = (id: number) => (id >= 1_000_000 && id < 1_200_000) || (id >= 2_000_000 && id < 2_000_800);
    expect([...states.keys()].some(flooded)).toBe(false);
    late.destroy();
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
    expect(result.queries.bytesReceived[0]).toBeLessThan(1024 * 1024);
    expect(await serverIsUp(server.url)).toBe(true);
  });

  it('5. presence impersonation: a viewer cannot take a reconnecting user’s client id; the user is back at once', async () => {
    const { board } = honest;
    const carol = joinBoard(server.url, board.id, board.tokens.editor);
    const watcher = joinBoard(server.url, board.id, board.tokens.viewer);
    await Promise.all([carol.synced, watcher.synced]);
    const id = carol.board.content.clientID;
    carol.providers.content.provider.awareness.setLocalStateField('user', { name: 'Carol' });
    const names: unknown[] = [];
    const nameAt = () => (watcher.providers.content.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name;
    watcher.providers.content.provider.awareness.on('change', () => names.push(nameAt()));
    await until(() => nameAt() === 'Carol', 'Carol at the watcher', 10_000);

    const mallory = attackerSocket(board.id, board.tokens.viewer);
    await mallory.opened;
    const { figures } = await honest.during('5. presence impersonation', async () => {
      carol.disconnect();
      await until(() => nameAt() === undefined, 'Carol gone at the watcher', 10_000);
      // Clocks far ahead of Carol's: the old server took the id and showed Mallory in Carol's place.
      for (let clock = 1; clock <= 20; clock++) mallory.ws.send(presenceFlood(id, 1, JSON.stringify({ user: { name: 'Mallory' } }), 1_000_000 + clock));
      await sleep(300);
      const backAt = performance.now();
      carol.connect();
      await until(() => nameAt() === 'Carol', 'Carol back at the watcher', 5_000);
      console.log(`5. Carol shown again ${(performance.now() - backAt).toFixed(0)} ms after she reconnected`);
    });
    expect(names).not.toContain('Mallory');
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
    carol.destroy();
    watcher.destroy();
    mallory.ws.close();
  });

  it('1. 500 wrong-token sockets in a burst: 4401, then 4429 past the failed-token limit', async () => {
    const { board } = honest;
    const { result, figures } = await honest.during('1. 500 wrong-token sockets', () =>
      // 500 in 0.4 s, as observed: 50 every 40 ms.
      attack({
        url: socketUrl(board.id, 'not-the-token'),
        headers: attackerHeaders,
        sockets: 500,
        openPerRound: 50,
        openEveryMs: 40,
        holdMs: 1_000,
        maxMs: 15_000,
      }),
    );
    const codes = result.closeCodes;
    const count = (code: number | null) => codes.filter((c) => c === code).length;
    console.log(`1. wrong-token sockets: ${count(4401)} closed 4401, ${count(4429)} closed 4429, ${count(1013)} closed 1013`);
    expect(count(4401) + count(4429) + count(1013)).toBe(500);
    expect(count(4429)).toBeGreaterThan(0);
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
    expect(await serverIsUp(server.url)).toBe(true);
  });

  it('sockets per address: past 1,000 concurrent sockets from one address a socket closes with 1013; the honest room on that board keeps its pace', async () => {
    const { board } = honest;
    // The attacker's earlier sockets are gone first: each counts until the server saw it close.
    for (const client of sockets) client.ws.terminate();
    await sleep(500);
    const { result: sockets1050, figures } = await honest.during('sockets per address (1,050 viewer sockets)', () =>
      attack({
        url: socketUrl(board.id, board.tokens.viewer),
        headers: attackerHeaders,
        sockets: 1_050,
        openPerRound: 50,
        openEveryMs: 50,
        holdMs: 1_000,
        read: false,
        maxMs: 20_000,
      }),
    );
    const result = {
      open: sockets1050.closeCodes.filter((code) => code === null).length,
      refused: sockets1050.closeCodes.filter((code) => code === 1013).length,
    };
    console.log(`sockets per address: ${result.open} open, ${result.refused} closed 1013`);
    expect(result.open).toBe(1000);
    expect(result.refused).toBe(50);
    expect(result.open + result.refused).toBe(1050);
    expect(await serverIsUp(server.url)).toBe(true);
    // The 1,000 sockets sit on the honest room's own board: every honest edit goes to each.
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
  });

  it('6. a board id over 100 characters closes 4404 (not 1005)', async () => {
    // From 127.0.0.1: the attacker's failed look-ups are over their limit by now (4429).
    const client = connectRaw(syncUrlFor({ syncUrl: `${server.url.replace(/^http/, 'ws')}/sync` }, 'x'.repeat(150), 'token'));
    sockets.push(client);
    expect((await client.closed).code).toBe(4404);
  });

  it('nothing an honest client sent was lost, and the honest clients were never refused', async () => {
    expect(honest.healthy()).toBe(true);
    const exported = await honest.exportedCards();
    for (const card of honest.cards) expect(exported.has(card)).toBe(true);
    expect(server.crash).toBeNull();
  });
});
