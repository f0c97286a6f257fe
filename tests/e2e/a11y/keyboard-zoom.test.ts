import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard } from '../../support/api';
import { addCardFromToolbar, outlineCards, outlineLinks, seedCards, typeIntoCard, waitForStatus } from '../../support/board';
import { participant } from '../../support/browser';
import { serverAndBrowser } from '../../support/rig';

/** Waits until the live region (visually hidden, so not by visibility) says `words`. */
async function saysInLiveRegion(page: Page, words: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('[data-testid=live-region]')?.textContent?.includes(expected) ?? false, words);
}

/** The phone bar's buttons are in view and nothing lies over them: a click at each one's centre reaches it. */
async function expectPhoneBarReachable(page: Page): Promise<void> {
  for (const id of ['phone-tab-board', 'phone-tab-outline', 'phone-add-card']) {
    const hit = await page.locator(`[data-testid=${id}]`).evaluate((button) => {
      const box = button.getBoundingClientRect();
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return { inView: box.bottom <= window.innerHeight && box.top >= 0, reaches: !!top && button.contains(top) };
    });
    expect(hit, id).toEqual({ inView: true, reaches: true });
  }
}

const ANN = { id: 'live-ann-000000000001', name: 'Ann', color: '#d81b60' };
const BOB = { id: 'live-bob-000000000002', name: 'Bob', color: '#3949ab' };

describe('everyone takes part: the live region, the outline by keyboard, 200% zoom', () => {
  const rig = serverAndBrowser();

  it("A's live region announces B's new card, and is quiet once A mutes it", async () => {
    const board = await createBoard(rig.server.url, { title: 'Live', template: 'blank', locale: 'en' });
    const a = await participant(rig.browser, ANN);
    const b = await participant(rig.browser, BOB);
    await Promise.all([a.page.goto(board.links.editor), b.page.goto(board.links.editor)]);
    await Promise.all([waitForStatus(a.page, 'connected'), waitForStatus(b.page, 'connected')]);
    const region = a.page.locator('[data-testid=live-region]');
    expect(await region.getAttribute('aria-live')).toBe('polite');

    const card = await addCardFromToolbar(b.page, 'problem');
    await typeIntoCard(b.page, card, 'Volunteers drop out');
    await saysInLiveRegion(a.page, 'Bob added a problem: Volunteers drop out');
    // One's own card is not announced to oneself.
    expect(await b.page.locator('[data-testid=live-region]').textContent()).toBe('');

    // Muted: remembered in this browser, and nothing more is said.
    await a.page.locator('[data-testid=announcements-toggle]').focus();
    await a.page.keyboard.press('Enter');
    expect(await a.page.evaluate(() => localStorage.getItem('benchlearn:announcements'))).toBe('off');
    await addCardFromToolbar(b.page, 'success');
    await a.page.waitForFunction(() => document.querySelectorAll('[data-testid=outline-card]').length === 2);
    await a.page.waitForTimeout(2000);
    expect(await region.textContent()).toBe('');
    await a.page.reload();
    await waitForStatus(a.page, 'connected');
    expect(await a.page.locator('[data-testid=announcements-toggle]').getAttribute('data-muted')).toBe('true');
    await a.context.close();
    await b.context.close();
  });

  it("the outline's link select browses with the arrow keys and links only on Enter", async () => {
    const board = await createBoard(rig.server.url, { title: 'Select', template: 'blank', locale: 'en' });
    const { page, context } = await participant(rig.browser, ANN);
    await page.goto(board.links.editor);
    await waitForStatus(page, 'connected');
    const problem = await addCardFromToolbar(page, 'problem');
    const lessons = [await addCardFromToolbar(page, 'lesson'), await addCardFromToolbar(page, 'lesson'), await addCardFromToolbar(page, 'lesson')];
    const select = page.locator(`[data-testid=outline-card][data-card-id="${problem}"] [data-testid=outline-link-select]`);
    await select.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(300);
    expect(await outlineLinks(page)).toEqual([]);
    const browsed = await select.inputValue();
    expect(lessons).toContain(browsed);

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=outline-link]').length === 1);
    expect(await outlineLinks(page)).toEqual([`${problem}>${browsed}`]);
    // The link is said in the live region: one's own result.
    await saysInLiveRegion(page, 'You linked');
    await context.close();
  });

  it('on the canvas, arrows go from card to card in reading order, Shift+arrows and M move it, Enter edits it', async () => {
    const board = await createBoard(rig.server.url, { title: 'Keys', template: 'benchlearning', locale: 'en' });
    // A grid: Card 0 (success) and Card 1 (problem) on the first row, Card 2 (note) below.
    const first = (await seedCards(rig.server.url, board, 3))[0]!;
    const { page, context } = await participant(rig.browser, ANN);
    await page.goto(board.links.editor);
    await waitForStatus(page, 'connected');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=outline-card]').length === 3);
    const xOf = (id: string) =>
      page.evaluate((cardId) => {
        const cards = (window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } }).getMap(
          'cards',
        );
        return cards.get(cardId)?.get('x');
      }, id);
    await page.locator('[data-testid=board-canvas]').focus();
    await page.keyboard.press('ArrowRight');
    await saysInLiveRegion(page, 'Success, 1 of 3: Card 0');
    await page.keyboard.press('ArrowRight');
    await saysInLiveRegion(page, 'Problem, 2 of 3: Card 1');
    await page.keyboard.press('ArrowDown');
    await saysInLiveRegion(page, 'Note, 3 of 3: Card 2');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    await saysInLiveRegion(page, 'Success, 1 of 3: Card 0');
    expect(await xOf(first)).toBe(0);
    await page.keyboard.press('Shift+ArrowRight');
    await page.waitForFunction(
      (cardId) =>
        (window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } })
          .getMap('cards')
          .get(cardId)
          ?.get('x') === 10,
      first,
    );
    // M: into the next frame, said in the live region; the card now lies inside that frame.
    await page.keyboard.press('m');
    await saysInLiveRegion(page, 'Moved to the frame “');
    const inFrame = await page.evaluate((cardId) => {
      const hook = window.__benchlearn;
      const frames = (hook?.board.control as { getMap(name: string): { forEach(fn: (f: { get(key: string): unknown }) => void): void } }).getMap('frames');
      const card = (hook?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } })
        .getMap('cards')
        .get(cardId);
      const n = (key: string, of: { get(key: string): unknown } | undefined) => Number(of?.get(key));
      const titles: string[] = [];
      frames.forEach((f) => {
        const inside =
          n('x', card) >= n('x', f) &&
          n('y', card) >= n('y', f) &&
          n('x', card) + n('w', card) <= n('x', f) + n('w', f) &&
          n('y', card) + n('h', card) <= n('y', f) + n('h', f);
        if (inside) titles.push(String(f.get('title')));
      });
      return titles;
    }, first);
    const said = await page.locator('[data-testid=live-region]').textContent();
    expect(inFrame).toHaveLength(1);
    expect(said).toContain(`“${inFrame[0]}”`);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=card-editor]').waitFor();
    await context.close();
  });

  it('at 200% zoom (640 x 400) the phone bar stays usable: add a card, open the outline', async () => {
    const board = await createBoard(rig.server.url, { title: 'Zoom', template: 'benchlearning', locale: 'en' });
    const { context, page } = await participant(rig.browser, ANN, 'en-US', { width: 640, height: 400 });
    await page.goto(board.links.editor);
    await waitForStatus(page, 'connected');
    const bar = page.locator('[data-testid=phone-bar]');
    await bar.waitFor();
    await expectPhoneBarReachable(page);
    // Narrow screens show the connection state by its mark only: each state has its own shape.
    expect(await page.locator('[data-testid=connection-status] .status-words').isVisible()).toBe(false);
    const shapes = await page.evaluate(() =>
      ['connected', 'connecting', 'offline'].map((status) => {
        const box = document.createElement('div');
        box.className = `connection-status status-${status}`;
        box.innerHTML = '<span class="status-dot"></span>';
        document.body.append(box);
        const style = getComputedStyle(box.firstElementChild!);
        const shape = `${style.borderRadius} ${style.borderTopWidth} ${style.backgroundColor === 'rgba(0, 0, 0, 0)' ? 'hollow' : 'filled'}`;
        box.remove();
        return shape;
      }),
    );
    expect(new Set(shapes).size).toBe(3);
    await page.click('[data-testid=phone-add-card]');
    const form = page.locator('[data-testid=card-form]');
    await form.waitFor();
    await form.locator('textarea').fill('Seen at 200%');
    await page.locator('[data-testid=card-form-save]').click();
    await form.waitFor({ state: 'hidden' });
    await page.click('[data-testid=phone-tab-outline]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=outline-card-text]')].some((el) => el.textContent === 'Seen at 200%'));
    expect((await outlineCards(page)).map((card) => card.text)).toContain('Seen at 200%');
    await context.close();
  });
  it('resize handles are at least 24 x 24 px to hit at the default zoom (WCAG 2.5.8)', async () => {
    const board = await createBoard(rig.server.url, { title: 'Handles', template: 'blank', locale: 'en' });
    const { page, context } = await participant(rig.browser, ANN);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(board.links.editor);
    await waitForStatus(page, 'connected');
    await addCardFromToolbar(page, 'success');
    // Every anchor of the selected card's handles answers a hit 12 px from its centre, each way.
    const misses = await page.waitForFunction(() => {
      type Shape = { name(): string; visible(): boolean; getClientRect(): { x: number; y: number; width: number; height: number } };
      type Stage = { find(selector: string): Shape[]; getIntersection(point: { x: number; y: number }): Shape | null };
      const stage = window.__benchlearn?.stage as unknown as Stage | null | undefined;
      const anchors = stage?.find('._anchor').filter((anchor) => anchor.visible()) ?? [];
      if (!stage || anchors.length !== 8) return false;
      const missed: string[] = [];
      for (const anchor of anchors) {
        const box = anchor.getClientRect();
        const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        for (const [dx, dy] of [
          [-12, -12],
          [12, -12],
          [-12, 12],
          [12, 12],
        ] as const) {
          if (stage.getIntersection({ x: centre.x + dx, y: centre.y + dy }) !== anchor) missed.push(`${anchor.name()} ${dx},${dy}`);
        }
      }
      return missed;
    });
    expect(await misses.jsonValue()).toEqual([]);
    await context.close();
  });

  it('at 400% zoom (320 x 200) the phone bar stays usable, and a tap makes the new card bigger', async () => {
    const board = await createBoard(rig.server.url, { title: 'Zoom 400', template: 'benchlearning', locale: 'en' });
    const { context, page } = await participant(rig.browser, ANN, 'en-US', { width: 320, height: 200 });
    await page.goto(board.links.editor);
    await waitForStatus(page, 'connected');
    await expectPhoneBarReachable(page);
    await page.click('[data-testid=phone-add-card]');
    const form = page.locator('[data-testid=card-form]');
    await form.locator('textarea').fill('Seen at 400%');
    await page.locator('[data-testid=card-form-save]').click();
    await form.waitFor({ state: 'hidden' });
    // The new card is selected: its commands are one tap each (no drag on a phone).
    const widthOf = () =>
      page.evaluate(() => {
        const widths: number[] = [];
        const content = window.__benchlearn?.board.content as { getMap(name: string): { forEach(fn: (card: { get(key: string): unknown }) => void): void } };
        const cards = content.getMap('cards');
        cards.forEach((card) => widths.push(Number(card.get('w'))));
        return widths[0] ?? 0;
      });
    const before = await widthOf();
    await page.locator('[data-testid=selection-tools] [data-testid=card-bigger]').click();
    await expect.poll(widthOf).toBeGreaterThan(before);
    await page.click('[data-testid=phone-tab-outline]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=outline-card-text]')].some((el) => el.textContent === 'Seen at 400%'));
    await context.close();
  });
});
