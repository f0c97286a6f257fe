// `npm run dev`: the server and Vite's dev server side by side (Vite proxies /api and /sync).
import { spawn } from 'node:child_process';
import { install, root, serverSourceArgs } from './lib.mjs';

install();
const children = [
  spawn('node', ['--watch', ...serverSourceArgs()], { cwd: `${root}server`, stdio: 'inherit' }),
  spawn('npx', ['-y', 'pnpm@10', '--filter', '@benchlearn/client', 'dev'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
