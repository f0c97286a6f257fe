import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Whether the request's body has not all arrived (a request without a body is complete at its
 * headers). An injected request (app.inject) has no such flag and counts as complete.
 */
export function bodyPending(request: FastifyRequest): boolean {
  return request.raw.complete === false;
}

/**
 * An answer given before the request's body arrived (429 before an import is read, 413 for a
 * declared size over the limit, 503 busy) closes the connection once it is sent. Otherwise
 * Node keeps the connection to read and discard the rest of the body, which a stalled upload
 * never sends: 600 of them, refused in a millisecond, held a file handle each until the
 * timeouts came round (issue 12). `Connection: close` makes Node end the socket as soon as the
 * answer is flushed; a client still sending sees the connection closed, and a browser may then
 * report a network error instead of the answer, which is the price of not reading the body.
 */
export function closeAfterEarlyAnswers(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (bodyPending(request)) reply.header('connection', 'close');
    return payload;
  });
}
