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
    });
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
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads REDIS_URL together with DATABASE_URL (instances that share rooms share storage)', () => {
    const config = loadConfig({ REDIS_URL: 'redis://cache:6379/0', DATABASE_URL: 'postgres://u@db/bench' });
    expect(config).toMatchObject({ redisUrl: 'redis://cache:6379/0', databaseUrl: 'postgres://u@db/bench' });
  });
});
