import type { FastifyError, FastifyInstance } from 'fastify';

/** An error the API answers with on purpose: a status, a stable code and a message for people. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Every error leaves as `{error: {code, message}}`; bad input never becomes a 500 or a stack trace. */
export function installErrorHandlers(app: FastifyInstance, onServerError: () => void): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (error.validation) {
      return reply.code(400).send(errorBody('invalid_input', error.message));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(CODE_BY_STATUS[status] ?? 'bad_request', error.message));
    }
    onServerError();
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'Something went wrong on the server.'));
  });

  app.setNotFoundHandler((request, reply) => {
    // The query is left out: it may carry a token.
    const path = request.url.split('?')[0] ?? '/';
    return reply.code(404).send(errorBody('not_found', `No route for ${request.method} ${path}`));
  });
}
