import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface Person {
  id: string;
  name: string;
  color: string;
}

/** A browser context for one participant, their name already chosen. */
export async function participant(
  browser: Browser,
  person: Person,
  locale = 'en-US',
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale });
  await context.addInitScript((identity) => {
    window.localStorage.setItem('benchlearn:identity', JSON.stringify(identity));
  }, person);
  const page = await context.newPage();
  return { context, page };
}
