import { readdirSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_IMPORT_CARDS, newId } from '@benchlearn/shared';
import { loadConfig } from '../config';
import { IMPORT_WORKER_NICE, MAX_QUEUED_IMPORTS } from './importWorker';
import { sleep, startServer, type TestServer } from '../testing/testkit';

/** A valid board file near both import limits: 20,000 cards, 15,000 links, ~7.6 MB. */
function largestFile(): string {
  const kinds = ['success', 'problem', 'lesson', 'note'] as const;
  const cards = Array.from({ length: MAX_IMPORT_CARDS }, (_, i) => ({
    id: newId(),
    kind: kinds[i % 4]!,
    x: (i % 200) * 250,
    y: Math.floor(i / 200) * 150,
    w: 200,
    h: 120,
    text: `card ${i} `.padEnd(125, 'x'),
    authorId: 'u1',
    authorName: 'Ann',
    z: `a${i}`,
    votes: {},
    createdAt: 1,
  }));
  const lessons = cards.filter((card) => card.kind === 'lesson');
  const links = cards
    .filter((card) => card.kind !== 'lesson')
    .map((card, i) => ({ id: newId(), from: card.id, to: lessons[i % lessons.length]!.id, authorId: 'u1', createdAt: 1 }));
  return JSON.stringify({
    format: 'benchlearn-board',
    schema: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    board: { title: 'Largest', template: 'blank', createdAt: 1, locale: 'en' },
    frames: [],
    cards,
    links,
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ rateLimits: { ...loadConfig({}).rateLimits, import: 0 } });
});
afterAll(() => server.stop());

/** Imports `file`: the longest event-loop gap (ms) while the import was read, built and stored, and the answer. */
async function longestGapDuringImport(file: string): Promise<{ gap: number; response: Response }> {
  let gap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  try {
    const response = await fetch(`${server.httpUrl}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: file });
    return { gap, response };
  } finally {
    clearInterval(ticker);
  }
}

describe('an import off the event loop', () => {
  it('builds a maximum-size import on the worker: the event loop never stalls 200 ms', async () => {
    const file = largestFile();
    expect(file.length).toBeGreaterThan(7 * 1024 * 1024);
    expect(file.length).toBeLessThan(MAX_IMPORT_BYTES);
    // A warm-up import starts the worker (tsx loading the model there), as the first import after a quiet spell does.
    await fetch(`${server.httpUrl}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    // An import built on the event loop stalls it for a second and more, every time. On CI's 2
    // shared cores the other test projects can starve this process past the bound once on their
    // own, so the import is timed up to three times, and a stall in every try is what fails.
    // Only the imports are timed: reading a board back (to check it) loads it on the event loop.
    const tries: { gap: number; response: Response }[] = [];
    while (tries.length < 3 && !tries.some((tried) => tried.gap < 200)) tries.push(await longestGapDuringImport(file));
    const gaps = tries.map((tried) => tried.gap);
    console.log(
      `[import] longest event-loop gap during a ${(file.length / 1024 / 1024).toFixed(1)} MiB import, per try: ${gaps.map((gap) => gap.toFixed(0)).join(', ')} ms`,
    );
    for (const { response } of tries) expect(response.status).toBe(201);
    const created = (await tries.at(-1)!.response.json()) as { id: string; tokens: { viewer: string } };
    const view = await server.app.inject({ url: `/api/boards/${created.id}`, headers: { authorization: `Bearer ${created.tokens.viewer}` } });
    expect(view.json().counts).toMatchObject({ success: 5000, problem: 5000, lesson: 5000, note: 5000, links: 15000 });
    expect(Math.min(...gaps)).toBeLessThan(200);
  }, 90_000);

  it('answers "busy" (503) rather than queueing imports without bound', async () => {
    const file = largestFile();
    const responses = await Promise.all(
      Array.from({ length: 7 }, () =>
        fetch(`${server.httpUrl}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: file }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(4);
    const busy = responses.filter((response) => response.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.headers.get('retry-after')).toBe('5');
    expect(((await busy[0]!.json()) as { error: { code: string } }).error.code).toBe('busy');
  }, 120_000);
});

describe('imports waiting their turn', () => {
  it('answers "busy" before reading the body once as many imports as the worker takes are under way', async () => {
    const sockets: Socket[] = [];
    const stalled = () => {
      const socket = connect(server.port, '127.0.0.1');
      socket.on('error', () => {});
      sockets.push(socket);
      let answer = '';
      const answered = new Promise<string>((resolve) => socket.on('data', (chunk: Buffer) => resolve((answer += chunk.toString()))));
      socket.write(`POST /api/boards/import HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"format":`);
      return answered;
    };
    try {
      // Uploads that never finish: each holds its place while its body is awaited.
      for (let i = 0; i < MAX_QUEUED_IMPORTS; i++) void stalled();
      await sleep(300);
      const started = Date.now();
      const answer = await stalled();
      expect(answer).toMatch(/^HTTP\/1\.1 503/);
      expect(answer).toMatch(/"busy"/);
      expect(Date.now() - started).toBeLessThan(1000);
      // A place comes free when an upload goes.
      sockets[0]!.destroy();
      await sleep(300);
      const honest = await fetch(`${server.httpUrl}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(honest.status).toBe(400);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  it('keeps the connection of an import waiting for the worker open past the idle timeout', async () => {
    // The third waits for two builds of a maximum-size file (seconds), silent all along.
    const quick = await startServer({ rateLimits: { ...loadConfig({}).rateLimits, import: 0 }, httpTimeouts: { ...loadConfig({}).httpTimeouts, idleMs: 500 } });
    try {
      const file = largestFile();
      const statuses = await Promise.all(
        Array.from({ length: 3 }, () =>
          fetch(`${quick.httpUrl}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: file }).then(
            (response) => response.status,
            () => 0,
          ),
        ),
      );
      expect(statuses).toEqual([201, 201, 201]);
    } finally {
      await quick.stop();
    }
  }, 120_000);
});

/** The nice value of each of this process's threads (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return [];
    }
  });
}

describe('the import worker yields the CPU to the event loop', () => {
  it.runIf(process.platform === 'linux')('builds at a lower priority than the event loop', async () => {
    const mainNice = () => {
      const stat = readFileSync('/proc/self/stat', 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const before = mainNice();
    expect(before).not.toBe(IMPORT_WORKER_NICE);
    // Any import starts the worker; it stays a few seconds after its answer.
    const response = await fetch(`${server.httpUrl}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(400);
    expect(threadNiceValues()).toContain(IMPORT_WORKER_NICE);
    // The event loop's thread (the process's own) is left as it was.
    expect(mainNice()).toBe(before);
  });
});
