import { readFile } from 'node:fs/promises';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isStorageFailure } from './storageGuard';

/** An error the API answers with on purpose: a status, a stable code and a message for people. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/**
 * A board look-up that failed (unknown board, missing or wrong token). Counted per address:
 * past the limit it is answered 429 instead, so ids and tokens cannot be tried in bulk.
 */
export class FailedAccess extends HttpError {}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export interface ErrorHandlerOptions {
  onServerError: () => void;
  /** Counts a failed look-up; seconds to wait once the address is past its limit, else null. */
  failedAccess?: (request: FastifyRequest) => Promise<number | null>;
  /** The web app's index.html, for a browser that asks for a page the server does not have. */
  indexHtml?: string | null;
}

/** Whether a not-found is better answered with the web app's page (it shows its own "not found"). */
function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '/';
  if (path.startsWith('/api/') || path === '/api' || path.startsWith('/sync') || path === '/healthz' || path === '/metrics') return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/** Every error leaves as `{error: {code, message}}`; bad input never becomes a 500 or a stack trace. */
export function installErrorHandlers(app: FastifyInstance, options: ErrorHandlerOptions): void {
  app.setErrorHandler(async (error: FastifyError | HttpError, request, reply) => {
    if (error instanceof FailedAccess && options.failedAccess) {
      const retryAfter = await options.failedAccess(request);
      if (retryAfter !== null) {
        return reply
          .code(429)
          .header('retry-after', String(retryAfter))
          .send(errorBody('rate_limited', `Too many failed board look-ups from this address; try again in ${retryAfter} s.`));
      }
    }
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.code(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (error.validation) {
      return reply.code(400).send(errorBody('invalid_input', error.message));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(CODE_BY_STATUS[status] ?? 'bad_request', error.message));
    }
    onServerErrorLog(options, request, error);
    if (isStorageFailure(error)) {
      // A clear, retryable answer: nothing was half-done (every write is one transaction).
      return reply
        .code(503)
        .header('retry-after', '5')
        .send(errorBody('storage_unavailable', 'The server cannot reach its storage right now; nothing was changed. Try again shortly.'));
    }
    return reply.code(500).send(errorBody('internal', 'Something went wrong on the server.'));
  });

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    if (options.indexHtml && wantsPage(request)) {
      // Read at each miss: a rebuilt web app is served without a restart, and misses are rare.
      const page = await readFile(options.indexHtml, 'utf8').catch(() => null);
      if (page !== null) return reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
    }
    // The query is left out: it may carry a token.
    const path = request.url.split('?')[0] ?? '/';
    return reply.code(404).send(errorBody('not_found', `No route for ${request.method} ${path}`));
  });
}

function onServerErrorLog(options: ErrorHandlerOptions, request: FastifyRequest, error: unknown): void {
  options.onServerError();
  request.log.error({ err: error }, 'request failed');
}
