import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorBody } from './errors';

/**
 * The path as the router understands it: percent-decoded, dot segments resolved, repeated and
 * back slashes folded. `/%61pi/boards` and `//api/./boards` are the API, so they are judged as it.
 */
export function normalisedPath(url: string): string {
  const raw = url.split('?')[0] ?? '/';
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Not valid percent-encoding: the router will not decode it either.
  }
  return new URL(decoded.replace(/[\\/]+/g, '/'), 'http://path.invalid').pathname.toLowerCase();
}

function isApi(request: FastifyRequest): boolean {
  // The matched route is the router's own verdict; the normalised path covers what matched none.
  const route = request.routeOptions.url ?? '';
  return route.startsWith('/api/') || normalisedPath(request.url).startsWith('/api/');
}

/**
 * Browser calls to the API from a page on another origin are refused (403). Requests without
 * an Origin header (curl, bots, same-origin GETs) are judged by their token alone.
 */
export function installOriginCheck(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || allowedOrigins.includes(origin)) return;
    if (!isApi(request)) return;
    return reply.code(403).send(errorBody('forbidden_origin', `Requests from the origin ${origin} are not allowed.`));
  });
}
