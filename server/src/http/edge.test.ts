import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@benchlearn/shared';
import { connectRaw, createBoard, startServer, tempDataDir, type TestServer } from '../testing/testkit';

/** Issue 12, item 6: the small holes at the HTTP edge. */
describe('the HTTP edge', () => {
  let server: TestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    const root = tempDataDir();
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Benchlearn</title><div id="root"></div>');
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startServer(
      { dataDir: root, clientDist: dist, logLevel: 'info', publicUrl: 'https://bench.example', allowedOrigins: ['https://bench.example'] },
      { logStream: stream },
    );
  });
  afterAll(() => server.stop());

  it.each(['/%61pi/boards', '/API/boards', '//api/boards', '/x/../api/boards', '/api/%2e%2e/api/boards'])(
    'judges the origin of POST %s by the path the router decodes (403 from a foreign origin)',
    async (url) => {
      const response = await server.app.inject({ method: 'POST', url, headers: { origin: 'https://evil.example' }, payload: { title: 'x' } });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden_origin');
    },
  );

  it('still takes POST /%61pi/boards from the app’s own origin', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/%61pi/boards', headers: { origin: 'https://bench.example' }, payload: { title: 'x' } });
    expect(response.statusCode).toBe(201);
  });

  it('closes a socket for a board id over 100 characters with 4404, not 1005', async () => {
    const socket = connectRaw(`${server.syncUrl}/${'a'.repeat(150)}?token=x`);
    expect((await socket.closed).code).toBe(CloseCode.BoardNotFound);
    const control = connectRaw(`${server.syncUrl}/${'a'.repeat(3000)}/control?token=x`);
    expect((await control.closed).code).toBe(CloseCode.BoardNotFound);
  });

  it('answers a board id over 100 characters on the API with the error shape, not a route miss', async () => {
    const response = await server.app.inject({ url: `/api/boards/${'a'.repeat(150)}`, headers: { authorization: 'Bearer x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
  });

  it('redacts a token whatever the percent-encoding of its key', async () => {
    const board = await createBoard(server);
    const secret = board.tokens.viewer;
    for (const key of ['%74oken', 'tok%65n', 'token']) {
      const response = await server.app.inject({ url: `/api/boards/${board.id}?${key}=${secret}` });
      // The parser reads the key decoded: the token works, and so it must not be logged.
      expect(response.statusCode).toBe(200);
    }
    await server.app.inject({ url: `/api/boards/${board.id}?x=1&%54OKEN=${secret}` });
    const log = lines.join('');
    expect(log).toContain('%74oken=[redacted]');
    expect(log).not.toContain(secret);
  });

  it('answers an unknown browser route with the web app’s page and status 404', async () => {
    const response = await server.app.inject({ url: '/no/such/page', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<div id="root">');
    // The API and scripts keep their JSON 404.
    const api = await server.app.inject({ url: '/api/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const script = await server.app.inject({ url: '/missing.js' });
    expect(script.json().error.code).toBe('not_found');
  });

  it('sends the security headers: CSP with frame-ancestors none, nosniff, no referrer', async () => {
    const response = await server.app.inject({ url: '/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' wss://bench.example");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('does not upgrade requests or send HSTS for a plain-http deployment (a LAN server)', async () => {
    const plain = await startServer();
    try {
      const response = await plain.app.inject({ url: '/' });
      expect(String(response.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
      expect(String(response.headers['content-security-policy'])).toMatch(/connect-src 'self' ws:\/\/localhost:\d+ ws:\/\/127\.0\.0\.1:\d+/);
      expect(response.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await plain.stop();
    }
  });
});
