import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { connectRaw, createBoard, sleep, startServer, syncUrlFor, type TestServer } from '../testing/testkit';

/** Seconds-scale timeouts, so the test sees them act; the defaults are in config.ts. */
const timeouts = { headersMs: 1000, idleMs: 1000, requestMs: 3000, keepAliveMs: 1000 };

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ httpTimeouts: timeouts });
});
afterAll(() => server.stop());

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Resolves with the ms until the server closed the connection. */
function closedWithin(socket: Socket): Promise<number> {
  const start = Date.now();
  // Refused before their body, some are closed before anyone listens.
  if (socket.closed) return Promise.resolve(0);
  return new Promise((resolve) => {
    socket.on('error', () => {});
    socket.on('close', () => resolve(Date.now() - start));
    socket.resume();
  });
}

describe('HTTP timeouts', () => {
  it('has defaults that drop a stall in seconds and let an 8 MiB import on a slow link finish', () => {
    const defaults = loadConfig({}).httpTimeouts;
    expect(defaults.idleMs).toBeLessThanOrEqual(10_000);
    expect(defaults.headersMs).toBeLessThanOrEqual(10_000);
    // 8 MiB at 0.6 Mbit/s takes 112 s.
    expect(defaults.requestMs).toBeGreaterThanOrEqual(((8 * 1024 * 1024 * 8) / 600_000) * 1000);
  });

  it('closes a request that sent its headers and then stalls its body', async () => {
    const socket = await open();
    socket.write('POST /api/boards HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title":');
    expect(await closedWithin(socket)).toBeLessThan(timeouts.idleMs + 1500);
  });

  it('closes a request whose headers trickle in and never end', async () => {
    const socket = await open();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const closed = closedWithin(socket);
    // A header line every 400 ms keeps the connection from being idle; the headers timeout still ends it.
    const trickle = setInterval(() => socket.writable && socket.write(`X-Slow: ${Date.now()}\r\n`), 400);
    try {
      expect(await closed).toBeLessThan(timeouts.headersMs + 2000);
    } finally {
      clearInterval(trickle);
    }
  });

  it('answers an honest request while 300 stalled requests wait', async () => {
    const stalled = await Promise.all(Array.from({ length: 300 }, () => open()));
    for (const socket of stalled) {
      socket.on('error', () => {});
      socket.write('POST /api/boards/import HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 8000000\r\n\r\n{');
    }
    try {
      const start = Date.now();
      const response = await fetch(`${server.httpUrl}/api/time`);
      expect(response.status).toBe(200);
      expect(Date.now() - start).toBeLessThan(2000);
      // And they are gone soon after.
      await Promise.all(stalled.map((socket) => closedWithin(socket)));
    } finally {
      for (const socket of stalled) socket.destroy();
    }
  });

  it('leaves a quiet sync socket open past the idle timeout (its pings keep it alive, not the HTTP timers)', async () => {
    const board = await createBoard(server);
    const socket = connectRaw(syncUrlFor(server, board.id, board.tokens.viewer));
    await socket.opened;
    await sleep(timeouts.idleMs * 2.5);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    socket.ws.close();
  });
});

describe('an answer given before the body arrived', () => {
  let limited: TestServer;
  beforeAll(async () => {
    // Timeouts at their defaults (10 s): what closes the connection here is the early answer.
    limited = await startServer({ rateLimits: { ...loadConfig({}).rateLimits, import: 1 } });
  });
  afterAll(() => limited.stop());

  /** Sends `head` on a new connection and then nothing; the answer's head and when the server closed it. */
  async function stall(head: string): Promise<{ answer: Promise<string>; closed: Promise<number> }> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const opened = connect(limited.port, '127.0.0.1', () => resolve(opened));
      opened.on('error', reject);
    });
    let received = '';
    const answer = new Promise<string>((resolve) => socket.on('data', (chunk: Buffer) => resolve((received += chunk.toString()))));
    const closed = closedWithin(socket);
    socket.write(head);
    return { answer, closed };
  }

  const upload = (length: number) =>
    `POST /api/boards/import HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"format":`;

  it('closes a stalled upload whose declared size is over the limit as soon as it is answered 413', async () => {
    // The address's one import of the window: counted, then refused for its size before its body.
    const refused = await stall(upload(64 * 1024 * 1024));
    expect(await refused.answer).toMatch(/^HTTP\/1\.1 413/);
    expect(await refused.closed).toBeLessThan(1000);
  });

  it('closes a stalled upload answered 429 as soon as the answer is sent, with Connection: close (issue 12)', async () => {
    // The address's one import of the window went to the test above.
    const refused = await stall(upload(1_000_000));
    expect(await refused.answer).toMatch(/^HTTP\/1\.1 429/);
    expect(await refused.answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(await refused.closed).toBeLessThan(1000);
    // An honest request is answered meanwhile, on a kept-alive connection as usual.
    const honest = await fetch(`${limited.httpUrl}/api/time`);
    expect(honest.status).toBe(200);
    expect(honest.headers.get('connection')).not.toBe('close');
  });
});
