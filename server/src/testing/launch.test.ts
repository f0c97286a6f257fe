import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServerIfNeeded, serverDir, serverLaunchArgs } from '../../launch.mjs';

describe('the server bundle (server/launch.mjs)', () => {
  const bundle = join(serverDir, serverLaunchArgs().at(-1)!);

  it('is built again when it is older than its sources, and not when it is current', () => {
    buildServerIfNeeded();
    // As if the sources had been edited after the last build.
    const past = new Date(Date.now() - 365 * 24 * 3600 * 1000);
    utimesSync(bundle, past, past);
    buildServerIfNeeded();
    const rebuilt = statSync(bundle).mtimeMs;
    expect(rebuilt).toBeGreaterThan(past.getTime() + 1000);
    buildServerIfNeeded();
    expect(statSync(bundle).mtimeMs).toBe(rebuilt);
  });
});
