import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import { boardCounts, newId } from '@benchlearn/shared';
import { hashToken, newToken } from '../auth/tokens';
import { issueNetworkTokens, networkLink } from '../networks/tokens';
import type { RoomManager } from '../rooms';
import type { Storage } from '../storage/types';
import { readBoardDoc } from './access';
import { createBoard } from './boards';
import { networkAccess } from './networkAccess';
import { guardNetworks } from './networkGuard';
import { CreatedNetwork, CreateNetworkBody, NetworkParams, NetworkRoleName, NetworkView } from './networkSchemas';
import { CreateBoardBody, CreatedBoard, RotatedToken } from './schemas';

export interface NetworkRoutesOptions {
  storage: Storage;
  rooms: RoomManager;
  publicUrl: string;
  /** The per-address limit on creating boards, for networks and their boards alike; false for none. */
  createLimit: RateLimitOptions | false;
}

/** Networks of boards (issue 16): create, read, rotate a token, and create a board in a network. */
export const networkRoutes: FastifyPluginAsyncTypebox<NetworkRoutesOptions> = async (app, { storage, rooms, publicUrl, createLimit }) => {
  const networks = guardNetworks(storage.networks);

  app.post(
    '/api/networks',
    { config: { rateLimit: createLimit }, schema: { body: CreateNetworkBody, response: { 201: CreatedNetwork } } },
    async (request, reply) => {
      const name = request.body.name.trim();
      const id = newId();
      const { tokens, hashes } = issueNetworkTokens();
      await networks.createNetwork({ id, name, locale: request.body.locale ?? 'en', createdAt: Date.now(), tokenHashes: hashes });
      request.log.info({ networkId: id }, 'network created');
      return reply.code(201).send({
        id,
        name,
        tokens,
        links: { coordinator: networkLink(publicUrl, id, tokens.coordinator), member: networkLink(publicUrl, id, tokens.member) },
      });
    },
  );

  app.get('/api/networks/:id', { schema: { params: NetworkParams, response: { 200: NetworkView } } }, async (request) => {
    const { network, role } = await networkAccess(networks, request, request.params.id, 'member');
    const boards: NetworkView['boards'] = [];
    for (const boardId of await networks.boardsOf(network.id)) {
      const board = await storage.getBoard(boardId);
      if (!board || board.deleted) continue;
      const counts = await readBoardDoc(rooms, storage, board.id, boardCounts);
      boards.push({ id: board.id, title: board.title, createdAt: board.createdAt, counts });
    }
    const entries = await networks.countEntries(network.id);
    return { id: network.id, name: network.name, locale: network.locale, role, createdAt: network.createdAt, boards, entries };
  });

  app.post(
    '/api/networks/:id/tokens/:role/rotate',
    { schema: { params: Type.Object({ id: NetworkParams.properties.id, role: NetworkRoleName }), response: { 200: RotatedToken } } },
    async (request) => {
      const { network } = await networkAccess(networks, request, request.params.id, 'coordinator');
      const role = request.params.role;
      const token = newToken();
      await networks.setNetworkTokenHash(network.id, role, hashToken(token));
      request.log.info({ networkId: network.id, role }, 'network token rotated');
      return { token, link: networkLink(publicUrl, network.id, token) };
    },
  );

  app.post(
    '/api/networks/:id/boards',
    { config: { rateLimit: createLimit }, schema: { params: NetworkParams, body: CreateBoardBody, response: { 201: CreatedBoard } } },
    async (request, reply) => {
      const { network } = await networkAccess(networks, request, request.params.id, 'member');
      const created = await createBoard(storage, publicUrl, { locale: network.locale, ...request.body });
      await networks.addBoard(network.id, created.id);
      request.log.info({ boardId: created.id, networkId: network.id }, 'board created in a network');
      return reply.code(201).send(created);
    },
  );
};
