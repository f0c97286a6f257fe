import { describe, expect, it } from 'vitest';
import { createBoard, startServer } from '../testing/testkit';
import { HEALTH_BOARD_ID } from './health';

describe('readiness and storage failures', () => {
  it('/healthz commits a write to storage, and answers 503 with the error shape when storage cannot write', async () => {
    const server = await startServer();
    try {
      const ok = await server.app.inject({ url: '/healthz' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ ok: true });
      const first = (await server.storage.getBoard(HEALTH_BOARD_ID))?.tokenHashes.viewer;
      expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await server.storage.getBoard(HEALTH_BOARD_ID))?.tokenHashes.viewer).not.toBe(first);
      // The health row is no board anyone can open.
      expect((await server.app.inject({ url: `/api/boards/${HEALTH_BOARD_ID}` })).statusCode).toBe(404);

      // The database goes away under the running server (as a lost disk or connection would).
      await server.storage.close();
      const down = await server.app.inject({ url: '/healthz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ error: { code: 'storage_unavailable' } });
    } finally {
      await server.stop();
    }
  });

  it('answers a storage failure on any route with 503 storage_unavailable, not a bare 500', async () => {
    const server = await startServer();
    try {
      const board = await createBoard(server);
      await server.storage.close();
      const created = await server.app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'after the disk filled' } });
      expect(created.statusCode).toBe(503);
      expect(created.headers['retry-after']).toBe('5');
      expect(created.json()).toMatchObject({ error: { code: 'storage_unavailable', message: expect.stringMatching(/storage/) } });
      const read = await server.app.inject({ url: `/api/boards/${board.id}`, headers: { authorization: `Bearer ${board.tokens.viewer}` } });
      expect(read.statusCode).toBe(503);
      expect(read.json().error.code).toBe('storage_unavailable');
    } finally {
      await server.stop();
    }
  });
});
