import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverLaunchArgs } from './launch';

describe('server launch arguments (server/launch.json)', () => {
  it('start the server with 32 MiB semi-spaces, the young generation the relay bench was tuned with', () => {
    const args = serverLaunchArgs();
    expect(args.at(-1)).toBe('src/main.ts');
    // node itself, given the same flags, reports them back: they are valid node flags, not ignored.
    const flags = args.slice(0, -1);
    const seen = execFileSync(process.execPath, [...flags, '-p', 'JSON.stringify(process.execArgv)'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(JSON.parse(seen)).toContain('--max-semi-space-size=32');
  });
});
