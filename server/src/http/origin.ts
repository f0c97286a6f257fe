import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors';

/**
 * Browser calls to the API from a page on another origin are refused (403). Requests without
 * an Origin header (curl, bots, same-origin GETs) are judged by their token alone.
 */
export function installOriginCheck(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (origin === undefined || allowedOrigins.includes(origin)) return;
    return reply.code(403).send(errorBody('forbidden_origin', `Requests from the origin ${origin} are not allowed.`));
  });
}
