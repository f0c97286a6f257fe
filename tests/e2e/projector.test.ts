import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { cardCentreOnPage, seedCards, waitForStatus } from '../support/board';
import { participant } from '../support/browser';
import { serverAndBrowser } from '../support/rig';
import { decodeQr, facilitator } from '../support/workshop';

const fay = { id: 'fay-0000000000000000001', name: 'Fay', color: '#8e24aa' };
const eve = { id: 'eve-0000000000000000002', name: 'Eve', color: '#00897b' };

/** Per card drawn on `page`: its largest text on screen (the body), in CSS pixels, from Konva's nodes. */
function drawnTextSizes(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    type Node = { find(selector: string): Node[]; fontSize?(): number; getAbsoluteScale(): { x: number } };
    const stage = window.__benchlearn?.stage as unknown as Node | null | undefined;
    return (stage?.find('.card') ?? []).map((card) => Math.max(0, ...card.find('Text').map((text) => (text.fontSize?.() ?? 0) * text.getAbsoluteScale().x)));
  });
}

/** Whether a card on `page` has someone else's selection outline in `color` (a dashed ring). */
function hasRing(page: Page, cardId: string, color: string): Promise<boolean> {
  return page.evaluate(
    ({ id, stroke }) => {
      type Node = { find(selector: string): Node[]; findOne(selector: string): Node | undefined; stroke?(): string; dash?(): number[] };
      const card = (window.__benchlearn?.stage as unknown as Node | null | undefined)?.findOne(`#${id}`);
      return (card?.find('Rect') ?? []).some((rect) => rect.stroke?.() === stroke && (rect.dash?.() ?? []).length > 0);
    },
    { id: cardId, stroke: color },
  );
}

describe('the projector at 1920×1080', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  let cards: string[];
  const contexts: BrowserContext[] = [];
  let f: Page;
  let projector: Page;

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'Mobility round', template: 'benchlearning', locale: 'en' });
    cards = await seedCards(rig.server.url, board, 8);
    const fc = await facilitator(rig.browser, fay, board, { width: 1440, height: 900 });
    contexts.push(fc.context);
    f = fc.page;
    await f.goto(board.links.facilitator);
    await waitForStatus(f, 'connected');
    await f.click('[data-testid=share-button]');
    const href = await f.getAttribute('[data-testid=open-projector]', 'href');
    await f.keyboard.press('Escape');
    const context = await rig.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    contexts.push(context);
    projector = await context.newPage();
    await projector.goto(new URL(href!, rig.server.url).toString());
    await projector.waitForSelector('[data-testid=projector-view]', { state: 'attached' });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it('draws card body text at 24 px or more (nobody presenting: the board from its start)', async () => {
    await projector.waitForFunction(() => (window.__benchlearn?.stage?.find('.card') ?? []).length > 0);
    await projector.waitForTimeout(300);
    const sizes = await drawnTextSizes(projector);
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(24);
    if (process.env.PROJECTOR_SHOT) await projector.screenshot({ path: process.env.PROJECTOR_SHOT });
  });

  it('shows a 6-character join code beside the board; its short link opens the board as an editor', async () => {
    const code = (await projector.textContent('[data-testid=projector-join-code]', { timeout: 10_000 }))!;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await projector.waitForFunction(
      () => !!document.querySelector<HTMLCanvasElement>('[data-testid=projector-qr]')?.getContext('2d')?.getImageData(0, 0, 1, 1).data[3],
    );
    const scanned = await decodeQr(projector, '[data-testid=projector-qr]');
    expect(scanned).toMatch(new RegExp(`/j/${code}$`));
    // The join box covers no part of the board: the canvas ends where it begins.
    const [canvas, join] = await Promise.all([
      projector.locator('[data-testid=board-canvas]').boundingBox(),
      projector.locator('[data-testid=projector-join]').boundingBox(),
    ]);
    expect(canvas!.x + canvas!.width).toBeLessThanOrEqual(join!.x);

    const phone = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    contexts.push(phone);
    await phone.addInitScript((identity) => window.localStorage.setItem('benchlearn:identity', JSON.stringify(identity)), eve);
    const page = await phone.newPage();
    await page.goto(`${rig.server.url}/j/${code.toLowerCase()}`);
    await waitForStatus(page, 'connected');
    expect(new URL(page.url()).pathname).toBe(`/b/${board.id}`);
    await page.waitForSelector('[data-testid=phone-add-card]');
  });

  it("shows no one's selection outline, though the others see it", async () => {
    const { page: e, context } = await participant(rig.browser, eve);
    contexts.push(context);
    await e.goto(board.links.editor);
    await waitForStatus(e, 'connected');
    const target = cards[0]!;
    await e.waitForFunction((id) => !!window.__benchlearn?.stage?.findOne((node) => node.id() === id), target);
    const centre = await cardCentreOnPage(e, target);
    await e.mouse.click(centre.x, centre.y);
    // Fay's laptop shows Eve's selection (the check can see a ring)...
    await f.waitForFunction(
      ({ id, stroke }) => {
        type Node = { find(selector: string): Node[]; findOne(selector: string): Node | undefined; stroke?(): string };
        const card = (window.__benchlearn?.stage as unknown as Node | null | undefined)?.findOne(`#${id}`);
        return (card?.find('Rect') ?? []).some((rect) => rect.stroke?.() === stroke);
      },
      { id: target, stroke: eve.color },
    );
    expect(await hasRing(f, target, eve.color)).toBe(true);
    // ...the projector, which has her presence too, does not.
    await projector.waitForFunction((id) => {
      const awareness = window.__benchlearn?.awareness as { getStates(): Map<number, { selection?: string[] }> } | undefined;
      return [...(awareness?.getStates().values() ?? [])].some((state) => state.selection?.includes(id));
    }, target);
    await projector.waitForTimeout(300);
    expect(await projector.evaluate((id) => !!window.__benchlearn?.stage?.findOne((node) => node.id() === id), target)).toBe(true);
    expect(await hasRing(projector, target, eve.color)).toBe(false);
  });
});
