import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import { boardRoutes } from './http/boards';
import { exportRoutes } from './http/export';
import { importRoutes } from './http/import';
import { snapshotRoutes } from './http/snapshots';
import { installErrorHandlers } from './http/errors';
import { healthRoutes } from './http/health';
import { installOriginCheck } from './http/origin';
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

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<BenchlearnApp> {
  const storage = options.storage ?? (await openStorage(config));
  const metrics = createMetrics();
  const logger = createLogger(config.logLevel, options.logStream);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: API_BODY_LIMIT,
    // A JSON API takes JSON types as they are: 42 is not a title, "true" is not a boolean.
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
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

  installErrorHandlers(app, () => metrics.errors.inc({ kind: 'http' }));
  installOriginCheck(app, config.allowedOrigins);

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
  });
  await app.register(boardRoutes, { storage, rooms, publicUrl: config.publicUrl });
  await app.register(exportRoutes, { storage, rooms });
  await app.register(importRoutes, { storage, publicUrl: config.publicUrl, maxBoardBytes: config.maxBoardBytes });
  await app.register(snapshotRoutes, {
    storage,
    rooms,
    settings: { intervalMs: config.autoSnapshotMs, keepAuto: config.autoSnapshotKeep },
  });
  await app.register(healthRoutes, { metrics });
  await app.register(clientRoutes, { clientDist: config.clientDist });

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
