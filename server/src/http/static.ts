import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

const NOT_BUILT = 'Benchlearn server is running, but the web app is not built yet. Build the client (npm run build) and restart the server.\n';

/**
 * Serves the built web app. `/` and `/b/*` answer with index.html so a reload of a board or
 * its projector view works; /api and /sync never do (unknown paths there are JSON 404s).
 */
export async function clientRoutes(app: FastifyInstance, { clientDist }: { clientDist: string }): Promise<void> {
  if (!existsSync(join(clientDist, 'index.html'))) {
    app.log.warn({ clientDist }, 'the web app is not built; serving a notice at /');
    const notice = async (_request: FastifyRequest, reply: FastifyReply) => {
      reply.type('text/plain; charset=utf-8');
      return NOT_BUILT;
    };
    app.get('/', notice);
    app.get('/b/*', notice);
    return;
  }
  await app.register(fastifyStatic, {
    root: clientDist,
    index: false,
    wildcard: true,
    cacheControl: false,
    setHeaders(res, path) {
      // Vite puts content hashes in asset names: they never change, so they may be cached forever.
      if (/[\\/]assets[\\/]/.test(path)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else res.setHeader('cache-control', 'no-cache');
    },
  });
  const index = async (_request: FastifyRequest, reply: FastifyReply) => reply.sendFile('index.html');
  app.get('/', index);
  app.get('/b/*', index);
}
