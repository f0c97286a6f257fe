import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { PostgresStorage } from './postgres';
import { storageSuite } from './storageSuite';

/**
 * Runs the storage suite against PostgreSQL at 127.0.0.1:5432 (database `test`, user
 * `postgres`), in a throwaway schema. Skipped with a printed reason when it cannot be reached,
 * except in CI (CI=true), where an unreachable database fails the run.
 */
const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `benchlearn_test_${randomBytes(6).toString('hex')}`;

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachable = await reachable();
const required = process.env.CI === 'true';

if (unreachable && !required) {
  console.warn(`[postgres storage tests] SKIPPED: PostgreSQL at ${connectionString} is unreachable (${unreachable}).`);
  describe.skip('storage: postgres (database unreachable)', () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  if (unreachable) {
    describe('storage: postgres', () => {
      it('reaches PostgreSQL (required when CI=true)', () => {
        throw new Error(`PostgreSQL at ${connectionString} is unreachable: ${unreachable}`);
      });
    });
  } else {
    afterAll(async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });
    const open = () => PostgresStorage.open({ connectionString, schema });
    storageSuite('postgres', open, open);
  }
}
