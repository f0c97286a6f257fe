import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { ServerProcess } from './server';

/** What an end-to-end describe block runs against: its own server process and one Chromium. */
export interface Rig {
  server: ServerProcess;
  browser: Browser;
}

/**
 * Starts a server process (with `env`) and Chromium before the block's tests and stops both after.
 * Call it first in a describe block: its beforeAll then runs before the block's own.
 */
export function serverAndBrowser(env: Record<string, string> = {}): Rig {
  const rig = {} as Rig;
  beforeAll(async () => {
    rig.server = await ServerProcess.start(env);
    rig.browser = await launchChromium();
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.stop();
  });
  return rig;
}
