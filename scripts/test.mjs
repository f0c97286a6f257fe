// `npm test`: install everything (Chromium included), type-check, and run every test.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildClientIfNeeded, buildServerIfNeeded, install, pnpm, root, run } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log(`Chromium not found at ${CHROMIUM}: installing Debian's chromium package`);
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  const apt = (...args) => {
    const [command, ...rest] = [...sudo, 'apt-get', ...args];
    return spawnSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  if (!(apt('update', '-qq') && apt('install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'))) {
    console.error('Could not install chromium. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
}

install();
ensureChromium();
buildClientIfNeeded();
buildServerIfNeeded();
pnpm('-r', 'typecheck');
run('npx', ['eslint', '.']);
run('npx', ['prettier', '--check', '.']);
// The JSON report gives the closing 'N passed, N failed' line that CI reads.
const report = join(mkdtempSync(join(tmpdir(), 'benchlearn-test-')), 'vitest.json');
const result = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`);
}
process.exit(result.status ?? 1);
