import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_MAX_BOARD_BYTES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_SOCKETS_PER_ADDRESS } from '@benchlearn/shared';

/** The server package's folder, so CLIENT_DIST's default does not depend on the working directory. */
const SERVER_PACKAGE_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment as the server reads it (contract §6); values arrive as strings and are converted. */
const Env = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  HOST: Type.String({ minLength: 1 }),
  PUBLIC_URL: Type.Optional(Type.String({ minLength: 1 })),
  DATA_DIR: Type.String({ minLength: 1 }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  MAX_MESSAGE_BYTES: Type.Integer({ minimum: 1024 }),
  MAX_BOARD_BYTES: Type.Integer({ minimum: 1024 }),
  ALLOWED_ORIGINS: Type.Optional(Type.String()),
  LOG_LEVEL: Type.Union(LOG_LEVELS.map((level) => Type.Literal(level))),
  CLIENT_DIST: Type.Optional(Type.String({ minLength: 1 })),
  ROOM_IDLE_MS: Type.Integer({ minimum: 0 }),
  COMPACT_EVERY: Type.Integer({ minimum: 1 }),
  AUTO_SNAPSHOT_MS: Type.Integer({ minimum: 0 }),
  AUTO_SNAPSHOT_KEEP: Type.Integer({ minimum: 1 }),
  TRUST_PROXY: Type.String({ minLength: 1 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000 }),
  RATE_LIMIT_CREATE: Type.Integer({ minimum: 0 }),
  RATE_LIMIT_IMPORT: Type.Integer({ minimum: 0 }),
  RATE_LIMIT_FAILED_TOKENS: Type.Integer({ minimum: 0 }),
  HTTP_HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 1000 }),
  HTTP_IDLE_TIMEOUT_MS: Type.Integer({ minimum: 1000 }),
  HTTP_REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000 }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ minimum: 1000 }),
  MAX_SOCKETS_PER_ADDRESS: Type.Integer({ minimum: 0 }),
});
type Env = Static<typeof Env>;

const DEFAULTS = {
  PORT: 8080,
  HOST: '127.0.0.1',
  DATA_DIR: './data',
  MAX_MESSAGE_BYTES: DEFAULT_MAX_MESSAGE_BYTES,
  MAX_BOARD_BYTES: DEFAULT_MAX_BOARD_BYTES,
  LOG_LEVEL: 'info',
  ROOM_IDLE_MS: 30_000,
  COMPACT_EVERY: 500,
  AUTO_SNAPSHOT_MS: 10 * 60_000,
  AUTO_SNAPSHOT_KEEP: 50,
  TRUST_PROXY: 'false',
  RATE_LIMIT_WINDOW_MS: 60_000,
  // Per address and window. A workshop of 200 behind one NAT creates a handful of boards and
  // no failed token; an attacker created 693 boards and tried 646 wrong tokens a second.
  RATE_LIMIT_CREATE: 30,
  RATE_LIMIT_IMPORT: 10,
  RATE_LIMIT_FAILED_TOKENS: 60,
  // Headers arrive in one packet from anyone honest; 10 s covers a bad mobile link.
  HTTP_HEADERS_TIMEOUT_MS: 10_000,
  // No byte for this long drops a connection: a stalled upload goes, a slow one that moves stays.
  HTTP_IDLE_TIMEOUT_MS: 10_000,
  // A whole request, body included: an 8 MiB import at 0.6 Mbit/s still fits.
  HTTP_REQUEST_TIMEOUT_MS: 120_000,
  HTTP_KEEP_ALIVE_TIMEOUT_MS: 10_000,
  // Two sync sockets per person: a workshop of 200 behind one NAT opens 400.
  MAX_SOCKETS_PER_ADDRESS: DEFAULT_MAX_SOCKETS_PER_ADDRESS,
} as const;

const INTEGER_VARIABLES = [
  'PORT',
  'MAX_MESSAGE_BYTES',
  'MAX_BOARD_BYTES',
  'ROOM_IDLE_MS',
  'COMPACT_EVERY',
  'AUTO_SNAPSHOT_MS',
  'AUTO_SNAPSHOT_KEEP',
  'RATE_LIMIT_WINDOW_MS',
  'RATE_LIMIT_CREATE',
  'RATE_LIMIT_IMPORT',
  'RATE_LIMIT_FAILED_TOKENS',
  'HTTP_HEADERS_TIMEOUT_MS',
  'HTTP_IDLE_TIMEOUT_MS',
  'HTTP_REQUEST_TIMEOUT_MS',
  'HTTP_KEEP_ALIVE_TIMEOUT_MS',
  'MAX_SOCKETS_PER_ADDRESS',
] as const;

/** Messages a person can act on, for the variables whose TypeBox message would be vague. */
const HINTS: Partial<Record<string, string>> = {
  PORT: 'expected a port number from 0 to 65535',
  LOG_LEVEL: `expected one of ${LOG_LEVELS.join(', ')}`,
  DATABASE_URL: 'expected a postgres:// or postgresql:// URL',
  REDIS_URL: 'expected a redis:// or rediss:// URL',
  MAX_MESSAGE_BYTES: 'expected a number of bytes, at least 1024',
  MAX_BOARD_BYTES: 'expected a number of bytes, at least 1024',
  COMPACT_EVERY: 'expected a number of updates, at least 1',
  AUTO_SNAPSHOT_KEEP: 'expected a number of snapshots, at least 1',
  RATE_LIMIT_WINDOW_MS: 'expected milliseconds, at least 1000',
  HTTP_HEADERS_TIMEOUT_MS: 'expected milliseconds, at least 1000',
  HTTP_IDLE_TIMEOUT_MS: 'expected milliseconds, at least 1000',
  HTTP_REQUEST_TIMEOUT_MS: 'expected milliseconds, at least 1000',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: 'expected milliseconds, at least 1000',
};

/** Fastify's trustProxy: off, on (any proxy), a number of hops, or the proxies' addresses. */
export type TrustProxy = boolean | number | string[];

export interface RateLimits {
  /** The window every count below is per. */
  windowMs: number;
  /** Boards created (POST /api/boards) per address and window; 0 = no limit. */
  create: number;
  /** Imports (POST /api/boards/import) per address and window; 0 = no limit. */
  import: number;
  /** Failed board look-ups (unknown board, missing or wrong token; HTTP and sockets together); 0 = no limit. */
  failedTokens: number;
}

export interface HttpTimeouts {
  /** Until the request's headers are complete (Node's headersTimeout). */
  headersMs: number;
  /** Without a byte either way before the connection is dropped (Fastify's connectionTimeout). */
  idleMs: number;
  /** Until the whole request, body included, has arrived (Node's requestTimeout). */
  requestMs: number;
  /** An idle kept-alive connection between requests (Node's keepAliveTimeout). */
  keepAliveMs: number;
}

export interface Config {
  port: number;
  host: string;
  /** Where browsers reach the app, without a trailing slash; links are built from it. */
  publicUrl: string;
  /** Absolute path of the embedded SQLite database's folder. */
  dataDir: string;
  /** When set, PostgreSQL is used instead of SQLite. */
  databaseUrl: string | null;
  /** When set, several instances share rooms through Redis (docs/cluster.md); needs databaseUrl. */
  redisUrl: string | null;
  maxMessageBytes: number;
  maxBoardBytes: number;
  /** Browser origins (scheme://host[:port]) allowed to open sockets and call the API. */
  allowedOrigins: string[];
  logLevel: LogLevel;
  /** Absolute path of the built web app. */
  clientDist: string;
  roomIdleMs: number;
  compactEvery: number;
  /** At most one automatic snapshot per this much time of editing; 0 turns them off. */
  autoSnapshotMs: number;
  /** How many automatic snapshots a board keeps (the newest); named ones are always kept. */
  autoSnapshotKeep: number;
  /** Whether and which X-Forwarded-For hops are believed for the client's address. */
  trustProxy: TrustProxy;
  rateLimits: RateLimits;
  httpTimeouts: HttpTimeouts;
  /** Concurrent sync sockets per client address (IPv6 per /64); 0 = no limit. */
  maxSocketsPerAddress: number;
}

export class ConfigError extends Error {}

function originOf(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${variable} must be a URL such as http://localhost:8080, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${variable} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  return url.origin;
}

function trustProxyOf(value: string): TrustProxy {
  const lower = value.toLowerCase();
  if (lower === 'false' || lower === '0') return false;
  if (lower === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  // An address or a CIDR range, v4 or v6; what proxy-addr takes beyond that would be a typo here.
  if (entries.length > 0 && entries.every((entry) => /^[0-9a-f.:]+(\/\d{1,3})?$/i.test(entry))) return entries;
  throw new ConfigError(
    `Invalid TRUST_PROXY=${JSON.stringify(value)}: expected false, true, a number of proxies, or comma-separated proxy addresses (10.0.0.1, 10.0.0.0/8)`,
  );
}

/**
 * Reads the configuration from the environment. Empty variables count as unset (as compose files
 * often pass them). Throws a ConfigError whose message names the variable that is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = { ...DEFAULTS };
  for (const key of Object.keys(Env.properties)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  for (const key of INTEGER_VARIABLES) {
    const value = raw[key];
    if (typeof value === 'string' && !/^\d+$/.test(value)) {
      throw new ConfigError(`Invalid ${key}=${JSON.stringify(value)}: expected a whole number`);
    }
  }
  const converted = Value.Convert(Env, raw);
  const first = Value.Errors(Env, converted).First();
  if (first) {
    const variable = first.path.replace(/^\//, '').split('/')[0] || 'environment';
    const hint = HINTS[variable] ?? first.message.toLowerCase();
    throw new ConfigError(`Invalid ${variable}=${JSON.stringify(raw[variable])}: ${hint}`);
  }
  const parsed = converted as Env;
  if (parsed.REDIS_URL && !parsed.DATABASE_URL) {
    // Instances that share rooms must share what is stored: each would otherwise have its own SQLite file.
    throw new ConfigError('REDIS_URL needs DATABASE_URL: instances that share rooms through Redis must share a PostgreSQL database');
  }
  if (parsed.HTTP_HEADERS_TIMEOUT_MS > parsed.HTTP_REQUEST_TIMEOUT_MS) {
    // Node refuses a headers timeout longer than the whole request's.
    throw new ConfigError('Invalid HTTP_HEADERS_TIMEOUT_MS: it must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  }

  const publicUrl = (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, '');
  const publicOrigin = originOf('PUBLIC_URL', publicUrl);
  const allowedOrigins = parsed.ALLOWED_ORIGINS
    ? parsed.ALLOWED_ORIGINS.split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0)
        .map((entry) => originOf('ALLOWED_ORIGINS', entry))
    : [publicOrigin, `http://localhost:${parsed.PORT}`, `http://127.0.0.1:${parsed.PORT}`];

  return {
    port: parsed.PORT,
    host: parsed.HOST,
    publicUrl,
    dataDir: resolve(parsed.DATA_DIR),
    databaseUrl: parsed.DATABASE_URL ?? null,
    redisUrl: parsed.REDIS_URL ?? null,
    maxMessageBytes: parsed.MAX_MESSAGE_BYTES,
    maxBoardBytes: parsed.MAX_BOARD_BYTES,
    allowedOrigins: [...new Set(allowedOrigins)],
    logLevel: parsed.LOG_LEVEL,
    clientDist: parsed.CLIENT_DIST ? resolve(parsed.CLIENT_DIST) : resolve(SERVER_PACKAGE_DIR, '../client/dist'),
    roomIdleMs: parsed.ROOM_IDLE_MS,
    compactEvery: parsed.COMPACT_EVERY,
    autoSnapshotMs: parsed.AUTO_SNAPSHOT_MS,
    autoSnapshotKeep: parsed.AUTO_SNAPSHOT_KEEP,
    trustProxy: trustProxyOf(parsed.TRUST_PROXY),
    rateLimits: {
      windowMs: parsed.RATE_LIMIT_WINDOW_MS,
      create: parsed.RATE_LIMIT_CREATE,
      import: parsed.RATE_LIMIT_IMPORT,
      failedTokens: parsed.RATE_LIMIT_FAILED_TOKENS,
    },
    httpTimeouts: {
      headersMs: parsed.HTTP_HEADERS_TIMEOUT_MS,
      idleMs: parsed.HTTP_IDLE_TIMEOUT_MS,
      requestMs: parsed.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveMs: parsed.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    maxSocketsPerAddress: parsed.MAX_SOCKETS_PER_ADDRESS,
  };
}
