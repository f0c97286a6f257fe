// Helpers for the README's commands: they need nothing but Node 20+ and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its bundle is missing or older than its sources. */
export function buildClientIfNeeded() {
  const bundle = join(root, 'client/dist/index.html');
  const sources = [join(root, 'client/src'), join(root, 'shared/src')];
  const stale =
    !existsSync(bundle) ||
    sources.some((dir) => newestMtime(dir) > statSync(bundle).mtimeMs) ||
    ['client/index.html', 'client/vite.config.ts'].some((file) => statSync(join(root, file)).mtimeMs > statSync(bundle).mtimeMs);
  if (stale) pnpm('--filter', '@benchlearn/client', 'build');
}
