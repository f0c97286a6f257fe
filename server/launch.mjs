// How the server is started (server/launch.json), and the bundle it is started from. Plain
// JavaScript: `npm start` reads it before anything is installed, and the tests import it too.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const serverDir = dirname(fileURLToPath(import.meta.url));
const launch = JSON.parse(readFileSync(join(serverDir, 'launch.json'), 'utf8'));
const bundle = join(serverDir, launch.main);

/** node's arguments that start the built server in server/. */
export function serverLaunchArgs() {
  return [...launch.node, launch.main];
}

/** node's arguments that run the server from its TypeScript sources (npm run dev). */
export function serverSourceArgs() {
  return [...launch.node, ...launch.source];
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Whether a build output is missing or older than any of its inputs (files or folders, walked;
 * a folder's own time changes when a file in it is added or removed). npm start's builds use it.
 */
export function outdated(output, inputs) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((path) => existsSync(path) && newestMtime(path) > built);
}

/**
 * The worker threads' modules, each bundled as a file of its own next to the bundle (src's
 * workers/thread.ts starts `<name>.mjs` there): a worker runs without a TypeScript loader too.
 */
const workers = ['src/storage/sqliteSnapshotThread.ts', 'src/storage/rowsSnapshotThread.ts', 'src/storage/checkpointThread.ts', 'src/http/importThread.ts'];

/** Every file a build writes: the bundle and one per worker. */
const outputs = [bundle, ...workers.map((path) => join(dirname(bundle), `${basename(path, '.ts')}.mjs`))];

/** What the bundle is made of: when any of it is newer than the bundle, it is built again. */
const inputs = ['src', 'package.json', 'launch.json', 'launch.mjs', '../shared/src', '../shared/package.json'].map((path) => join(serverDir, path));

/**
 * Bundles src/main.ts and the shared model into one file (esbuild), and each worker thread's
 * module into one of its own: the server then starts without a TypeScript loader, in half the
 * time and with ~60 MiB less resident memory. The
 * server's own dependencies stay external, loaded from node_modules as usual (better-sqlite3 is
 * native; Yjs must be one instance). Each file is written to a temporary one and renamed, so a
 * process starting meanwhile (parallel tests) never reads half a bundle.
 */
export function buildServerIfNeeded() {
  if (!outputs.some((output) => outdated(output, inputs))) return;
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild');
  const { dependencies } = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8'));
  const result = esbuild.buildSync({
    entryPoints: Object.fromEntries([
      [basename(launch.main, '.mjs'), join(serverDir, 'src/main.ts')],
      ...workers.map((path) => [basename(path, '.ts'), join(serverDir, path)]),
    ]),
    absWorkingDir: serverDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: Object.keys(dependencies).filter((name) => !dependencies[name].startsWith('workspace:')),
    // Not minified: names stay as written in stack traces (keepNames' wrappers cost 1% of the relay's CPU).
    write: false,
    outdir: dirname(bundle),
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  mkdirSync(dirname(bundle), { recursive: true });
  // The workers first: a bundle that is already new never starts an old worker.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle));
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}
