import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { canvasBox, seedCards, waitForStatus } from '../support/board';
import { serverAndBrowser } from '../support/rig';
import { facilitator } from '../support/workshop';

const fay = { id: 'fay-0000000000000000001', name: 'Fay', color: '#8e24aa' };

/** Every panel of the header: its button and the panel. */
const PANELS = ['share', 'export', 'history', 'session'] as const;

// Radix gives the focus back a moment after the panel closes (after a timeout of its own): polled.
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

async function open(page: Page, panel: string): Promise<void> {
  await page.click(`[data-testid=${panel}-button]`);
  await page.waitForSelector(`[data-testid=${panel}-panel]`, { state: 'visible' });
}

const closed = (page: Page, panel: string) => page.waitForSelector(`[data-testid=${panel}-panel]`, { state: 'hidden', timeout: 3000 });

describe('the header panels (one popover)', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  let context: BrowserContext;
  let page: Page;
  let cardIds: string[];

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'Panels', template: 'blank', locale: 'en' });
    cardIds = await seedCards(rig.server.url, board, 9);
    ({ context, page } = await facilitator(rig.browser, fay, board, { width: 1440, height: 900 }));
    await page.goto(board.links.facilitator);
    await waitForStatus(page, 'connected');
    await page.waitForFunction((id) => !!document.querySelector(`[data-testid=outline-card][data-card-id="${id}"]`), cardIds[8]!);
  });
  afterAll(async () => {
    await context?.close();
  });

  for (const panel of PANELS) {
    it(`${panel}: Escape closes it and the focus goes back to its button`, async () => {
      await open(page, panel);
      await page.keyboard.press('Escape');
      await closed(page, panel);
      await expect.poll(() => focusedTestId(page), { timeout: 3000 }).toBe(`${panel}-button`);
    });

    it(`${panel}: a press outside closes it`, async () => {
      await open(page, panel);
      const title = (await page.locator('[data-testid=board-title]').boundingBox())!;
      await page.mouse.click(title.x + 4, title.y + title.height / 2);
      await closed(page, panel);
    });

    it(`${panel}: Tab stays in it while open, and the focus moving to a button it may cover closes it`, async () => {
      await open(page, panel);
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate((id) => !!document.activeElement?.closest(`[data-testid=${id}-panel]`), panel)).toBe(true);
      }
      // A screen reader or a script moving the focus onto the toolbar: the panel gets out of the way.
      await page.focus('[data-testid=add-success]');
      await closed(page, panel);
    });
  }

  it('a double-click on a card while a panel is open edits the card (not swallowed)', async () => {
    await open(page, 'share');
    // A card the panel does not cover (the canvas is what is under its middle).
    let target: { x: number; y: number } | null = null;
    for (const id of cardIds) {
      const box = await canvasBox(page, id);
      const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const onCanvas = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('[data-testid=board-canvas]'), point);
      if (onCanvas) {
        target = point;
        break;
      }
    }
    expect(target).not.toBeNull();
    await page.mouse.dblclick(target!.x, target!.y);
    await closed(page, 'share');
    await page.waitForSelector('[data-testid=card-editor]', { state: 'visible', timeout: 3000 });
    await page.keyboard.press('Escape');
  });

  it('from "More" on a narrow window: the panel opens, Escape closes it, the focus goes back to "More"', async () => {
    // At 640 px the history panel's button has moved into "More".
    await page.setViewportSize({ width: 640, height: 800 });
    await page.waitForSelector('[data-testid=more-button]');
    await page.click('[data-testid=more-button]');
    await page.click('[data-testid=more-menu] [data-testid=more-history]');
    await page.waitForSelector('[data-testid=history-panel]', { state: 'visible' });
    const [panelBox, headerBox] = await Promise.all([
      page.locator('[data-testid=history-panel]').boundingBox(),
      page.locator('header.page-header').boundingBox(),
    ]);
    // Under the header, inside the window.
    expect(panelBox!.y).toBeGreaterThanOrEqual(headerBox!.y + headerBox!.height - 1);
    expect(panelBox!.x).toBeGreaterThanOrEqual(0);
    expect(panelBox!.x + panelBox!.width).toBeLessThanOrEqual(640);
    await page.keyboard.press('Escape');
    await closed(page, 'history');
    await expect.poll(() => focusedTestId(page), { timeout: 3000 }).toBe('more-button');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('rename: Escape cancels it and the focus goes back to the pencil', async () => {
    await page.click('[data-testid=rename-board]');
    await page.waitForSelector('[data-testid=board-title-input]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=board-title-input]', { state: 'detached' });
    await expect.poll(() => focusedTestId(page), { timeout: 3000 }).toBe('rename-board');
  });
});

describe("the phone's card form (a modal sheet)", () => {
  const rig = serverAndBrowser();
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const board = await createBoard(rig.server.url, { title: 'Phone form', template: 'blank', locale: 'en' });
    context = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    await context.addInitScript((identity) => window.localStorage.setItem('benchlearn:identity', JSON.stringify(identity)), fay);
    page = await context.newPage();
    await page.goto(board.links.editor);
    await waitForStatus(page, 'connected');
    await page.waitForSelector('[data-testid=phone-add-card]');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('keeps Tab inside, closes on Escape and gives the focus back to "+ Card"', async () => {
    await page.focus('[data-testid=phone-add-card]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=card-form]', { state: 'visible' });
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => !!document.activeElement?.closest('[data-testid=card-form]'));
      expect(inside, `Tab ${i + 1} stays in the form`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=card-form]', { state: 'detached', timeout: 3000 });
    await page.waitForTimeout(100);
    await expect.poll(() => focusedTestId(page), { timeout: 3000 }).toBe('phone-add-card');
  });

  it('closes on a press on the backdrop', async () => {
    await page.tap('[data-testid=phone-add-card]');
    await page.waitForSelector('[data-testid=card-form]', { state: 'visible' });
    await page.mouse.click(195, 40);
    await page.waitForSelector('[data-testid=card-form]', { state: 'detached', timeout: 3000 });
  });
});
