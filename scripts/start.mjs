// `npm start`: install, build the web app if needed, run the server on the embedded default.
import { buildClientIfNeeded, install, run } from './lib.mjs';

install();
buildClientIfNeeded();
run('node', ['--import', 'tsx', 'src/main.ts'], { cwd: new URL('../server/', import.meta.url).pathname });
