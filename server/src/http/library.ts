import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { LibraryOverview, libraryDrafts, libraryOverview, newId } from '@benchlearn/shared';
import { roleForToken, tokenFromRequest } from '../auth/tokens';
import { libraryAtom, libraryCsv, libraryMarkdown } from '../networks/formats';
import { snippetOf } from '../networks/highlight';
import type { RoomManager } from '../rooms';
import type { LibraryEntry, LibraryQuery, NetworkRecord, NetworkStorage } from '../storage/networks';
import { stemsOf, wordsOf } from '../storage/stemming';
import type { Storage } from '../storage/types';
import { accessHook, accessOf, readBoardDoc } from './access';
import { FailedAccess, HttpError } from './errors';
import { contentDisposition } from './filename';
import { networkAccess } from './networkAccess';
import { guardNetworks } from './networkGuard';
import {
  EntryParams,
  FeedQuery,
  LibraryExportQuery,
  MAX_QUERY_WORDS,
  NetworkParams,
  PublishBody,
  Published,
  SearchAnswer,
  SearchQuery,
  type LibraryFormat,
} from './networkSchemas';
import { BoardParams } from './schemas';

export interface LibraryRoutesOptions {
  storage: Storage;
  rooms: RoomManager;
  publicUrl: string;
}

const DEFAULT_LIMIT = 20;
/** What an export or a feed holds at most: the newest entries first. */
const MAX_EXPORT = 5000;
const FEED_SIZE = 50;

const CONTENT_TYPES: Record<LibraryFormat, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** A page's place in the results, opaque to clients: the offset of the next entry. */
function cursorOf(offset: number): string {
  return Buffer.from(`o${offset}`).toString('base64url');
}

function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new HttpError(400, 'invalid_input', 'querystring/cursor is not a cursor this server gave.');
  return Number(match[1]);
}

function termsOf(q: string | undefined): string[] {
  const terms = wordsOf(q ?? '');
  if (terms.length > MAX_QUERY_WORDS) throw new HttpError(400, 'invalid_input', `querystring/q may hold at most ${MAX_QUERY_WORDS} words.`);
  return terms;
}

/** "The same problem": the same words, each by its shortest Dutch or English stem ("volunteers dropped" = "volunteer drops"). */
export function problemKey(text: string): string {
  return wordsOf(text)
    .map((word) => stemsOf(word).reduce((a, b) => (b.length < a.length ? b : a)))
    .join(' ');
}

/** Every entry that matches the filters, newest first, up to MAX_EXPORT. */
async function allEntries(networks: NetworkStorage, query: Omit<LibraryQuery, 'terms' | 'limit' | 'offset'>): Promise<LibraryEntry[]> {
  return (await networks.search({ ...query, terms: [], limit: MAX_EXPORT, offset: 0 })).entries;
}

/**
 * The network of an entry that the caller may withdraw: the coordinator, or the facilitator of
 * the board the entry came from; a member may not (403).
 */
async function mayWithdraw(storage: Storage, networks: NetworkStorage, request: FastifyRequest, id: string, entryId: string): Promise<NetworkRecord> {
  const network = await networks.getNetwork(id);
  if (!network) throw new FailedAccess(404, 'not_found', 'No network with this id.');
  const token = tokenFromRequest(request.headers, request.query);
  const entry = await networks.getEntry(network.id, entryId);
  const role = await networkAccess(networks, request, id, 'member').then(
    (granted) => granted.role,
    () => null,
  );
  if (role === 'member') throw new HttpError(403, 'forbidden', 'Only the coordinator or the source board’s facilitator can withdraw an entry.');
  if (role === null) {
    if (!token) throw new FailedAccess(401, 'unauthorized', 'A token is required: Authorization: Bearer TOKEN.');
    if (!entry) throw new HttpError(404, 'not_found', 'No library entry with this id.');
    const source = await storage.getBoard(entry.boardId);
    const boardRole = source && !source.deleted ? roleForToken(token, source.tokenHashes) : null;
    if (boardRole === null) throw new FailedAccess(401, 'unauthorized', 'The token is not valid for this network or the entry’s board.');
    if (boardRole !== 'facilitator') throw new HttpError(403, 'forbidden', 'Only the coordinator or the source board’s facilitator can withdraw an entry.');
  }
  return network;
}

/** One page of search results with their snippets (the network's route and a board's). */
export async function searchPage(networks: NetworkStorage, networkId: string, query: Static<typeof SearchQuery>): Promise<Static<typeof SearchAnswer>> {
  const { q, org, tag, board } = query;
  const terms = termsOf(q);
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  const offset = offsetOf(query.cursor);
  const page = await networks.search({ networkId, terms, organisation: org, tag: tag?.trim().toLowerCase(), boardId: board, limit, offset });
  const entries = page.entries.map((entry) => {
    const snippet = snippetOf([entry.text, ...entry.evidence.map((item) => item.text)], terms);
    return snippet ? { ...entry, snippet } : entry;
  });
  return { entries, next: page.more ? cursorOf(offset + limit) : null };
}

/** Publishing a board's lessons to its network's library, and finding, exporting and following them there. */
export const libraryRoutes: FastifyPluginAsyncTypebox<LibraryRoutesOptions> = async (app, { storage, rooms, publicUrl }) => {
  const networks = guardNetworks(storage.networks);
  const access = accessHook(storage);

  app.post(
    '/api/boards/:id/publish',
    { preHandler: access('facilitator'), schema: { params: BoardParams, body: PublishBody, response: { 201: Published } } },
    async (request, reply) => {
      const { board } = accessOf(request);
      const networkId = await networks.networkOfBoard(board.id);
      if (!networkId) throw new HttpError(409, 'not_in_network', 'This board belongs to no network; only a network board can publish.');
      const { lessons, tags } = request.body;
      const drafts = await readBoardDoc(rooms, storage, board.id, (doc) => libraryDrafts(doc, { lessons, tags, boardId: board.id, now: Date.now() }));
      if (lessons) {
        const found = new Set(drafts.map((draft) => draft.lessonId));
        const missing = lessons.filter((id) => !found.has(id));
        if (missing.length > 0) throw new HttpError(400, 'invalid_input', `body/lessons: no lesson card ${missing.slice(0, 5).join(', ')} on this board.`);
      }
      const entries = await networks.publish(networkId, drafts, newId);
      request.log.info({ boardId: board.id, networkId, entries: entries.length }, 'lessons published');
      return reply.code(201).send({ entries });
    },
  );

  app.delete('/api/networks/:id/lessons/:entryId', { schema: { params: EntryParams } }, async (request, reply) => {
    const { id, entryId } = request.params;
    const network = await mayWithdraw(storage, networks, request, id, entryId);
    if (!(await networks.withdraw(network.id, entryId))) throw new HttpError(404, 'not_found', 'No library entry with this id.');
    request.log.info({ networkId: network.id, entryId }, 'library entry withdrawn');
    return reply.code(204).send();
  });

  app.get('/api/networks/:id/lessons', { schema: { params: NetworkParams, querystring: SearchQuery, response: { 200: SearchAnswer } } }, async (request) => {
    const { network } = await networkAccess(networks, request, request.params.id, 'member');
    return searchPage(networks, network.id, request.query);
  });

  app.get('/api/networks/:id/lessons/export', { schema: { params: NetworkParams, querystring: LibraryExportQuery } }, async (request, reply) => {
    const { network } = await networkAccess(networks, request, request.params.id, 'member');
    const format = request.query.format ?? 'json';
    const entries = await allEntries(networks, { networkId: network.id, organisation: request.query.org, tag: request.query.tag?.trim().toLowerCase() });
    const now = Date.now();
    const body =
      format === 'md'
        ? libraryMarkdown(network, entries, libraryOverview(entries, { problemKey }))
        : format === 'csv'
          ? libraryCsv(entries)
          : JSON.stringify({ network: { id: network.id, name: network.name, locale: network.locale }, exportedAt: now, entries }, null, 2);
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', contentDisposition(network.name, new Date(now).toISOString().slice(0, 10), format))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  });

  // The network page's charts: computed from the whole library (up to MAX_EXPORT entries, the newest).
  app.get('/api/networks/:id/overview', { schema: { params: NetworkParams, response: { 200: LibraryOverview } } }, async (request, reply) => {
    const { network } = await networkAccess(networks, request, request.params.id, 'member');
    const entries = await allEntries(networks, { networkId: network.id });
    return reply.header('cache-control', 'no-store').send(libraryOverview(entries, { problemKey }));
  });

  app.get('/api/networks/:id/feed.atom', { schema: { params: NetworkParams, querystring: FeedQuery } }, async (request, reply) => {
    const { network } = await networkAccess(networks, request, request.params.id, 'member');
    const tag = request.query.tag?.trim().toLowerCase();
    const entries = (await networks.search({ networkId: network.id, terms: [], tag, limit: FEED_SIZE, offset: 0 })).entries;
    const base = publicUrl.replace(/\/+$/, '');
    const self = `${base}/api/networks/${encodeURIComponent(network.id)}/feed.atom${tag ? `?tag=${encodeURIComponent(tag)}` : ''}`;
    const body = libraryAtom(network, entries, { pageUrl: `${base}/n/${encodeURIComponent(network.id)}`, selfUrl: self, tag });
    return reply.header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', 'no-store').send(body);
  });
};
