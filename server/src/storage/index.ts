import type { Config } from '../config';
import { PostgresStorage } from './postgres';
import { SqliteStorage } from './sqlite';
import type { Storage } from './types';

export * from './types';
export { SqliteStorage } from './sqlite';
export { PostgresStorage } from './postgres';

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite under DATA_DIR. */
export async function openStorage(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Storage> {
  if (config.databaseUrl) return PostgresStorage.open({ connectionString: config.databaseUrl });
  return new SqliteStorage(config.dataDir);
}
