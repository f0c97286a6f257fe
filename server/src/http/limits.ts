import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { normalizeIP, type RateLimitOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { RateLimits } from '../config';
import type { Log } from '../logging';
import { HttpError } from './errors';

/** Seconds until the address may try again, or null when it is within its limit. */
export type FailedAccessLimit = (request: FastifyRequest) => Promise<number | null>;

export interface RateLimiting {
  /** Route config (`config.rateLimit`) of POST /api/boards; false when unlimited. */
  create: RateLimitOptions | false;
  /** Route config of POST /api/boards/import; false when unlimited. */
  import: RateLimitOptions | false;
  /**
   * Counts one failed board look-up (unknown board, missing or wrong token) of the request's
   * address, on HTTP and on sockets alike; answers how long to wait once past the limit.
   */
  failedAccess: FailedAccessLimit;
  close(): Promise<void>;
}

/** Between reconnection attempts, as the cluster's connections do (cluster/cluster.ts). */
function retryDelay(times: number): number {
  return Math.min(50 * 2 ** Math.min(times, 6), 2000);
}

/**
 * A Redis connection of its own for the counters: the cluster's publisher must never wait
 * behind them, and its subscriber cannot run commands. A command while Redis is down fails at
 * once and the request is let through (skipOnError): Redis is a convenience, never a dependency.
 */
async function connectCounters(url: string, log: Log, connectTimeoutMs: number): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    retryStrategy: retryDelay,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: 'benchlearn-rate-limit',
  });
  redis.on('error', (error: Error) => log.debug({ err: error }, 'Redis rate-limit connection error'));
  const ready = redis.connect().then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), connectTimeoutMs).unref());
  if (!(await Promise.race([ready, timeout]))) {
    log.warn('Redis (REDIS_URL) is unreachable for the rate limits: each instance counts alone until it is back');
  }
  return redis;
}

/**
 * Logs an address reaching a limit once per window, not once per refused request: an attacker
 * refused 600 times a second must not flood the log.
 */
function oncePerWindow(windowMs: number): (key: string) => boolean {
  const seen = new Map<string, number>();
  return (key) => {
    const now = Date.now();
    if ((seen.get(key) ?? 0) > now) return false;
    // Bounded whatever the number of addresses: at worst some are logged twice.
    if (seen.size >= 10_000) seen.clear();
    seen.set(key, now + windowMs);
    return true;
  };
}

function tooMany(after: string): HttpError {
  return new HttpError(429, 'rate_limited', `Too many requests from this address; try again in ${after}.`);
}

/**
 * Per-address rate limits (docs/operations.md, "Limits") with @fastify/rate-limit: board
 * creation and import by route, failed look-ups through one shared counter. With `redisUrl`
 * the counters live in Redis, so every instance behind a load balancer counts together.
 */
export async function installRateLimits(
  app: FastifyInstance,
  options: { limits: RateLimits; redisUrl: string | null; log: Log; redisConnectTimeoutMs?: number; namespace?: string },
): Promise<RateLimiting> {
  const { limits, log } = options;
  const shouldLog = oncePerWindow(limits.windowMs);
  const redis = options.redisUrl ? await connectCounters(options.redisUrl, log, options.redisConnectTimeoutMs ?? 2000) : null;
  await app.register(rateLimit, {
    global: false,
    ...(redis && { redis }),
    nameSpace: options.namespace ?? 'benchlearn-rate-limit:',
    skipOnError: true,
    timeWindow: limits.windowMs,
    // Honest clients never see these; the headers would only tell an attacker how close it is.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_request, context) => tooMany(context.after),
    onExceeded: (request, key) => {
      if (shouldLog(`${request.routeOptions.url}:${key}`)) request.log.warn({ route: request.routeOptions.url, address: request.ip }, 'rate limit reached');
    },
  });

  const route = (max: number): RateLimitOptions | false => (max > 0 ? { max, timeWindow: limits.windowMs } : false);

  const failed =
    limits.failedTokens > 0
      ? app.createRateLimit({
          max: limits.failedTokens,
          timeWindow: limits.windowMs,
          // Its own key space: the route counters are prefixed with their route, this one is not.
          keyGenerator: (request) => `failed-access:${normalizeIP(request.ip)}`,
        })
      : null;

  return {
    create: route(limits.create),
    import: route(limits.import),
    async failedAccess(request) {
      if (!failed) return null;
      const result = await failed(request);
      if (result.isAllowed || !result.isExceeded) return null;
      if (shouldLog(result.key)) request.log.warn({ route: request.routeOptions.url, address: request.ip }, 'failed-token limit reached');
      return Math.max(1, result.ttlInSeconds);
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export { tooMany };
