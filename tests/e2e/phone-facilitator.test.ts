import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { waitForStatus } from '../support/board';
import type { Person } from '../support/browser';
import { serverAndBrowser } from '../support/rig';
import { ownRegion, waitForViewCentredOn } from '../support/workshop';

const fay = { id: 'fay-0000000000000000001', name: 'Fay', color: '#8e24aa' };
const pia = { id: 'pia-0000000000000000004', name: 'Pia', color: '#3949ab' };
const vic = { id: 'vic-0000000000000000003', name: 'Vic', color: '#f4511e' };

/** What only a facilitator may do, by test id: in "More" on a phone, in the row or "More" on a desktop. */
const FACILITATOR_ONLY = ['more-rename', 'rename-board', 'lock-toggle', 'present-toggle', 'summon'];

interface Phone {
  context: BrowserContext;
  page: Page;
}

/** A phone (as the other phone tests make one) with its person's name chosen, on `link`. */
async function phone(rig: ReturnType<typeof serverAndBrowser>, person: Person, link: string): Promise<Phone> {
  const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
  await context.addInitScript((identity) => window.localStorage.setItem('benchlearn:identity', JSON.stringify(identity)), person);
  const page = await context.newPage();
  await page.goto(link);
  await waitForStatus(page, 'connected');
  await page.waitForSelector('[data-testid=phone-bar]');
  return { context, page };
}

/** Opens the header's "More" and taps the item `testId`. */
async function fromMore(page: Page, testId: string): Promise<void> {
  await page.tap('[data-testid=more-button]');
  await page.waitForSelector('[data-testid=more-menu]');
  await page.tap(`[data-testid=more-menu] [data-testid="${testId}"]`);
  await page.waitForSelector('[data-testid=more-menu]', { state: 'detached' });
}

/** Whether `page` sees Fay's presence presenting, as the projector does. */
async function seesPresenting(page: Page, userId: string, presenting: boolean): Promise<void> {
  await page.waitForFunction(
    ({ id, on }) => {
      type State = { user?: { id?: string }; presenting?: boolean };
      const awareness = window.__benchlearn?.awareness as { getStates(): Map<number, State> } | undefined;
      const states = [...(awareness?.getStates().values() ?? [])].filter((state) => state.user?.id === id);
      return states.length > 0 && states.some((state) => state.presenting === true) === on;
    },
    { id: userId, on: presenting },
  );
}

/** A one-finger swipe on the canvas (a pan), as a phone sends it. */
async function swipe(page: Page, dx: number, dy: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const box = (await page.locator('[data-testid=board-canvas]').boundingBox())!;
  const at = (x: number, y: number) => [{ x: box.x + x, y: box.y + y, id: 0 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(200, 300) });
  for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(200 + (dx * i) / 5, 300 + (dy * i) / 5) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe('a facilitator on a phone renames, locks, presents and brings everyone from “More”', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  let f: Phone;
  let e: Phone;

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'Regional benchlearning', template: 'benchlearning', locale: 'en' });
    f = await phone(rig, fay, board.links.facilitator);
    e = await phone(rig, pia, board.links.editor);
  });

  afterAll(async () => {
    await f?.context.close();
    await e?.context.close();
  });

  it('the phone header is one row: the title, “More” with the facilitator’s actions, all inside the screen', async () => {
    const layout = await f.page.evaluate(() => {
      const box = (selector: string) => {
        const r = document.querySelector(selector)!.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      return { header: box('header.page-header'), title: box('[data-testid=board-title]'), more: box('[data-testid=more-button]') };
    });
    expect(layout.title.width).toBeGreaterThanOrEqual(120);
    expect(layout.more.x + layout.more.width).toBeLessThanOrEqual(390);
    expect(layout.more.y).toBeGreaterThanOrEqual(layout.header.y);
    expect(layout.more.y + layout.more.height).toBeLessThanOrEqual(layout.header.y + layout.header.height);

    await f.page.tap('[data-testid=more-button]');
    const menu = f.page.locator('[data-testid=more-menu]');
    await menu.waitFor();
    for (const testId of ['more-rename', 'lock-toggle', 'present-toggle', 'summon']) {
      const item = menu.locator(`[data-testid="${testId}"]`);
      expect(await item.isVisible(), testId).toBe(true);
      expect(await item.getAttribute('role')).toBe('menuitem');
    }
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // A tap elsewhere closes it.
    await f.page.tap('[data-testid=board-title]');
    await menu.waitFor({ state: 'detached' });
  });

  it('renames the board in a sheet: everyone sees the new title', async () => {
    await fromMore(f.page, 'more-rename');
    await f.page.waitForSelector('[data-testid=rename-sheet]');
    expect(await f.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('board-title-input');
    await f.page.fill('[data-testid=board-title-input]', 'Regional benchlearning, day 2');
    await f.page.tap('[data-testid=board-title-save]');
    await f.page.waitForSelector('[data-testid=rename-sheet]', { state: 'detached' });
    for (const page of [f.page, e.page]) {
      await page.waitForFunction(() => document.querySelector('[data-testid=board-title]')?.textContent === 'Regional benchlearning, day 2');
    }
  });

  it('locks the board: the editor’s phone says so and can no longer add cards; unlocking gives it back', async () => {
    expect(await e.page.isVisible('[data-testid=phone-add-card]')).toBe(true);
    await fromMore(f.page, 'lock-toggle');
    await e.page.waitForSelector('[data-testid=locked-banner]');
    await e.page.waitForSelector('[data-testid=read-only-badge]');
    await e.page.waitForSelector('[data-testid=phone-add-card]', { state: 'detached' });
    await f.page.waitForSelector('[data-testid=locked-banner]');

    await f.page.tap('[data-testid=more-button]');
    expect(await f.page.textContent('[data-testid=more-menu] [data-testid=lock-toggle]')).toBe('Unlock');
    await f.page.tap('[data-testid=more-menu] [data-testid=lock-toggle]');
    await e.page.waitForSelector('[data-testid=locked-banner]', { state: 'detached' });
    await e.page.waitForSelector('[data-testid=phone-add-card]');
  });

  it('presents (the others see the presenter) and stops', async () => {
    await fromMore(f.page, 'present-toggle');
    await seesPresenting(e.page, fay.id, true);
    await f.page.tap('[data-testid=more-button]');
    expect(await f.page.textContent('[data-testid=more-menu] [data-testid=present-toggle]')).toBe('Stop presenting');
    await f.page.tap('[data-testid=more-menu] [data-testid=present-toggle]');
    await seesPresenting(e.page, fay.id, false);
  });

  it('brings everyone to their view: the editor’s phone jumps there and follows', async () => {
    await e.page.waitForFunction(() => {
      const awareness = window.__benchlearn?.awareness as { getLocalState(): { viewport?: { width: number } } | null } | undefined;
      return (awareness?.getLocalState()?.viewport?.width ?? 0) > 0;
    });
    const before = await ownRegion(e.page);
    await swipe(e.page, -120, -60);
    await e.page.waitForFunction((x) => {
      const awareness = window.__benchlearn?.awareness as { getLocalState(): { viewport?: { x: number } } | null } | undefined;
      return Math.abs((awareness?.getLocalState()?.viewport?.x ?? x) - x) > 1;
    }, before.x);

    await fromMore(f.page, 'summon');
    await e.page.waitForSelector(`[data-testid=following-banner][data-user-id="${fay.id}"]`);
    await waitForViewCentredOn(e.page, await ownRegion(f.page));
  });

  it('an editor’s and a viewer’s phone show none of the facilitator’s actions', async () => {
    const v = await phone(rig, vic, board.links.viewer);
    try {
      for (const page of [e.page, v.page]) {
        expect(await page.locator('[data-testid=more-button]').count()).toBe(0);
        for (const testId of FACILITATOR_ONLY) expect(await page.locator(`[data-testid="${testId}"]`).count(), testId).toBe(0);
      }
    } finally {
      await v.context.close();
    }
  });
});
