import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import { joinCodeRoutes } from './http/joinCodes';
import { boardRoutes } from './http/boards';
import { exportRoutes } from './http/export';
import { libraryRoutes } from './http/library';
import { boardLibraryRoutes } from './http/boardLibrary';
import { networkRoutes } from './http/networks';
import { importRoutes } from './http/import';
import { snapshotRoutes } from './http/snapshots';
import { closeAfterEarlyAnswers } from './http/earlyAnswer';
import { installErrorHandlers } from './http/errors';
import { healthRoutes } from './http/health';
import { installOriginCheck } from './http/origin';
import { installRateLimits } from './http/limits';
import { installSecurityHeaders } from './http/securityHeaders';
import { guardStorage } from './http/storageGuard';
import { ImportWorker } from './http/importWorker';
import { clientRoutes } from './http/static';
import { createLogger } from './logging';
import { Cluster } from './cluster/cluster';
import { createMetrics, type Metrics } from './metrics';
import { RoomManager } from './rooms';
import { openStorage, type Storage } from './storage';
import { syncRoutes } from './sync';

export type { Config } from './config';
export { loadConfig, ConfigError } from './config';

export interface BuildOptions {
  /** Where logs go (tests capture them); default stdout. */
  logStream?: DestinationStream;
  /** A storage to use instead of the one the config names. */
  storage?: Storage;
  /** How long start-up waits for Redis (REDIS_URL) before serving without it; default 2 s. */
  redisConnectTimeoutMs?: number;
  /** Where the rate counters live in Redis (REDIS_URL); tests that share one Redis keep theirs apart. */
  rateLimitNamespace?: string;
  /** How old a row must be before a compaction of a shared board covers it (tests shorten it). */
  clusterCompactMarginMs?: number;
}

export interface BenchlearnApp {
  /** The Fastify instance, not listening yet: call `app.listen({ port, host })` or `app.inject`. */
  app: FastifyInstance;
  rooms: RoomManager;
  storage: Storage;
  metrics: Metrics;
  /** The Redis link to other instances, when REDIS_URL is set. */
  cluster: Cluster | null;
  /** Stops taking requests, closes sockets, stores what rooms hold, closes storage. Idempotent. */
  close(): Promise<void>;
}

/** Body size limit of the JSON API; a larger body is answered with 413. */
export const API_BODY_LIMIT = 1024 * 1024;

/**
 * Longest path parameter the router matches (find-my-way's default is 100): as long as a request
 * line may be (Node's header limit, 16 KiB). A board id of any length reaches its route and is
 * answered "no such board" (4404 on a socket) instead of a socket closed without a word.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

function hopsTrusted(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** The Fastify instance with the server's limits and timeouts (no routes yet). */
function createFastify(config: Config, logger: ReturnType<typeof createLogger>) {
  const timeouts = config.httpTimeouts;
  return Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: API_BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A number of proxies is a hop count (the closest `n` addresses are proxies), as Express reads it.
    trustProxy: typeof config.trustProxy === 'number' ? hopsTrusted(config.trustProxy) : config.trustProxy,
    // A connection silent this long is dropped: a stalled upload goes, a slow one that moves stays.
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.headersMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs),
    },
    // A JSON API takes JSON types as they are: 42 is not a title, "true" is not a boolean.
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
}

/** What the routes are given: storage (and its guarded form for HTTP), rooms, limits, the import worker. */
interface RouteDeps {
  storage: Storage;
  httpStorage: Storage;
  rooms: RoomManager;
  metrics: Metrics;
  limits: Awaited<ReturnType<typeof installRateLimits>>;
  importWorker: ImportWorker;
}

/** The sync sockets and the HTTP API, each a plugin with its own part of the configuration. */
async function registerRoutes(
  app: ReturnType<typeof createFastify>,
  config: Config,
  { storage, httpStorage, rooms, metrics, limits, importWorker }: RouteDeps,
): Promise<void> {
  await app.register(websocket, {
    options: { maxPayload: config.maxMessageBytes },
    errorHandler(error, _socket, request) {
      // ws has already closed the socket (1009 for an oversize message); do not cut it short.
      metrics.errors.inc({ kind: 'socket' });
      request.log.debug({ err: error }, 'sync socket error');
    },
    preClose(done) {
      // 1001 "going away": clients reconnect to the restarted server by themselves.
      for (const client of this.websocketServer.clients) {
        client.close(1001, 'server shutting down');
        setTimeout(() => client.terminate(), 2000).unref();
      }
      done();
    },
  });
  await app.register(syncRoutes, {
    storage,
    rooms,
    metrics,
    allowedOrigins: config.allowedOrigins,
    maxMessageBytes: config.maxMessageBytes,
    failedAccess: limits.failedAccess,
    maxSocketsPerAddress: config.maxSocketsPerAddress,
  });
  await app.register(boardRoutes, { storage: httpStorage, rooms, publicUrl: config.publicUrl, createLimit: limits.create });
  await app.register(joinCodeRoutes, { storage: httpStorage, publicUrl: config.publicUrl });
  await app.register(exportRoutes, { storage: httpStorage, rooms });
  await app.register(networkRoutes, { storage: httpStorage, rooms, publicUrl: config.publicUrl, createLimit: limits.create });
  await app.register(libraryRoutes, { storage: httpStorage, rooms, publicUrl: config.publicUrl });
  await app.register(boardLibraryRoutes, { storage: httpStorage });
  await app.register(importRoutes, {
    storage: httpStorage,
    publicUrl: config.publicUrl,
    maxBoardBytes: config.maxBoardBytes,
    importLimit: limits.import,
    worker: importWorker,
  });
  await app.register(snapshotRoutes, {
    storage: httpStorage,
    rooms,
    settings: { intervalMs: config.autoSnapshotMs, keepAuto: config.autoSnapshotKeep },
  });
  await app.register(healthRoutes, { metrics, storage: httpStorage });
  await app.register(clientRoutes, { clientDist: config.clientDist });
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<BenchlearnApp> {
  const storage = options.storage ?? (await openStorage(config));
  const metrics = createMetrics();
  const logger = createLogger(config.logLevel, options.logStream);
  const app = createFastify(config, logger);
  const cluster = config.redisUrl
    ? await Cluster.connect({ url: config.redisUrl, log: logger, metrics, connectTimeoutMs: options.redisConnectTimeoutMs })
    : null;
  const rooms = new RoomManager({
    cluster,
    storage,
    metrics,
    log: logger,
    idleMs: config.roomIdleMs,
    settings: {
      maxBoardBytes: config.maxBoardBytes,
      compactEvery: config.compactEvery,
      ...(options.clusterCompactMarginMs !== undefined && { clusterCompactMarginMs: options.clusterCompactMarginMs }),
    },
    snapshots: { intervalMs: config.autoSnapshotMs, keepAuto: config.autoSnapshotKeep },
  });

  let closing: Promise<void> | null = null;
  const shutdown = () => {
    closing ??= (async () => {
      await rooms.shutdown();
      await cluster?.close();
      await storage.close();
    })();
    return closing;
  };
  app.addHook('onClose', async () => shutdown());

  const limits = await installRateLimits(app, {
    limits: config.rateLimits,
    redisUrl: config.redisUrl,
    log: logger,
    ...(options.redisConnectTimeoutMs !== undefined && { redisConnectTimeoutMs: options.redisConnectTimeoutMs }),
    ...(options.rateLimitNamespace !== undefined && { namespace: options.rateLimitNamespace }),
  });
  app.addHook('onClose', async () => limits.close());
  const importWorker = new ImportWorker();
  app.addHook('onClose', async () => importWorker.close());
  const indexHtml = join(config.clientDist, 'index.html');
  installErrorHandlers(app, {
    onServerError: () => metrics.errors.inc({ kind: 'http' }),
    failedAccess: limits.failedAccess,
    indexHtml: existsSync(indexHtml) ? indexHtml : null,
  });
  installOriginCheck(app, config.allowedOrigins);
  closeAfterEarlyAnswers(app);
  await installSecurityHeaders(app, { publicUrl: config.publicUrl, allowedOrigins: config.allowedOrigins });
  // What the HTTP routes call: a storage failure there is answered 503 storage_unavailable.
  const httpStorage = guardStorage(storage);

  await registerRoutes(app, config, { storage, httpStorage, rooms, metrics, limits, importWorker });

  let closed: Promise<void> | null = null;
  return {
    app,
    rooms,
    storage,
    metrics,
    cluster,
    close() {
      closed ??= app.close().then(shutdown);
      return closed;
    },
  };
}
