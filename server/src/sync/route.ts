import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { BOARD_DOCUMENTS, CloseCode, SYNC_PATH, syncRoomName, type BoardDocument, type Role } from '@benchlearn/shared';
import { normalizeIP } from '@fastify/rate-limit';
import { decideAccess } from '../auth/access';
import { tokenFromRequest } from '../auth/tokens';
import type { Metrics } from '../metrics';
import type { RoomManager } from '../rooms';
import type { Storage } from '../storage/types';
import { errorBody } from '../http/errors';
import { SocketsPerAddress } from './addressSockets';
import { SyncConnection } from './connection';

export interface SyncRouteOptions {
  storage: Storage;
  rooms: RoomManager;
  metrics: Metrics;
  allowedOrigins: readonly string[];
  maxMessageBytes: number;
  /** Counts a failed look-up of the address; seconds to wait once past the limit, else null. */
  failedAccess: (request: FastifyRequest) => Promise<number | null>;
  /** Concurrent sync sockets per client address (IPv6 per /64); 0 or absent = no limit. */
  maxSocketsPerAddress?: number;
}

type Decision = { ok: true; role: Role; tokenHash: string } | { ok: false; code: number; reason: string };

/** Who may open this socket, decided once. Origin first: a foreign page learns nothing else. */
async function decide(request: FastifyRequest, boardId: string, options: SyncRouteOptions): Promise<Decision> {
  const origin = request.headers.origin;
  if (origin !== undefined && !options.allowedOrigins.includes(origin)) {
    return { ok: false, code: CloseCode.ForbiddenOrigin, reason: 'origin not allowed' };
  }
  const decision = await decideAccess(options.storage, boardId, tokenFromRequest(request.headers, request.query));
  if (decision.ok) return { ok: true, role: decision.role, tokenHash: decision.tokenHash };
  // Every role may open a socket: what it may write is decided per document (SyncConnection).
  if (decision.reason === 'no-board') return failed(request, options, { ok: false, code: CloseCode.BoardNotFound, reason: 'no such board' });
  const reason = decision.reason === 'no-token' ? 'missing token' : 'wrong token';
  return failed(request, options, { ok: false, code: CloseCode.Unauthorized, reason });
}

/** A failed look-up, counted with the address's HTTP ones; past the limit the close says "wait" (4429). */
async function failed(request: FastifyRequest, options: SyncRouteOptions, decision: Decision): Promise<Decision> {
  const retryAfter = await options.failedAccess(request);
  if (retryAfter === null) return decision;
  return { ok: false, code: CloseCode.TooManyRequests, reason: `too many failed look-ups; retry in ${retryAfter} s` };
}

/**
 * `GET /sync/:boardId?token=` (the content document) and `GET /sync/:boardId/control?token=`
 * (the control document), each speaking the y-websocket protocol (contract §3 and v2). One
 * decision (origin, board, token, role) for both; what the role may write is decided per
 * document in SyncConnection.
 */
export async function syncRoutes(app: FastifyInstance, options: SyncRouteOptions): Promise<void> {
  const max = options.maxSocketsPerAddress ?? 0;
  const perAddress = max > 0 ? new SocketsPerAddress(max) : null;
  for (const doc of BOARD_DOCUMENTS) {
    app.route<{ Params: { boardId: string } }>({
      method: 'GET',
      url: `${SYNC_PATH}/${syncRoomName(':boardId', doc)}`,
      // A plain HTTP request here gets a JSON answer like every other error.
      handler: async (_request, reply) => reply.code(426).send(errorBody('upgrade_required', 'This endpoint speaks WebSocket (the y-websocket protocol).')),
      wsHandler: (socket: WebSocket, request) => openSocket(socket, request, doc, options, perAddress),
    });
  }
}

function openSocket(
  socket: WebSocket,
  request: FastifyRequest<{ Params: { boardId: string } }>,
  doc: BoardDocument,
  options: SyncRouteOptions,
  perAddress: SocketsPerAddress | null,
): void {
  const boardId = request.params.boardId;
  const log = request.log;
  // Listeners go on at once, before any await, so no early message or error is missed.
  const connection = new SyncConnection(socket, boardId, doc, {
    rooms: options.rooms,
    metrics: options.metrics,
    log,
    maxMessageBytes: options.maxMessageBytes,
    // The same address as the rate limits (request.ip, as TRUST_PROXY decides; IPv6 per /64).
    ...(perAddress && { sockets: { perAddress, address: normalizeIP(request.ip) } }),
  });
  // Over its address's limit: closed at once, and nothing is looked up for it.
  if (connection.isClosed) return;
  void (async () => {
    const decision = await decide(request, boardId, options);
    if (!decision.ok) {
      connection.close(decision.code, decision.reason);
      return;
    }
    const board = await options.rooms.hold(boardId);
    if (!board) {
      connection.close(CloseCode.BoardNotFound, 'no such board');
      return;
    }
    try {
      connection.start(board, decision.role, decision.tokenHash);
    } finally {
      options.rooms.release(board);
    }
  })().catch((error: unknown) => {
    options.metrics.errors.inc({ kind: 'load' });
    log.error({ err: error, boardId, doc }, 'opening a sync socket failed');
    connection.close(1011, 'the board could not be opened');
  });
}
