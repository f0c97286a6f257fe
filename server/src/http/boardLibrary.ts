import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Storage } from '../storage/types';
import { accessHook, accessOf } from './access';
import { HttpError } from './errors';
import { searchPage } from './library';
import { guardNetworks } from './networkGuard';
import { LibraryEntryView } from '@benchlearn/shared';
import { EntryParams, SearchAnswer, SearchQuery } from './networkSchemas';
import { BoardParams } from './schemas';

/**
 * The library as a board of the network sees it (docs/api.md): any of the board's tokens may
 * search its network's library and open an entry, since a board's people hold no network token
 * (the network page needs one). A board outside a network has no library (409).
 */
export const boardLibraryRoutes: FastifyPluginAsyncTypebox<{ storage: Storage }> = async (app, { storage }) => {
  const networks = guardNetworks(storage.networks);
  const access = accessHook(storage);

  const networkOfBoard = async (boardId: string): Promise<string> => {
    const networkId = await networks.networkOfBoard(boardId);
    if (!networkId) throw new HttpError(409, 'not_in_network', 'This board belongs to no network, so it has no library.');
    return networkId;
  };

  app.get(
    '/api/boards/:id/library',
    { preHandler: access('viewer'), schema: { params: BoardParams, querystring: Type.Omit(SearchQuery, ['board']), response: { 200: SearchAnswer } } },
    async (request) => searchPage(networks, await networkOfBoard(accessOf(request).board.id), request.query),
  );

  app.get(
    '/api/boards/:id/library/:entryId',
    { preHandler: access('viewer'), schema: { params: EntryParams, response: { 200: LibraryEntryView } } },
    async (request) => {
      const entry = await networks.getEntry(await networkOfBoard(accessOf(request).board.id), request.params.entryId);
      if (!entry) throw new HttpError(404, 'not_found', 'No library entry with this id.');
      return entry;
    },
  );
};
