import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Metrics } from '../metrics';

export async function healthRoutes(app: FastifyInstance, { metrics }: { metrics: Metrics }): Promise<void> {
  app.get('/healthz', { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({ ok: true }));

  // The server's clock, so browsers can show the facilitator's timer the same everywhere
  // whatever their own clocks say (docs/api.md: clock offset estimated from the round trip).
  app.get(
    '/api/time',
    { schema: { response: { 200: Type.Object({ now: Type.Number() }) } } },
    async (_request, reply) => reply.header('cache-control', 'no-store').send({ now: Date.now() }),
  );

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
