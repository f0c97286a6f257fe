import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { outlineLinks, waitForStatus } from '../../support/board';
import { serverAndBrowser } from '../../support/rig';
import { auditPage } from './axe';

/**
 * Presses Tab until the focused element matches `selector`, as a keyboard user goes through a
 * page; fails when it is not reached within `limit` presses (it cannot be reached at all).
 */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with ${limit} presses of Tab`);
}

/** Waits until the live region (visually hidden, so not by visibility) says `words`. */
async function says(page: Page, words: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('[data-testid=live-region]')?.textContent?.includes(expected) ?? false, words);
}

/** The card whose text is `text`, from the outline (read, not clicked). */
async function cardIdByText(page: Page, text: string): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('[data-testid=outline-card]')]
        .find((row) => row.querySelector('[data-testid=outline-card-text]')?.textContent === wanted)
        ?.getAttribute('data-card-id') ?? false,
    text,
  );
  return (await handle.jsonValue()) as string;
}

/** Adds a card with its one-key shortcut on the canvas and writes `text` into it (Enter finishes). */
async function addByKey(page: Page, key: 's' | 'p' | 'l', text: string): Promise<string> {
  await page.keyboard.press(key);
  const editor = page.locator('[data-testid=card-editor]');
  await editor.waitFor();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await editor.waitFor({ state: 'hidden' });
  return cardIdByText(page, text);
}

/** An arrow key on the canvas, and what the live region then says of the card it went to. */
async function arrow(page: Page, key: 'ArrowLeft' | 'ArrowRight', said: string): Promise<void> {
  await page.keyboard.press(key);
  await says(page, said);
}

/** The frames a card lies in, by title (the page's typed test hook over the documents). */
function framesOf(page: Page, cardId: string): Promise<string[]> {
  return page.evaluate((id) => {
    type Fields = { get(key: string): unknown };
    const hook = window.__benchlearn;
    const card = (hook?.board.content as { getMap(name: string): { get(id: string): Fields | undefined } }).getMap('cards').get(id);
    const frames = (hook?.board.control as { getMap(name: string): { forEach(fn: (f: Fields) => void): void } }).getMap('frames');
    const n = (of: Fields | undefined, key: string) => Number(of?.get(key));
    const titles: string[] = [];
    frames.forEach((f) => {
      const inside = n(card, 'x') >= n(f, 'x') && n(card, 'y') >= n(f, 'y') && n(card, 'x') + n(card, 'w') <= n(f, 'x') + n(f, 'w');
      if (inside && n(card, 'y') + n(card, 'h') <= n(f, 'y') + n(f, 'h')) titles.push(String(f.get('title')));
    });
    return titles;
  }, cardId);
}

describe('the whole flow with the keyboard only (no mouse)', () => {
  const rig = serverAndBrowser();

  it('name, create, add three kinds, edit, link, unlink, move to a frame, vote, share, export', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(rig.server.url);

    // Name yourself: the dialog asks first and has the focus.
    await page.locator('[data-testid=name-dialog]').waitFor();
    await page.keyboard.type('Kim');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=name-dialog]').waitFor({ state: 'hidden' });
    // The focus goes on to the page's work, not to its top.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.getAttribute('data-testid'));
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'title');

    // The name again from your avatar: Escape leaves it as it was, and the focus goes back to the avatar.
    await tabTo(page, '.avatar-button');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=name-dialog]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=name-dialog]').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('avatar-button'))).toBe(true);

    // Create a board (benchlearning template: Successes, Problems, Lessons).
    await tabTo(page, '[data-testid=create-board-form] input[name=title]');
    await page.keyboard.type('Keyboard only');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/b\//);
    await waitForStatus(page, 'connected');

    // Arriving on the board, the keyboard starts on the canvas. Add a success, a problem and a lesson.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'board-canvas');
    const success = await addByKey(page, 's', 'Shared rota');
    const problem = await addByKey(page, 'p', 'Volunteers drop out');
    const lesson = await addByKey(page, 'l', 'Plan cover early');

    // Edit a card's text: the arrows go to it, Enter opens its editor.
    // Reading order follows the template's columns: Successes, Problems, Lessons.
    await arrow(page, 'ArrowLeft', 'Problem, 2 of 3: Volunteers drop out');
    await arrow(page, 'ArrowLeft', 'Success, 1 of 3: Shared rota');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=card-editor]').waitFor();
    await page.keyboard.press('End');
    await page.keyboard.type(' works');
    await page.keyboard.press('Enter');
    await cardIdByText(page, 'Shared rota works');
    expect(await cardIdByText(page, 'Shared rota works')).toBe(success);

    // Link the problem to the lesson: K, type to filter, Enter; the focus is back on the canvas.
    await arrow(page, 'ArrowRight', 'Problem, 2 of 3: Volunteers drop out');
    await page.keyboard.press('k');
    await page.locator('[data-testid=link-to-list]').waitFor();
    // The list passes the audit too (WCAG 2.2 A and AA: nothing critical or serious).
    expect(await auditPage(page)).toEqual([]);
    await page.keyboard.type('cover');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=outline-link]').length === 1);
    expect((await outlineLinks(page))[0]).toMatch(new RegExp(`^${problem}>`));
    await says(page, 'You linked “Volunteers drop out” to the lesson “Plan cover early”');
    await expect.poll(focused, { timeout: 3000 }).toBe('board-canvas');

    // Unlink it the same way: the list marks the lesson as linked, Enter takes the link back.
    await page.keyboard.press('k');
    await page.locator('[data-testid=link-to-list] [data-testid=command-option]', { hasText: 'linked' }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=outline-link]').length === 0);
    await says(page, 'You took back the link');

    // Move the problem to another frame: Shift+M, the frame's name, Enter.
    expect(await framesOf(page, problem)).toEqual(['Problems']);
    await page.keyboard.press('Shift+M');
    await page.locator('[data-testid=move-to-frame-list]').waitFor();
    await page.keyboard.type('succ');
    await page.keyboard.press('Enter');
    await says(page, 'Moved to the frame “Successes”');
    expect(await framesOf(page, problem)).toEqual(['Successes']);

    // Vote: the facilitator starts a round on the lessons in the session panel, then gives the lesson a dot.
    await tabTo(page, '[data-testid=session-button]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid=vote-start]');
    await page.keyboard.press('Enter');
    await says(page, 'Voting has started');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=session-panel]').waitFor({ state: 'detached' });
    await tabTo(page, `[data-testid=outline-card][data-card-id="${lesson}"] [data-testid=outline-vote-add]`, 120);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid=outline-card][data-card-id="${lesson}"] [data-testid=outline-card-votes][data-mine="1"]`);

    // Share: the panel opens and closes from the keyboard.
    await tabTo(page, '[data-testid=share-button]', 120);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=share-panel]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=share-panel]').waitFor({ state: 'detached' });

    // Export: the lessons report downloads.
    await tabTo(page, '[data-testid=export-button]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid=server-export-md]');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toMatch(/\.md$/);
    await context.close();
  });
});
