import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForStatus } from '../support/board';
import { boardFile, downloadFrom, importBoard } from '../support/exportFiles';
import { participant } from '../support/browser';
import { facilitator } from '../support/workshop';
import { serverAndBrowser } from '../support/rig';

/**
 * The Content-Security-Policy the server sends (issue 12) is one the built web app passes: the
 * start page, a board, and a PDF export (its worker and the fonts it fetches) run with no
 * violation reported, in the document or in a worker.
 */

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}
declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

const WATCH_VIOLATIONS = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile + ':' + event.lineNumber });
  });
})();`;

/** What Chromium says on the console when it blocks something (workers' refusals only show there). */
function watchConsole(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) into.push(message.text());
  });
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) into.push(`worker: ${message.text()}`);
    });
  });
}

async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

const fay = { id: 'fay-0000000000000000002', name: 'Fay', color: '#8e24aa' };

describe('the security headers and the web app', () => {
  const rig = serverAndBrowser();
  let board: Awaited<ReturnType<typeof importBoard>>;

  beforeAll(async () => {
    board = await importBoard(
      rig.server.url,
      boardFile(
        'Headers check',
        [
          { kind: 'success', x: 0, y: 0, w: 240, h: 150, text: 'Grüße aus Zürich — Ελλάδα' },
          { kind: 'lesson', x: 0, y: 200, w: 240, h: 150, text: 'A lesson 🙂 学到的' },
        ],
        [[0, 1]],
      ),
    );
  });

  it('sends the headers on the app’s page', async () => {
    const response = await fetch(`${rig.server.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('the start page loads with no CSP violation', async () => {
    const { context, page } = await participant(rig.browser, fay);
    const consoleViolations: string[] = [];
    watchConsole(page, consoleViolations);
    await context.addInitScript({ content: WATCH_VIOLATIONS });
    try {
      await page.goto(`${rig.server.url}/`);
      await page.waitForSelector('[data-testid=create-board-form]');
      await page.waitForTimeout(300);
      expect(await violations(page)).toEqual([]);
      expect(consoleViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a board opens and exports a PDF (worker, fonts) with no CSP violation', async () => {
    const { context, page } = await facilitator(rig.browser, fay, { ...board, title: 'Headers check' });
    const consoleViolations: string[] = [];
    watchConsole(page, consoleViolations);
    await context.addInitScript({ content: WATCH_VIOLATIONS });
    try {
      await page.goto(board.links.facilitator);
      await waitForStatus(page, 'connected');
      await page.waitForSelector('[data-testid=outline-card]');

      await page.click('[data-testid=export-button]');
      for (const [name, value] of Object.entries({ format: 'pdf', area: 'board', paper: 'a4', orientation: 'landscape' })) {
        await page.selectOption(`select[name=export-${name}]`, value);
      }
      const file = await downloadFrom(page, () => page.click('[data-testid=export-start]'), '[data-testid=export-error]');
      await page.waitForSelector('[data-testid=export-done]');
      expect(file.name).toMatch(/\.pdf$/);
      expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(file.bytes.length).toBeGreaterThan(10_000);

      expect(await violations(page)).toEqual([]);
      expect(consoleViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
