import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { MAX_IMPORT_BYTES, newId } from '@benchlearn/shared';
import { issueTokens } from '../auth/tokens';
import type { Storage } from '../storage/types';
import { createdBoardBody } from './access';
import { HttpError } from './errors';
import { ImportQueueFull, type ImportWorker } from './importWorker';
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
  // This scope reads JSON bodies as text: the shared validator parses them itself, so a
  // prototype-polluting key is reported with its place in the file (Fastify's own parser
  // refuses such a body with a message that names no place).
  // And only JSON: a text/plain body is what a cross-site form can send without asking.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/boards/import',
    // Counted before the body is read: a refused import costs the server no parse.
    { bodyLimit: IMPORT_BODY_LIMIT, config: { rateLimit: importLimit }, schema: { response: { 201: CreatedBoard } } },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      const createdAt = Date.now();
      let outcome;
      try {
        outcome = await worker.build(text, createdAt);
      } catch (error) {
        if (error instanceof ImportQueueFull) {
          throw new HttpError(503, 'busy', 'The server is importing other boards; try again in a few seconds.', { 'retry-after': '5' });
        }
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
