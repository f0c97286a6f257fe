import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import type { ServerProcess } from '../support/server';
import { sleep } from '../support/sync';
import { attackerHeaders, boardFile, HonestRoom, importFile, MAX_HONEST_P99_MS, printFigures, serverIsUp, startAbuseServer } from './support';

// Issue 12, "What was observed", the HTTP cases (1, 2 and the HTTP half of 6). The server's
// connection timeouts are shortened (3 s instead of 10 s) so the stalled connections are
// dropped within the suite's time; the mechanism is the same. A connection answered 429 before its
// body came is closed with the answer, whatever the timeouts.

let server: ServerProcess;
let honest: HonestRoom;
const TIMEOUT_MS = 3_000;

beforeAll(async () => {
  server = await startAbuseServer({
    HTTP_IDLE_TIMEOUT_MS: String(TIMEOUT_MS),
    HTTP_HEADERS_TIMEOUT_MS: String(TIMEOUT_MS),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: String(TIMEOUT_MS),
    LOG_LEVEL: 'info',
  });
  honest = await HonestRoom.open(server.url);
}, 60_000);

afterAll(async () => {
  honest?.close();
  printFigures('tests/abuse, HTTP (issue 12)');
  await server?.stop();
});

/** Sends `count` requests, `concurrency` at a time; the statuses and Retry-After headers. */
async function burst(count: number, concurrency: number, request: () => Promise<Response>): Promise<{ statuses: number[]; retryAfter: (string | null)[] }> {
  const statuses: number[] = [];
  const retryAfter: (string | null)[] = [];
  for (let done = 0; done < count; done += concurrency) {
    const answers = await Promise.all(Array.from({ length: Math.min(concurrency, count - done) }, () => request()));
    for (const res of answers) {
      statuses.push(res.status);
      retryAfter.push(res.headers.get('retry-after'));
      await res.arrayBuffer();
    }
  }
  return { statuses, retryAfter };
}

const count = (statuses: readonly number[], status: number) => statuses.filter((s) => s === status).length;

/**
 * Raw TCP connections that send `head` and then nothing; when the server answered each (null:
 * never) and when it closed each (null: still open at the end), in ms from the start.
 */
async function stalled(connections: number, head: string, ms: number): Promise<{ answeredAfterMs: (number | null)[]; closedAfterMs: (number | null)[] }> {
  const url = new URL(server.url);
  const started = performance.now();
  const sockets: Socket[] = [];
  const answeredAt: (number | null)[] = new Array<number | null>(connections).fill(null);
  const closedAt: (number | null)[] = new Array<number | null>(connections).fill(null);
  for (let i = 0; i < connections; i++) {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.on('error', () => {});
    // Read what comes: a paused socket never sees the server's end of the connection.
    socket.on('data', () => (answeredAt[i] ??= performance.now() - started));
    socket.on('close', () => (closedAt[i] ??= performance.now() - started));
    socket.write(head);
    sockets.push(socket);
    if (i % 50 === 49) await sleep(20);
  }
  const deadline = performance.now() + ms;
  while (closedAt.some((at) => at === null) && performance.now() < deadline) await sleep(100);
  const closedAfterMs = closedAt.slice();
  for (const socket of sockets) socket.destroy();
  return { answeredAfterMs: answeredAt, closedAfterMs };
}

describe('issue 12, the HTTP cases: the server stays up and the honest room keeps its pace', () => {
  it('1. a board creation flood: 429 with Retry-After past the limit (30 a minute per address)', async () => {
    const { result, figures } = await honest.during('1. board creation flood (300 POSTs)', () =>
      burst(300, 20, () =>
        fetch(`${server.url}/api/boards`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...attackerHeaders },
          body: JSON.stringify({ title: 'Flood' }),
        }),
      ),
    );
    console.log(`1. board creation: ${count(result.statuses, 201)} created, ${count(result.statuses, 429)} answered 429`);
    expect(count(result.statuses, 201)).toBeLessThanOrEqual(30);
    expect(count(result.statuses, 429)).toBeGreaterThanOrEqual(270);
    expect(result.retryAfter.filter((value, i) => result.statuses[i] === 429).every((value) => value !== null && Number(value) > 0)).toBe(true);
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
    // The honest address is counted apart.
    const mine = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Mine' }),
    });
    expect(mine.status).toBe(201);
  });

  it('1. wrong tokens over HTTP: 401, then 429 past the failed-token limit', async () => {
    const { board } = honest;
    const { result, figures } = await honest.during('1. 600 wrong tokens over HTTP', () =>
      burst(600, 20, () => fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: 'Bearer not-the-token', ...attackerHeaders } })),
    );
    console.log(`1. wrong tokens: ${count(result.statuses, 401)} answered 401, ${count(result.statuses, 429)} answered 429`);
    expect(count(result.statuses, 401)).toBeLessThanOrEqual(60);
    expect(count(result.statuses, 429)).toBeGreaterThanOrEqual(540);
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
  });

  it('1. a maximum-size import flood: past the limit (10 a minute) 429, before the body is read', async () => {
    const file = boardFile(20_000, 230);
    expect(file.length).toBeGreaterThan(7 * 1024 * 1024);
    expect(file.length).toBeLessThanOrEqual(8 * 1024 * 1024);
    const body = new TextEncoder().encode(file);
    const { result, figures } = await honest.during('1. 8 MiB import flood (20 imports)', async () => {
      const statuses: number[] = [];
      for (let round = 0; round < 5; round++) {
        const answers = await Promise.all(Array.from({ length: 4 }, () => importFile(server.url, body, attackerHeaders)));
        statuses.push(...answers.map((answer) => answer.status));
      }
      return statuses;
    });
    console.log(`1. import statuses: ${result.join(' ')}`);
    console.log(`1. imports: ${count(result, 201)} created, ${count(result, 429)} answered 429, ${count(result, 0)} closed while sending`);
    expect(count(result, 201)).toBeLessThanOrEqual(10);
    expect(count(result, 429) + count(result, 0)).toBeGreaterThanOrEqual(10);
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
  });

  it('2. every stalled upload and unfinished header is dropped within the timeouts; the server stays reachable meanwhile', async () => {
    const upload = `POST /api/boards/import HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: ${attackerHeaders['x-forwarded-for']}\r\nContent-Type: application/json\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\n{"format":`;
    const slowHeaders = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ';
    const { result, figures } = await honest.during('2. 600 stalled uploads, 300 unfinished headers', async () => {
      const [uploads, headers] = await Promise.all([stalled(600, upload, TIMEOUT_MS * 3), stalled(300, slowHeaders, TIMEOUT_MS * 3)]);
      return { uploads, headers };
    });
    const worst = (closed: (number | null)[]) => (closed.some((at) => at === null) ? Infinity : Math.max(...(closed as number[])));
    const late = (closed: (number | null)[]) => closed.filter((at) => at === null || at > TIMEOUT_MS * 2 + 1_000).length;
    const { answeredAfterMs, closedAfterMs } = result.uploads;
    // How long a connection answered before its body (429, 503 busy) stayed open after its answer.
    const lingered = answeredAfterMs.flatMap((answered, i) => (answered === null ? [] : [(closedAfterMs[i] ?? Infinity) - answered]));
    console.log(
      `2. stalled uploads dropped within ${worst(closedAfterMs).toFixed(0)} ms (${late(closedAfterMs)} later than ${TIMEOUT_MS * 2 + 1_000} ms); ` +
        `${lingered.length} answered before their body, closed at most ${Math.max(0, ...lingered).toFixed(0)} ms after the answer; ` +
        `unfinished headers within ${worst(result.headers.closedAfterMs).toFixed(0)} ms (${late(result.headers.closedAfterMs)} later)`,
    );
    expect(late(closedAfterMs)).toBe(0);
    expect(late(result.headers.closedAfterMs)).toBe(0);
    // Before: an upload answered 429 before its body stayed open until the kept-alive timeout.
    expect(lingered.length).toBeGreaterThanOrEqual(500);
    expect(Math.max(...lingered)).toBeLessThan(1_000);
    expect(figures.p99).toBeLessThan(MAX_HONEST_P99_MS);
    expect(await serverIsUp(server.url)).toBe(true);
  });

  it('6. POST /%61pi/boards from a foreign origin is refused', async () => {
    const res = await fetch(`${server.url}/%61pi/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ title: 'Cross-site' }),
    });
    expect(res.status).toBe(403);
  });

  it('6. the app’s pages carry a CSP with frame-ancestors, nosniff and a Referrer-Policy', async () => {
    const res = await fetch(`${server.url}/`);
    await res.arrayBuffer();
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).not.toBeNull();
  });

  it('6. a token sent as ?%74oken= is not written to the log', async () => {
    const secret = 'SeCrEtToKeN-that-must-not-be-logged';
    const res = await fetch(`${server.url}/api/boards/${honest.board.id}?%74oken=${secret}`);
    await res.arrayBuffer();
    await sleep(200);
    expect(server.logs).not.toContain(secret);
  });

  it('6. an unknown browser route gets a page, not raw JSON', async () => {
    const res = await fetch(`${server.url}/no/such/page`, { headers: { accept: 'text/html' } });
    await res.arrayBuffer();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('nothing an honest client sent was lost, and the honest clients were never refused', async () => {
    expect(honest.healthy()).toBe(true);
    const exported = await honest.exportedCards();
    for (const card of honest.cards) expect(exported.has(card)).toBe(true);
    expect(server.crash).toBeNull();
  });
});
