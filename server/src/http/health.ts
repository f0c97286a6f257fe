import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Metrics } from '../metrics';
import { BoardNotFoundError, type Storage } from '../storage/types';
import { errorBody } from './errors';
import { ErrorResponse } from './schemas';

/**
 * The health check's own row: a board record no request can reach (it is not a board id, see
 * isId), whose viewer hash every check rewrites. So readiness means "a write commits", which a
 * full disk, a read-only file or a lost database connection all fail, without a method of its own
 * in the storage interface.
 */
export const HEALTH_BOARD_ID = '~healthz';

async function checkWrite(storage: Storage): Promise<void> {
  const hash = randomBytes(16).toString('hex');
  try {
    await storage.setTokenHash(HEALTH_BOARD_ID, 'viewer', hash);
  } catch (error) {
    if (!(error instanceof BoardNotFoundError)) throw error;
    // First check on this database. Another instance may create it at the same moment.
    await storage
      .createBoard(
        HEALTH_BOARD_ID,
        { facilitator: hash, editor: hash, viewer: hash },
        { content: new Uint8Array([0, 0]), control: new Uint8Array([0, 0]) },
        { title: 'health check', createdAt: Date.now() },
      )
      .catch(async (createError: unknown) => {
        if (!(await storage.getBoard(HEALTH_BOARD_ID))) throw createError;
      });
  }
}

export async function healthRoutes(app: FastifyInstance, { metrics, storage }: { metrics: Metrics; storage: Storage }): Promise<void> {
  app.get('/healthz', { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }), 503: ErrorResponse } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await checkWrite(storage);
    } catch (error) {
      request.log.error({ err: error }, 'health check: storage cannot write');
      return reply.code(503).send(errorBody('storage_unavailable', 'Storage cannot write.'));
    }
    return { ok: true };
  });

  // The server's clock, so browsers can show the facilitator's timer the same everywhere
  // whatever their own clocks say (docs/api.md: clock offset estimated from the round trip).
  app.get('/api/time', { schema: { response: { 200: Type.Object({ now: Type.Number() }) } } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ now: Date.now() }),
  );

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
