import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Socket } from 'node:net';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { MAX_IMPORT_BYTES, newId } from '@benchlearn/shared';
import { issueTokens } from '../auth/tokens';
import type { Storage } from '../storage/types';
import { createdBoardBody } from './access';
import { HttpError } from './errors';
import { ImportQueueFull, MAX_QUEUED_IMPORTS, type ImportWorker } from './importWorker';
import { CreatedBoard } from './schemas';

export interface ImportRoutesOptions {
  storage: Storage;
  publicUrl: string;
  maxBoardBytes: number;
  /** Per-address limit on imports (docs/operations.md, "Limits"); false for none. */
  importLimit: RateLimitOptions | false;
  /** Where the file is parsed, checked and built into documents: off the event loop. */
  worker: ImportWorker;
}

/** Body size limit of an import; a larger file is answered with 413 before it is read. */
export const IMPORT_BODY_LIMIT = MAX_IMPORT_BYTES;

/**
 * `POST /api/boards/import` (no role): a JSON export becomes a new board, with new ids and
 * tokens, the file's frames and its cards, links and votes. The whole file is validated first;
 * on any problem the answer is 400 naming what and where, and no board exists.
 */
export const importRoutes: FastifyPluginAsyncTypebox<ImportRoutesOptions> = async (app, { storage, publicUrl, maxBoardBytes, importLimit, worker }) => {
  // This scope reads JSON bodies as bytes: the shared validator parses them itself (on the
  // worker), so a prototype-polluting key is reported with its place in the file (Fastify's
  // own parser refuses such a body with a message that names no place). Bytes, not text: the
  // event loop neither decodes 8 MiB nor copies the string to the worker (issue 12).
  // And only JSON: a text/plain body is what a cross-site form can send without asking.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => {
    done(null, body);
  });

  // Imports being read or built. Past what the worker takes, a new one is answered "busy"
  // before its body is read: a flood from many addresses costs neither 8 MiB of memory each
  // nor the reading of it.
  let inProgress = 0;
  const busy = () => new HttpError(503, 'busy', 'The server is importing other boards; try again in a few seconds.', { 'retry-after': '5' });

  app.post(
    '/api/boards/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      // Counted before the body is read: a refused import costs the server no parse.
      config: { rateLimit: importLimit },
      schema: { response: { 201: CreatedBoard } },
      onRequest: async (_request, reply) => {
        if (inProgress >= MAX_QUEUED_IMPORTS) throw busy();
        inProgress += 1;
        // 'close' comes once whatever the end: answered, refused, or the client gone.
        reply.raw.once('close', () => (inProgress -= 1));
      },
    },
    async (request, reply) => {
      const bytes = request.body instanceof Uint8Array ? request.body : new Uint8Array(0);
      // The whole file is here: silence from now on is the server building it (behind up to
      // three others, seconds each), not a stalled client, so the idle timeout must not drop
      // it. Node sets the kept-alive timeout again once the answer is sent.
      // (An injected request's socket is a stand-in without timers.)
      const socket: Partial<Pick<Socket, 'setTimeout'>> = request.raw.socket;
      socket.setTimeout?.(0);
      const createdAt = Date.now();
      let outcome;
      try {
        outcome = await worker.build(bytes, createdAt);
      } catch (error) {
        if (error instanceof ImportQueueFull) throw busy();
        throw error;
      }
      if (!outcome.ok) {
        if (outcome.tooLarge) throw new HttpError(413, 'payload_too_large', outcome.message);
        throw new HttpError(400, 'invalid_input', outcome.message);
      }
      const initial = { content: outcome.content, control: outcome.control };
      if (initial.content.length + initial.control.length > maxBoardBytes) {
        throw new HttpError(413, 'board_full', `The board in this file is larger than a board may be (${maxBoardBytes} bytes).`);
      }
      const id = newId();
      const title = outcome.title;
      const { tokens, hashes } = issueTokens();
      // One transaction: the board and its documents exist together or not at all.
      await storage.createBoard(id, hashes, initial, { title, createdAt });
      request.log.info({ boardId: id, cards: outcome.cards }, 'board imported');
      return reply.code(201).send(createdBoardBody(publicUrl, id, title, tokens));
    },
  );
};
