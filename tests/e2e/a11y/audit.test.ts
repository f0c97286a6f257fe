import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../../support/api';
import { addCardFromToolbar, waitForStatus } from '../../support/board';
import { participant } from '../../support/browser';
import { serverAndBrowser } from '../../support/rig';
import { auditPage } from './axe';

/** The audit's verdict: no critical and no serious violation (the findings are in the message). */
async function expectClean(page: Page): Promise<void> {
  const findings = await auditPage(page);
  expect(findings, JSON.stringify(findings, null, 1)).toEqual([]);
}

const FAY = { id: 'audit-fay-00000000001', name: 'Fay de Wit', color: '#1976d2' };
const BOB = { id: 'audit-bob-00000000002', name: 'Bob', color: '#2e7d32' };

/** A board with one card of each kind and a link, made by Fay as facilitator; her page on it. */
async function boardWithCards(rig: ReturnType<typeof serverAndBrowser>, locale = 'en-US'): Promise<{ board: CreatedBoard; page: Page }> {
  const board = await createBoard(rig.server.url, { title: 'Audit', template: 'benchlearning', locale: 'en' });
  const { page } = await participant(rig.browser, FAY, locale);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(board.links.facilitator);
  await waitForStatus(page, 'connected');
  await addCardFromToolbar(page, 'success');
  const problem = await addCardFromToolbar(page, 'problem');
  await addCardFromToolbar(page, 'lesson');
  const select = page.locator(`[data-testid=outline-card][data-card-id="${problem}"] [data-testid=outline-link-select]`);
  await select.focus();
  await select.selectOption({ index: 1 });
  await page.waitForSelector('[data-testid=outline-link]');
  return { board, page };
}

describe('axe-core finds nothing critical or serious (WCAG 2.2 A and AA)', () => {
  const rig = serverAndBrowser();

  it('on the start page', async () => {
    const { page } = await participant(rig.browser, FAY);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(rig.server.url);
    await page.waitForSelector('[data-testid=create-board-form]');
    await expectClean(page);
    await page.context().close();
  });

  it('on the board of a facilitator, the outline open, another person on it', async () => {
    const { board, page } = await boardWithCards(rig);
    const other = await participant(rig.browser, BOB);
    await other.page.goto(board.links.editor);
    await page.waitForSelector(`[data-testid=avatar][data-user-id="${BOB.id}"]`);
    expect(await page.locator('[data-testid=outline]').isVisible()).toBe(true);
    await expectClean(page);
    await other.context.close();
    await page.context().close();
  });

  it('with each header panel open: share, export, history, session', async () => {
    const { page } = await boardWithCards(rig);
    const failures: Record<string, unknown> = {};
    for (const name of ['share', 'export', 'history', 'session']) {
      await page.click(`[data-testid=${name}-button]`);
      await page.waitForSelector(`[data-testid=${name}-panel]`);
      const findings = await auditPage(page);
      if (findings.length > 0) failures[name] = findings;
      await page.keyboard.press('Escape');
      await page.waitForSelector(`[data-testid=${name}-panel]`, { state: 'detached' });
    }
    expect(failures, JSON.stringify(failures, null, 1)).toEqual({});
    await page.context().close();
  });

  it('on the projector, and on a phone and in Dutch', async () => {
    const { board, page } = await boardWithCards(rig);
    const projector = await (await rig.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await projector.goto(`${rig.server.url}/b/${board.id}/present#token=${board.tokens.viewer}`);
    await projector.waitForFunction(() => (window.__benchlearn?.stage?.find('.card').length ?? 0) === 3);
    await expectClean(projector);
    await projector.context().close();

    const phoneContext = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'nl-NL' });
    await phoneContext.addInitScript((identity) => localStorage.setItem('benchlearn:identity', JSON.stringify(identity)), BOB);
    const phone = await phoneContext.newPage();
    await phone.goto(board.links.editor);
    await waitForStatus(phone, 'connected');
    expect(await phone.locator('html').getAttribute('lang')).toBe('nl');
    await expectClean(phone);
    await phone.click('[data-testid=phone-tab-outline]');
    await phone.waitForSelector('[data-testid=outline-card]');
    await expectClean(phone);
    await phoneContext.close();
    await page.context().close();
  });
});
