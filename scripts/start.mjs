// `npm start`: install, build the web app if needed, run the server on the embedded default.
import { join, resolve } from 'node:path';
import { buildClientIfNeeded, install, root, run, serverArgs } from './lib.mjs';

install();
buildClientIfNeeded();
// The server runs in server/; a relative DATA_DIR (default ./data) means the folder you ran npm start in.
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.DATA_DIR ?? 'data');
run('node', serverArgs(), { cwd: join(root, 'server'), env: { ...process.env, DATA_DIR: dataDir } });
