import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { addCardFromToolbar, onScreenBox, typeIntoCard, waitForStatus } from '../support/board';
import { participant } from '../support/browser';
import { canvasCardTexts, openSessionPanel, outlineOrder, outlineVotes, snapshotNames, timerSeconds, waitForOutlineVotes } from '../support/session';
import { facilitator } from '../support/workshop';
import { serverAndBrowser } from '../support/rig';

const fay = { id: 'fay-0000000000000000011', name: 'Fay', color: '#8e24aa' };
const eve = { id: 'eve-0000000000000000012', name: 'Eve', color: '#00897b' };

/** The Konva text of a card's vote badge on the page's canvas, or null without one. */
function canvasVotes(page: Page, cardId: string): Promise<string | null> {
  return page.evaluate((id) => {
    const badge = window.__benchlearn?.stage?.findOne((node) => node.id() === `votes-${id}`) as unknown as
      { findOne(selector: string): { getAttr(name: string): unknown } | undefined } | undefined;
    const text = badge?.findOne('.card-votes-text')?.getAttr('text');
    return text === undefined ? null : String(text);
  }, cardId);
}

/** A card's body text and its vote badge's count on screen, in CSS px (font size × the node's scale). */
function textSizesOnScreen(page: Page, cardId: string): Promise<[number, number]> {
  return page.evaluate((id) => {
    type Text = { fontSize(): number; getAbsoluteScale(): { y: number } };
    type Node = { findOne(selector: string): Text | undefined };
    const stage = window.__benchlearn?.stage;
    const card = stage?.findOne((node) => node.id() === id) as unknown as Node | undefined;
    const badge = stage?.findOne((node) => node.id() === `votes-${id}`) as unknown as Node | undefined;
    const size = (text: Text | undefined) => (text ? text.fontSize() * text.getAbsoluteScale().y : 0);
    return [size(card?.findOne('.card-text')), size(badge?.findOne('.card-votes-text'))] as [number, number];
  }, cardId);
}

describe('running a workshop session: votes, timer, agenda, anonymity, finding cards', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  let f: Page;
  let e: Page;
  const lessons: string[] = [];

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'Session board', template: 'benchlearning', locale: 'en' });
    f = (await facilitator(rig.browser, fay, board)).page;
    e = (await participant(rig.browser, eve)).page;
    await Promise.all([f.goto(board.links.facilitator), e.goto(board.links.editor)]);
    await Promise.all([waitForStatus(f, 'connected'), waitForStatus(e, 'connected')]);
    for (const text of ['Share the backlog early', 'Pair new staff', 'Visit each other']) {
      const id = await addCardFromToolbar(e, 'lesson');
      await typeIntoCard(e, id, text);
      lessons.push(id);
    }
    await f.waitForFunction((n) => document.querySelectorAll('[data-testid=outline-card][data-kind=lesson]').length === n, lessons.length);
  });

  it('dot voting: dots counted per person, hidden until the facilitator reveals them, then counts on the cards and the outline sorted', async () => {
    const [a, b, c] = lessons as [string, string, string];
    await openSessionPanel(f);
    await f.fill('[data-testid=vote-dots]', '2');
    await f.click('[data-testid=vote-start]');
    await f.click('[data-testid=session-button]');
    await e.waitForSelector('[data-testid=dots-left][data-left="2"]');

    // Eve: a dot on B from the outline, a second on B is refused (no stacking), one on C with its "+ dot".
    await e.click(`[data-testid=outline-card][data-card-id="${b}"] [data-testid=outline-vote-add]`);
    await e.waitForSelector('[data-testid=dots-left][data-left="1"]');
    await e.click(`[data-testid=outline-card][data-card-id="${b}"] [data-testid=outline-vote-add]`);
    await e.waitForSelector('[data-testid=vote-message]');
    const boxC = await onScreenBox(e, c);
    await e.mouse.click(boxC.x + boxC.width / 2, boxC.y + boxC.height / 2);
    // A click selects the card and shows its vote buttons; it spends no dot by surprise.
    await e.waitForSelector(`[data-testid=card-vote][data-card-id="${c}"][data-mine="0"]`);
    expect(await e.getAttribute('[data-testid=dots-left]', 'data-left')).toBe('1');
    await e.click(`[data-testid=card-vote][data-card-id="${c}"] [data-testid=card-vote-add]`);
    await e.waitForSelector('[data-testid=dots-left][data-left="0"]');
    await e.waitForSelector(`[data-testid=card-vote][data-card-id="${c}"][data-mine="1"]`);
    await waitForOutlineVotes(e, b, { mine: 1, total: '' });
    await waitForOutlineVotes(e, c, { mine: 1, total: '' });
    expect(await canvasVotes(e, c)).toBe('1');
    // The badge reads at least as large as the card's body text, at the zoom the board opened at.
    const [body, badge] = await textSizesOnScreen(e, c);
    expect(body).toBeGreaterThanOrEqual(14);
    expect(badge).toBeGreaterThanOrEqual(body);

    // Fay puts both her dots on B; she sees only her own, not Eve's.
    await f.click(`[data-testid=outline-card][data-card-id="${b}"] [data-testid=outline-vote-add]`);
    const boxA = await onScreenBox(f, a);
    await f.mouse.click(boxA.x + boxA.width / 2, boxA.y + boxA.height / 2);
    // The "+ dot" is the next stop after the canvas for the keyboard ("− dot" waits for a dot of hers).
    await f.waitForSelector(`[data-testid=card-vote][data-card-id="${a}"]`);
    if (process.env.VOTE_SHOT) await f.screenshot({ path: process.env.VOTE_SHOT });
    await f.keyboard.press('Tab');
    expect(await f.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('card-vote-add');
    await f.keyboard.press('Enter');
    await f.waitForSelector('[data-testid=dots-left][data-left="0"]');
    await waitForOutlineVotes(f, b, { mine: 1, total: '' });
    expect(await outlineVotes(f, c)).toBeNull();
    expect(await canvasVotes(f, c)).toBeNull();
    // Eve still sees only her own dots on B.
    await waitForOutlineVotes(e, a, null);
    expect(await outlineVotes(e, b)).toEqual({ mine: 1, total: '' });
    // "− dot" beside the card takes a dot back, and so does Alt+click.
    await e.click(`[data-testid=card-vote][data-card-id="${c}"] [data-testid=card-vote-remove]`);
    await e.waitForSelector('[data-testid=dots-left][data-left="1"]');
    await e.click(`[data-testid=outline-card][data-card-id="${c}"] [data-testid=outline-vote-add]`);
    await e.waitForSelector('[data-testid=dots-left][data-left="0"]');
    await e.keyboard.down('Alt');
    await e.mouse.click(boxC.x + boxC.width / 2, boxC.y + boxC.height / 2);
    await e.keyboard.up('Alt');
    await e.waitForSelector('[data-testid=dots-left][data-left="1"]');
    await e.click(`[data-testid=outline-card][data-card-id="${c}"] [data-testid=outline-vote-add]`);
    await e.waitForSelector('[data-testid=dots-left][data-left="0"]');

    await openSessionPanel(f);
    await f.click('[data-testid=vote-reveal]');
    await waitForOutlineVotes(e, b, { mine: 1, total: '2' });
    await waitForOutlineVotes(e, a, { mine: 0, total: '1' });
    await waitForOutlineVotes(f, c, { mine: 0, total: '1' });
    await e.waitForFunction((id) => !!window.__benchlearn?.stage?.findOne((node) => node.id() === `votes-${id}`), b);
    expect(await canvasVotes(e, b)).toBe('2');
    // Most votes first; ties keep the board's reading order.
    const order = await outlineOrder(f, 'lesson');
    expect(order[0]).toBe(b);
    expect(await outlineOrder(e, 'lesson')).toEqual(order);

    // End: no more dots. Clear: every dot goes.
    await f.click('[data-testid=vote-end]');
    await e.waitForSelector('[data-testid=voting-status][data-open=false]');
    expect(await e.locator('[data-testid=outline-vote-add]').count()).toBe(0);
    await f.click('[data-testid=vote-clear]');
    await e.waitForSelector('[data-testid=voting-status]', { state: 'detached' });
    await waitForOutlineVotes(e, b, null);
    await f.click('[data-testid=session-button]');
  });

  it('the timer shows the same time on two clients and the projector, pauses for everyone, and signals zero', async () => {
    const projector = await (await rig.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await projector.goto(`${rig.server.url}/b/${board.id}/present#token=${board.tokens.viewer}`);
    await openSessionPanel(f);
    await f.fill('[data-testid=timer-minutes]', '5');
    await f.click('[data-testid=timer-set]');
    await f.click('[data-testid=timer-start]');
    await Promise.all([e, projector].map((page) => page.waitForSelector('[data-testid=timer][data-state=running]')));
    const [onF, onE, onProjector] = await Promise.all([timerSeconds(f), timerSeconds(e), timerSeconds(projector)]);
    expect(onF).toBeGreaterThan(290);
    expect(onF).toBeLessThanOrEqual(300);
    expect(Math.abs(onF - onE)).toBeLessThanOrEqual(1);
    expect(Math.abs(onF - onProjector)).toBeLessThanOrEqual(1);

    await f.click('[data-testid=timer-pause]');
    await e.waitForSelector('[data-testid=timer][data-state=paused]');
    await f.waitForTimeout(1200);
    expect(Math.abs((await timerSeconds(e)) - (await timerSeconds(f)))).toBeLessThanOrEqual(1);

    // A short one runs out: every screen flashes "time is up".
    await f.fill('[data-testid=timer-minutes]', '0.02');
    await f.click('[data-testid=timer-set]');
    await f.click('[data-testid=timer-start]');
    await Promise.all([e, projector].map((page) => page.waitForSelector('[data-testid=timer][data-state=done][data-remaining="0"]', { timeout: 10_000 })));
    await f.click('[data-testid=timer-reset]');
    await e.waitForSelector('[data-testid=timer][data-state=paused]');
    await f.click('[data-testid=session-button]');
    await projector.context().close();
  });

  it('the agenda: a phase restricts the kinds people may add, and ending it takes a named snapshot', async () => {
    await openSessionPanel(f);
    await f.click('[data-testid=agenda-use-benchlearning]');
    await f.click('[data-testid=agenda-next]');
    await e.waitForSelector('[data-testid=agenda-phase][data-index="0"]');
    expect(await e.textContent('[data-testid=agenda-phase]')).toContain('Collect successes');
    await e.waitForSelector('[data-testid=add-problem]:disabled');
    expect(await e.isEnabled('[data-testid=add-success]')).toBe(true);
    expect(await e.isDisabled('[data-testid=add-lesson]')).toBe(true);
    // The facilitator steers: not restricted.
    expect(await f.isEnabled('[data-testid=add-problem]')).toBe(true);

    await f.click('[data-testid=agenda-next]');
    await e.waitForSelector('[data-testid=agenda-phase][data-index="1"]');
    await e.waitForSelector('[data-testid=add-success]:disabled');
    expect(await e.isEnabled('[data-testid=add-problem]')).toBe(true);
    await expect.poll(() => snapshotNames(rig.server.url, board), { timeout: 10_000 }).toContain('End of phase: Collect successes');
    await f.click('[data-testid=agenda-clear]');
    await e.waitForSelector('[data-testid=add-success]:enabled');
    await f.click('[data-testid=session-button]');
  });

  it('anonymous mode: names of older cards are hidden everywhere, new cards are written without one', async () => {
    const [a] = lessons as [string];
    expect(await f.textContent(`[data-testid=outline-card][data-card-id="${a}"] [data-testid=outline-card-author]`)).toBe('Eve');
    expect((await canvasCardTexts(f, a)).join(' ')).toContain('Eve');
    await openSessionPanel(f);
    await f.click('[data-testid=anonymous-toggle]');
    await e.waitForSelector('[data-testid=anonymous-badge]');
    for (const page of [f, e]) {
      await page.waitForFunction(
        (id) => document.querySelector(`[data-testid=outline-card][data-card-id="${id}"] [data-testid=outline-card-author]`)?.textContent !== 'Eve',
        a,
      );
      expect((await canvasCardTexts(page, a)).join(' ')).not.toContain('Eve');
    }
    const fresh = await addCardFromToolbar(e, 'note');
    const written = await e.evaluate((id) => {
      const doc = window.__benchlearn?.board.content as { getMap(name: string): { get(key: string): { get(key: string): unknown } | undefined } };
      const card = doc.getMap('cards').get(id);
      return { name: card?.get('authorName'), author: card?.get('authorId') };
    }, fresh);
    expect(written.name).toBe('');
    expect(written.author).not.toBe(eve.id);
    // The reports the server makes leave names out too.
    const md = await (await fetch(`${rig.server.url}/api/boards/${board.id}/export?format=md&token=${board.tokens.viewer}`)).text();
    expect(md).toContain('Share the backlog early');
    expect(md).not.toContain('Eve');
    await f.click('[data-testid=anonymous-toggle]');
    await e.waitForSelector('[data-testid=anonymous-badge]', { state: 'detached' });
    await f.click('[data-testid=session-button]');
  });

  it('finding things: an organisation on a card, search highlights and lists matches, a filter by organisation', async () => {
    const [a, b] = lessons as [string, string];
    await e.click(`[data-testid=outline-card][data-card-id="${a}"] .outline-card-main`);
    await e.fill('[data-testid=card-org-input]', 'Gemeente Utrecht');
    await e.press('[data-testid=card-org-input]', 'Enter');
    await f.waitForSelector(`[data-testid=outline-card][data-card-id="${a}"] [data-testid=outline-card-org]`);

    await f.fill('[data-testid=find-input]', 'backlog');
    await f.waitForSelector('[data-testid=find-count][data-count="1"]');
    expect(await f.$$eval('[data-testid=outline-card]', (items) => items.map((item) => item.getAttribute('data-card-id')))).toEqual([a]);
    expect(await f.textContent(`[data-testid=outline-card][data-card-id="${a}"] [data-testid=outline-match]`)).toBe('backlog');
    const highlighted = await f.evaluate(() =>
      (window.__benchlearn?.stage?.find('.card-highlight') ?? []).map((node) => (node as unknown as { getParent(): { id(): string } }).getParent().id()),
    );
    expect(highlighted).toEqual([a]);

    await f.fill('[data-testid=find-input]', '');
    await f.selectOption('[data-testid=find-org]', 'Gemeente Utrecht');
    await f.waitForSelector('[data-testid=find-count][data-count="1"]');
    expect(await f.$$eval('[data-testid=outline-card]', (items) => items.map((item) => item.getAttribute('data-card-id')))).toEqual([a]);
    await f.click(`[data-testid=find-kind-lesson]`);
    await f.selectOption('[data-testid=find-org]', '');
    await f.waitForSelector(`[data-testid=outline-card][data-card-id="${b}"]`);
    expect(await f.locator('[data-testid=outline-card][data-kind=note]').count()).toBe(0);
  });
});
