import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BOARD_BYTES, DEFAULT_MAX_MESSAGE_BYTES } from '@benchlearn/shared';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('has the contract’s defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:8080',
      databaseUrl: null,
      redisUrl: null,
      maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
      maxBoardBytes: DEFAULT_MAX_BOARD_BYTES,
      logLevel: 'info',
      roomIdleMs: 30_000,
      compactEvery: 500,
      autoSnapshotMs: 600_000,
      autoSnapshotKeep: 50,
      trustProxy: false,
      rateLimits: { windowMs: 60_000, create: 30, import: 10, failedTokens: 60 },
      httpTimeouts: { headersMs: 10_000, idleMs: 10_000, requestMs: 120_000, keepAliveMs: 10_000 },
      maxSocketsPerAddress: 1000,
    });
    expect(config.allowedOrigins).toEqual(['http://localhost:8080', 'http://127.0.0.1:8080']);
    expect(config.dataDir.endsWith('data')).toBe(true);
    expect(config.clientDist.replace(/\\/g, '/').endsWith('client/dist')).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://bench.example/',
      DATABASE_URL: 'postgres://u@db/bench',
      MAX_MESSAGE_BYTES: '2048',
      MAX_BOARD_BYTES: '4096',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443/path',
      LOG_LEVEL: 'warn',
      ROOM_IDLE_MS: '0',
      COMPACT_EVERY: '10',
      AUTO_SNAPSHOT_MS: '50',
      AUTO_SNAPSHOT_KEEP: '3',
      TRUST_PROXY: '2',
      RATE_LIMIT_WINDOW_MS: '30000',
      RATE_LIMIT_CREATE: '5',
      RATE_LIMIT_IMPORT: '0',
      RATE_LIMIT_FAILED_TOKENS: '7',
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_IDLE_TIMEOUT_MS: '3000',
      HTTP_REQUEST_TIMEOUT_MS: '4000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000',
      MAX_SOCKETS_PER_ADDRESS: '12',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      publicUrl: 'https://bench.example',
      databaseUrl: 'postgres://u@db/bench',
      maxMessageBytes: 2048,
      maxBoardBytes: 4096,
      allowedOrigins: ['https://a.example', 'https://b.example:8443'],
      logLevel: 'warn',
      roomIdleMs: 0,
      compactEvery: 10,
      autoSnapshotMs: 50,
      autoSnapshotKeep: 3,
      trustProxy: 2,
      rateLimits: { windowMs: 30_000, create: 5, import: 0, failedTokens: 7 },
      httpTimeouts: { headersMs: 2000, idleMs: 3000, requestMs: 4000, keepAliveMs: 5000 },
      maxSocketsPerAddress: 12,
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['0', false],
    ['10.0.0.1, 10.1.0.0/16,::1', ['10.0.0.1', '10.1.0.0/16', '::1']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('defaults ALLOWED_ORIGINS to PUBLIC_URL’s origin plus localhost', () => {
    expect(loadConfig({ PORT: '3000', PUBLIC_URL: 'https://bench.example/app' }).allowedOrigins).toEqual([
      'https://bench.example',
      'http://localhost:3000',
      'http://127.0.0.1:3000',
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ MAX_BOARD_BYTES: '1.5' }, /MAX_BOARD_BYTES/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL.*one of/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
    [{ ALLOWED_ORIGINS: 'https://ok.example,ftp://x' }, /ALLOWED_ORIGINS/],
    [{ COMPACT_EVERY: '0' }, /COMPACT_EVERY/],
    [{ AUTO_SNAPSHOT_MS: '-5' }, /AUTO_SNAPSHOT_MS/],
    [{ AUTO_SNAPSHOT_KEEP: '0' }, /AUTO_SNAPSHOT_KEEP/],
    [{ REDIS_URL: 'http://cache:6379', DATABASE_URL: 'postgres://u@db/bench' }, /REDIS_URL.*redis:\/\//],
    [{ REDIS_URL: 'redis://cache:6379' }, /^REDIS_URL needs DATABASE_URL/],
    [{ TRUST_PROXY: 'yes please' }, /TRUST_PROXY.*proxy addresses/],
    [{ RATE_LIMIT_CREATE: '-1' }, /RATE_LIMIT_CREATE/],
    [{ RATE_LIMIT_FAILED_TOKENS: 'many' }, /RATE_LIMIT_FAILED_TOKENS.*whole number/],
    [{ RATE_LIMIT_WINDOW_MS: '10' }, /RATE_LIMIT_WINDOW_MS.*at least 1000/],
    [{ HTTP_IDLE_TIMEOUT_MS: '5' }, /HTTP_IDLE_TIMEOUT_MS/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '60000', HTTP_REQUEST_TIMEOUT_MS: '30000' }, /HTTP_HEADERS_TIMEOUT_MS.*HTTP_REQUEST_TIMEOUT_MS/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads REDIS_URL together with DATABASE_URL (instances that share rooms share storage)', () => {
    const config = loadConfig({ REDIS_URL: 'redis://cache:6379/0', DATABASE_URL: 'postgres://u@db/bench' });
    expect(config).toMatchObject({ redisUrl: 'redis://cache:6379/0', databaseUrl: 'postgres://u@db/bench' });
  });
});
