import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { Type, type Static } from '@sinclair/typebox';
import {
  boardCounts,
  boardLink,
  cleanOrganisations,
  CloseCode,
  destroyBoardDocs,
  initBoard,
  newBoardDocs,
  newId,
  setBoardTitle,
  type Role,
} from '@benchlearn/shared';
import { hashToken, issueTokens, newToken } from '../auth/tokens';
import { encodeBoard, type RoomManager } from '../rooms';
import { accessHook, accessOf, createdBoardBody, readBoardDoc } from './access';
import type { BoardRecord, Storage } from '../storage/types';
import type { NetworkStorage } from '../storage/networks';
import { HttpError } from './errors';
import { guardNetworks } from './networkGuard';
import { BoardParams, BoardView, CreateBoardBody, CreatedBoard, PatchBoardBody, RoleName, RotatedToken } from './schemas';

export interface BoardRoutesOptions {
  storage: Storage;
  rooms: RoomManager;
  publicUrl: string;
  /** Per-address limit on creating boards (docs/operations.md, "Limits"); false for none. */
  createLimit: RateLimitOptions | false;
}

/** Counts from the loaded room's document, or from storage without loading a room. */
async function boardView(rooms: RoomManager, storage: Storage, networks: NetworkStorage, board: BoardRecord, role: Role): Promise<BoardView> {
  const counts = await readBoardDoc(rooms, storage, board.id, boardCounts);
  const networkId = await networks.networkOfBoard(board.id);
  const network = networkId ? await networks.getNetwork(networkId) : null;
  return {
    id: board.id,
    title: board.title,
    role,
    createdAt: board.createdAt,
    locked: board.locked,
    counts,
    network: network ? { id: network.id, name: network.name } : null,
  };
}

/** The contract's board routes (§4): create, read, change, rotate a token, delete. */
export const boardRoutes: FastifyPluginAsyncTypebox<BoardRoutesOptions> = async (app, { storage, rooms, publicUrl, createLimit }) => {
  const access = accessHook(storage);
  const networks = guardNetworks(storage.networks);
  const view = (board: BoardRecord, role: Role) => boardView(rooms, storage, networks, board, role);

  app.post(
    '/api/boards',
    { config: { rateLimit: createLimit }, schema: { body: CreateBoardBody, response: { 201: CreatedBoard } } },
    async (request, reply) => {
      const created = await createBoard(storage, publicUrl, request.body);
      request.log.info({ boardId: created.id }, 'board created');
      return reply.code(201).send(created);
    },
  );

  app.get('/api/boards/:id', { preHandler: access('viewer'), schema: { params: BoardParams, response: { 200: BoardView } } }, async (request) => {
    const { board, role } = accessOf(request);
    return view(board, role);
  });

  app.patch(
    '/api/boards/:id',
    { preHandler: access('facilitator'), schema: { params: BoardParams, body: PatchBoardBody, response: { 200: BoardView } } },
    async (request) => {
      const { board, role } = accessOf(request);
      const title = request.body.title?.trim();
      const locked = request.body.locked;
      let record = board;
      if (title !== undefined || locked !== undefined) {
        record = (await storage.updateBoard(board.id, { title, locked })) ?? notFound();
      }
      const showJoin = request.body.showJoin;
      if (locked !== undefined || showJoin !== undefined) {
        // Everyone in the room hears of it at once, through the room state (docs/protocol.md).
        const room = await rooms.ifLoaded(board.id);
        if (room) room.setRoomState({ ...(locked !== undefined && { locked }), ...(showJoin !== undefined && { showJoin }) });
      }
      if (title !== undefined) {
        // The title also lives in the document (meta.title): stored and relayed like any edit.
        const result = await rooms.use(board.id, (loaded) => loaded.submitChange((docs) => setBoardTitle(docs, title)));
        if (!result || result.value === 'gone') notFound();
        if (result.value === 'too-large') throw new HttpError(413, 'board_full', 'The board is full; the title cannot change.');
      }
      return view(record, role);
    },
  );

  app.post(
    '/api/boards/:id/tokens/:role/rotate',
    {
      preHandler: access('facilitator'),
      schema: {
        params: Type.Object({ id: BoardParams.properties.id, role: RoleName }),
        response: { 200: RotatedToken },
      },
    },
    async (request) => {
      const { board } = accessOf(request);
      const role = request.params.role;
      const token = newToken();
      await storage.setTokenHash(board.id, role, hashToken(token));
      // The old link is revoked: sockets opened with it are closed too, on every instance.
      await rooms.revoke(board.id, role);
      request.log.info({ boardId: board.id, role }, 'token rotated');
      return { token, link: boardLink(publicUrl, board.id, token) };
    },
  );

  app.delete('/api/boards/:id', { preHandler: access('facilitator'), schema: { params: BoardParams } }, async (request, reply) => {
    const { board } = accessOf(request);
    await storage.deleteBoard(board.id);
    await rooms.drop(board.id, CloseCode.BoardNotFound, 'board deleted');
    request.log.info({ boardId: board.id }, 'board deleted');
    return reply.code(204).send();
  });
};

function notFound(): never {
  throw new HttpError(404, 'not_found', 'No board with this id.');
}

/** A new board from the template asked for, stored with its tokens; the answer's body (also a network's new board). */
export async function createBoard(storage: Storage, publicUrl: string, body: Static<typeof CreateBoardBody>) {
  const title = body.title.trim();
  const template = body.template ?? 'benchlearning';
  const organisations = cleanOrganisations(body.organisations ?? []);
  if (template === 'by-organisation' && organisations.length === 0) {
    throw new HttpError(400, 'invalid_input', 'body/organisations must name at least one organisation for the by-organisation template');
  }
  const id = newId();
  const createdAt = Date.now();
  const board = newBoardDocs();
  // The server writes the template's frames, once; browsers never seed a board.
  initBoard(board, { title, template, organisations, locale: body.locale ?? 'en', createdAt });
  const { tokens, hashes } = issueTokens();
  try {
    // Both documents' first rows (the content one is empty), with the board, in one transaction.
    await storage.createBoard(id, hashes, encodeBoard(board), { title, createdAt });
  } finally {
    destroyBoardDocs(board);
  }
  return createdBoardBody(publicUrl, id, title, tokens);
}
