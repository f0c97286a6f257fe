import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDataDir, type TestServer } from '../testing/testkit';

describe('the built web app', () => {
  let server: TestServer;
  const root = tempDataDir();

  beforeAll(async () => {
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Benchlearn</title>');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    server = await startServer({ clientDist: dist });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(['/', '/b/abc', '/b/abc/present'])('answers %s with index.html (so a reload works)', async (url) => {
    const response = await server.app.inject({ url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<title>Benchlearn</title>');
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const response = await server.app.inject({ url: '/assets/app-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it.each(['/api/boards/nope/x', '/sync', '/missing.js'])('answers %s with a JSON 404, not index.html', async (url) => {
    const response = await server.app.inject({ url });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('without a built web app', () => {
  it('answers / with a notice to build the client', async () => {
    const server = await startServer();
    try {
      const response = await server.app.inject({ url: '/' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(/not built/);
    } finally {
      await server.stop();
    }
  });
});
