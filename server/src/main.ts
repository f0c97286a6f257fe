import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';

/** How long a graceful shutdown may take before the process exits anyway (data is committed already). */
const SHUTDOWN_TIMEOUT_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Benchlearn: configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function build(config: Config) {
  try {
    return await buildApp(config);
  } catch (error) {
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite under DATA_DIR (${config.dataDir})`;
    console.error(`Benchlearn: could not open storage in ${where}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const config = readConfig();
const server = await build(config);
const { app } = server;

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) {
    // A second Ctrl+C: the person wants out now.
    process.exit(1);
  }
  stopping = true;
  app.log.info({ signal }, 'shutting down: closing sockets, storing rooms');
  setTimeout(() => {
    app.log.error('shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  try {
    await server.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

try {
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ address, storage: server.storage.kind }, `Benchlearn is running at ${config.publicUrl}`);
} catch (error) {
  app.log.error({ err: error }, 'the server could not start');
  await server.close().catch(() => {});
  process.exit(1);
}
