// `npm start`: install, build the web app and the server if needed, run the server on the embedded default.
import { join, resolve } from 'node:path';
import { buildClientIfNeeded, buildServerIfNeeded, install, root, run, serverLaunchArgs } from './lib.mjs';

install();
buildClientIfNeeded();
buildServerIfNeeded();
// The server runs in server/; a relative DATA_DIR (default ./data) means the folder you ran npm start in.
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.DATA_DIR ?? 'data');
run('node', serverLaunchArgs(), { cwd: join(root, 'server'), env: { ...process.env, DATA_DIR: dataDir } });
