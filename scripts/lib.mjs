// Helpers for the README's commands: they need nothing but Node 20+ and npm.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { outdated } from '../server/launch.mjs';
export { buildServerIfNeeded, serverLaunchArgs, serverSourceArgs } from '../server/launch.mjs';

export const root = new URL('..', import.meta.url).pathname;

/** Runs a command in the repository root, inheriting the terminal; exits on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** pnpm without a global install: corepack may fail to verify signatures, npx does not. */
export function pnpm(...args) {
  run('npx', ['-y', 'pnpm@10', ...args]);
}

export function install() {
  pnpm('install', '--frozen-lockfile');
}

/** Builds the web app when its bundle is missing or older than its sources. */
export function buildClientIfNeeded() {
  const sources = ['client/src', 'shared/src', 'client/index.html', 'client/vite.config.ts'].map((path) => join(root, path));
  if (outdated(join(root, 'client/dist/index.html'), sources)) pnpm('--filter', '@benchlearn/client', 'build');
}
