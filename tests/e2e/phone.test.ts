import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  addCard,
  benchlearningAgenda,
  clearAgenda,
  clearTimer,
  clearVoting,
  goToPhase,
  setAgenda,
  setTimer,
  startTimer,
  startVoting,
} from '@benchlearn/shared';
import { createBoard, type CreatedBoard } from '../support/api';
import { cardCentreOnPage, waitForStatus } from '../support/board';
import { serverAndBrowser } from '../support/rig';
import { joinBoard } from '../support/sync';
import { facilitator } from '../support/workshop';

const fay = { id: 'fay-0000000000000000001', name: 'Fay', color: '#8e24aa' };
const pia = { id: 'pia-0000000000000000004', name: 'Pia', color: '#3949ab' };

/** Where a card is on the board (board units), from the document. */
function cardPosition(page: Page, id: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((cardId) => {
    const cards = (
      window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } } | undefined
    )?.getMap('cards');
    const card = cards?.get(cardId);
    return card ? { x: card.get('x') as number, y: card.get('y') as number } : null;
  }, id);
}

/** The ids of the board's cards, from the document (the outline is not shown on the phone's board tab). */
function cardIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cards = (window.__benchlearn?.board.content as { getMap(name: string): { keys(): Iterable<string> } } | undefined)?.getMap('cards');
    return cards ? [...cards.keys()] : [];
  });
}

async function waitForCardCount(page: Page, count: number): Promise<void> {
  for (let i = 0; i < 100 && (await cardIds(page)).length !== count; i++) await page.waitForTimeout(100);
  expect(await cardIds(page)).toHaveLength(count);
}

/** A one-finger drag on the page from `from` by (dx, dy), as a phone sends it. */
async function touchDrag(page: Page, from: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const at = (x: number, y: number) => [{ x, y, id: 0 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(from.x, from.y) });
  for (let i = 1; i <= 8; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(from.x + (dx * i) / 8, from.y + (dy * i) / 8) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

async function phone(
  browser: ReturnType<typeof serverAndBrowser>['browser'],
  person: typeof pia,
  link: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
  await context.addInitScript((identity) => window.localStorage.setItem('benchlearn:identity', JSON.stringify(identity)), person);
  const page = await context.newPage();
  await page.goto(link);
  await waitForStatus(page, 'connected');
  await page.waitForSelector('[data-testid=phone-bar]');
  return { context, page };
}

describe('a phone undoes and deletes from its bar; a summon brings it to the board', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  let p: { context: BrowserContext; page: Page };
  let cardId: string;

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'Phones', template: 'blank', locale: 'en' });
    p = await phone(rig.browser, pia, board.links.editor);
  });
  afterAll(async () => {
    await p?.context.close();
  });

  it('adds a card from the form; a stray swipe that moved it is undone from the bar', async () => {
    const { page } = p;
    await page.tap('[data-testid=phone-add-card]');
    await page.waitForSelector('[data-testid=card-form]');
    await page.fill('textarea[name=text]', 'Bike lanes along the school route');
    await page.tap('[data-testid=card-form-save]');
    await page.waitForSelector('[data-testid=card-form]', { state: 'detached' });
    await waitForCardCount(page, 1);
    cardId = (await cardIds(page))[0]!;
    // A new undo step, not merged with the add.
    await page.waitForTimeout(1200);
    const before = (await cardPosition(page, cardId))!;
    await touchDrag(page, await cardCentreOnPage(page, cardId), 90, 120);
    await page.waitForFunction(
      ({ id, x, y }) => {
        const cards = (
          window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } } | undefined
        )?.getMap('cards');
        const card = cards?.get(id);
        return !!card && (card.get('x') !== x || card.get('y') !== y);
      },
      { id: cardId, ...before },
    );
    const undo = page.locator('[data-testid=phone-undo]');
    expect(await undo.isEnabled()).toBe(true);
    await undo.tap();
    await page.waitForFunction(
      ({ id, x, y }) => {
        const cards = (
          window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } } | undefined
        )?.getMap('cards');
        const card = cards?.get(id);
        return !!card && card.get('x') === x && card.get('y') === y;
      },
      { id: cardId, ...before },
    );
    expect(await cardPosition(page, cardId)).toEqual(before);
  });

  it('deletes the selected card from the bar, and undo brings it back', async () => {
    const { page } = p;
    const centre = await cardCentreOnPage(page, cardId);
    await page.touchscreen.tap(centre.x, centre.y);
    await page.waitForSelector('[data-testid=phone-delete]');
    await page.tap('[data-testid=phone-delete]');
    await waitForCardCount(page, 0);
    expect(await cardPosition(page, cardId)).toBeNull();
    await page.tap('[data-testid=phone-undo]');
    await waitForCardCount(page, 1);
    expect(await cardPosition(page, cardId)).not.toBeNull();
  });

  it('“Bring everyone to me” switches a phone on the Outline tab to the board', async () => {
    const { page } = p;
    await page.tap('[data-testid=phone-tab-outline]');
    await page.waitForSelector('[data-testid=phone-tab-outline][aria-pressed=true]');
    expect(await page.isVisible('[data-testid=board-canvas]')).toBe(false);
    const f = await facilitator(rig.browser, fay, board, { width: 1440, height: 900 });
    try {
      await f.page.goto(board.links.facilitator);
      await waitForStatus(f.page, 'connected');
      // The phone sees Fay first (a summon counts only after the first sight of her counter).
      await page.waitForFunction((id) => !!document.querySelector(`[data-testid=avatar][data-user-id="${id}"]`), fay.id);
      await f.page.click('[data-testid=summon]');
      await page.waitForSelector('[data-testid=phone-tab-board][aria-pressed=true]', { timeout: 5000 });
      await page.waitForSelector('[data-testid=board-canvas]', { state: 'visible' });
      await page.waitForSelector('[data-testid=following-banner]');
    } finally {
      await f.context.close();
    }
  });

  it('edits a card someone else wrote, from the outline and from the bar, as on a laptop', async () => {
    const { page } = p;
    const before = (await cardIds(page)).length;
    const other = joinBoard(rig.server.url, board.id, board.tokens.editor);
    await other.synced;
    const theirs = addCard(other.board, { kind: 'problem', x: 0, y: 400, text: 'Parents park on the cycle lane', authorId: 'ola', authorName: 'Ola' });
    await waitForCardCount(page, before + 1);
    other.destroy();
    const textOf = (id: string) =>
      page.evaluate(
        (cardId) =>
          String(
            (window.__benchlearn!.board.content as { getMap(n: string): { get(id: string): { get(k: string): unknown } | undefined } })
              .getMap('cards')
              .get(cardId)
              ?.get('text'),
          ),
        id,
      );
    const saveText = async (text: string) => {
      await page.waitForSelector('[data-testid=card-form]');
      await page.fill('textarea[name=text]', text);
      await page.tap('[data-testid=card-form-save]');
      await page.waitForSelector('[data-testid=card-form]', { state: 'detached' });
    };
    await page.tap('[data-testid=phone-tab-outline]');
    await page.tap(`[data-testid=outline-card][data-card-id="${theirs}"] [data-testid=outline-card-edit]`);
    await saveText('Parents park on the cycle lane at 8:15');
    expect(await textOf(theirs)).toBe('Parents park on the cycle lane at 8:15');
    // On the board: tap the card, then Edit in the bar.
    await page.tap('[data-testid=phone-tab-board]');
    await page.waitForSelector('[data-testid=board-canvas]', { state: 'visible' });
    const centre = await cardCentreOnPage(page, theirs);
    await page.touchscreen.tap(centre.x, centre.y);
    await page.waitForSelector('[data-testid=phone-edit]');
    // Edit and Delete join the bar, which still fits the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (process.env.FIRST_MINUTE_SHOTS) await page.screenshot({ path: `${process.env.FIRST_MINUTE_SHOTS}/phone-edit-390x844.png` });
    await page.tap('[data-testid=phone-edit]');
    await saveText('School street from September');
    expect(await textOf(theirs)).toBe('School street from September');
  });

  it('the session bar stays one line of at most 64 px, its timer large enough to read', async () => {
    const { page } = p;
    const fac = joinBoard(rig.server.url, board.id, board.tokens.facilitator);
    await fac.synced;
    setAgenda(fac.board, benchlearningAgenda('en'));
    goToPhase(fac.board, 1);
    setTimer(fac.board, 10 * 60_000);
    startTimer(fac.board, Date.now());
    startVoting(fac.board, { kinds: ['problem', 'lesson'], dots: 3, stack: false });
    try {
      await page.waitForSelector('[data-testid=timer][data-state=running]');
      await page.waitForSelector('[data-testid=dots-left][data-left="3"]');
      const bar = (await page.locator('[data-testid=session-bar]').boundingBox())!;
      expect(bar.height).toBeLessThanOrEqual(64);
      const sizes = await page.evaluate(() => {
        const px = (selector: string) => parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize);
        const phase = document.querySelector('[data-testid=agenda-phase]')!.getBoundingClientRect();
        const timer = document.querySelector('[data-testid=timer]')!.getBoundingClientRect();
        return { timer: px('[data-testid=timer]'), body: px('body'), sameLine: Math.abs(phase.top + phase.height / 2 - (timer.top + timer.height / 2)) < 8 };
      });
      expect(sizes.timer).toBeGreaterThanOrEqual(22);
      expect(sizes.timer).toBeGreaterThan(sizes.body);
      expect(sizes.sameLine).toBe(true);
      expect(await page.textContent('[data-testid=agenda-phase]')).toContain('Collect problems');
      if (process.env.FIRST_MINUTE_SHOTS) await page.screenshot({ path: `${process.env.FIRST_MINUTE_SHOTS}/phone-session-390x844.png` });
      // The notes are one tap away, and fold back.
      expect(await page.isVisible('[data-testid=session-details]')).toBe(false);
      await page.tap('[data-testid=session-details-toggle]');
      expect(await page.textContent('[data-testid=session-details]')).toContain('Add now: Problems, Notes');
      await page.tap('[data-testid=session-details-toggle]');
      await page.waitForSelector('[data-testid=session-details]', { state: 'detached' });
    } finally {
      clearVoting(fac.board);
      clearTimer(fac.board);
      clearAgenda(fac.board);
      fac.destroy();
    }
  });
});
