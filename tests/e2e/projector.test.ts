import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { addCardFromToolbar, cardCentreOnPage, seedCards, waitForStatus } from '../support/board';
import { participant } from '../support/browser';
import { serverAndBrowser } from '../support/rig';
import { openSessionPanel } from '../support/session';
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
  let e: Page;
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

  it("shows no one's selection outline and no one's cursor, though the others see them", async () => {
    const joined = await participant(rig.browser, eve);
    contexts.push(joined.context);
    e = joined.page;
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
    // Eve's pointer: Fay sees her cursor; the projector, which shows only the presenter's laser, does not.
    await e.mouse.move(centre.x + 40, centre.y + 40);
    await e.mouse.move(centre.x + 60, centre.y + 50);
    await f.waitForFunction((id) => !!window.__benchlearn?.stage?.findOne((node) => node.id() === `cursor-${id}`), eve.id);
    await projector.waitForFunction((id) => {
      const awareness = window.__benchlearn?.awareness as { getStates(): Map<number, { user?: { id: string }; cursor?: unknown }> } | undefined;
      return [...(awareness?.getStates().values() ?? [])].some((state) => state.user?.id === id && state.cursor);
    }, eve.id);
    expect(await projector.evaluate(() => (window.__benchlearn?.stage?.find('.cursor') ?? []).length)).toBe(0);
  });

  it("anonymous mode: nobody's colour or name beside a card, not on a new one either", async () => {
    await openSessionPanel(f);
    await f.click('[data-testid=anonymous-toggle]');
    await f.click('[data-testid=session-button]');
    await e.waitForSelector('[data-testid=anonymous-badge]');
    const target = cards[0]!;
    // Eve's selection shows as a grey ring, not in her colour; her cursor does not show at all.
    await f.waitForFunction((id) => !!window.__benchlearn?.stage?.findOne((node) => node.id() === id), target);
    await f.waitForFunction(() => (window.__benchlearn?.stage?.find('.cursor') ?? []).length === 0);
    expect(await hasRing(f, target, '#757575')).toBe(true);
    expect(await hasRing(f, target, eve.color)).toBe(false);
    // Eve writes a card: it is selected on her side and she points at it; Fay sees neither name nor colour.
    const fresh = await addCardFromToolbar(e, 'note');
    const box = await cardCentreOnPage(e, fresh);
    await e.mouse.move(box.x, box.y);
    await e.mouse.move(box.x + 10, box.y + 10);
    await f.waitForFunction((id) => !!window.__benchlearn?.stage?.findOne((node) => node.id() === id), fresh);
    await f.waitForFunction((id) => {
      const awareness = window.__benchlearn?.awareness as { getStates(): Map<number, { selection?: string[] }> } | undefined;
      return [...(awareness?.getStates().values() ?? [])].some((state) => state.selection?.includes(id));
    }, fresh);
    await f.waitForFunction((id) => {
      type Node = { find(selector: string): Node[]; findOne(selector: string): Node | undefined; stroke?(): string };
      const card = (window.__benchlearn?.stage as unknown as Node | null | undefined)?.findOne(`#${id}`);
      return (card?.find('Rect') ?? []).some((rect) => rect.stroke?.() === '#757575');
    }, fresh);
    const seen = await f.evaluate(
      ({ color }) => {
        type Node = { find(selector: string): Node[]; getAttr(name: string): unknown };
        const nodes = (window.__benchlearn?.stage as unknown as Node | null | undefined)?.find('Shape') ?? [];
        return {
          colour: nodes.some((node) => node.getAttr('stroke') === color || node.getAttr('fill') === color),
          name: nodes.some((node) => String(node.getAttr('text') ?? '').includes('Eve')),
          cursors: (window.__benchlearn?.stage?.find('.cursor') ?? []).length,
        };
      },
      { color: eve.color },
    );
    expect(seen).toEqual({ colour: false, name: false, cursors: 0 });
    await openSessionPanel(f);
    await f.click('[data-testid=anonymous-toggle]');
    await f.click('[data-testid=session-button]');
    // Named presence comes back with the mode off.
    await e.mouse.move(box.x + 20, box.y + 20);
    await f.waitForFunction((id) => !!window.__benchlearn?.stage?.findOne((node) => node.id() === `cursor-${id}`), eve.id);
  });

  it('a timer the back row reads, and the ranked results of a vote round when the facilitator ends it', async () => {
    await openSessionPanel(f);
    await f.fill('[data-testid=timer-minutes]', '5');
    await f.click('[data-testid=timer-set]');
    await f.click('[data-testid=timer-start]');
    await projector.waitForSelector('[data-testid=timer][data-state=running]');
    // The digits as drawn, in the timer's own font: over 72 px tall at 1080p.
    const digits = await projector.evaluate(() => {
      const time = document.querySelector('[data-testid=timer] .session-timer-time')!;
      const style = getComputedStyle(time);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const measured = context.measureText('0123456789');
      return measured.actualBoundingBoxAscent + measured.actualBoundingBoxDescent;
    });
    expect(digits).toBeGreaterThanOrEqual(72);
    // The band with the timer sits above the board, not over it.
    const [band, canvas] = await Promise.all([
      projector.locator('[data-testid=session-bar]').boundingBox(),
      projector.locator('[data-testid=board-canvas]').boundingBox(),
    ]);
    expect(canvas!.y).toBeGreaterThanOrEqual(band!.y + band!.height - 1);

    // A round on lessons (cards 3 and 7), two dots on 7 and one on 3, then the facilitator ends it.
    const [three, seven] = [cards[3]!, cards[7]!];
    await f.check('[data-testid=vote-stack]');
    await f.click('[data-testid=vote-start]');
    for (const id of [seven, seven, three]) await f.click(`[data-testid=outline-card][data-card-id="${id}"] [data-testid=outline-vote-add]`);
    await f.waitForSelector('[data-testid=dots-left][data-left="0"]');
    expect(await projector.locator('[data-testid=vote-results]').count()).toBe(0);
    await openSessionPanel(f);
    await f.click('[data-testid=vote-end]');
    await projector.waitForSelector('[data-testid=vote-results]');
    const rows = await projector.$$eval('[data-testid=vote-result]', (items) =>
      items.map((item) => {
        const text = item.querySelector('[data-testid=vote-result-text]')!;
        const count = item.querySelector('[data-testid=vote-result-count]')!;
        return {
          id: item.getAttribute('data-card-id'),
          rank: item.getAttribute('data-rank'),
          count: item.getAttribute('data-count'),
          words: `${text.textContent} · ${count.textContent}`,
          textPx: parseFloat(getComputedStyle(text).fontSize),
          countPx: parseFloat(getComputedStyle(count).fontSize),
        };
      }),
    );
    expect(rows.map(({ id, rank, count, words }) => ({ id, rank, count, words }))).toEqual([
      { id: seven, rank: '1', count: '2', words: 'Card 7 · 2 dots' },
      { id: three, rank: '2', count: '1', words: 'Card 3 · 1 dot' },
    ]);
    for (const row of rows) {
      expect(row.textPx).toBeGreaterThanOrEqual(24);
      expect(row.countPx).toBeGreaterThanOrEqual(36);
    }
    // The band's words are the room's: nothing about an outline the projector does not show.
    expect(await projector.textContent('[data-testid=session-bar]')).toContain('Votes are revealed.');
    expect(await projector.textContent('[data-testid=session-bar]')).not.toContain('outline');
    if (process.env.PROJECTOR_RESULTS_SHOT) await projector.screenshot({ path: process.env.PROJECTOR_RESULTS_SHOT });
    // Back to the board, following the facilitator.
    await f.click('[data-testid=vote-results-hide]');
    await projector.waitForSelector('[data-testid=vote-results]', { state: 'detached' });
    await f.click('[data-testid=vote-clear]');
    await f.click('[data-testid=session-button]');
  });
});
