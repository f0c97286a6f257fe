import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { participant } from '../support/browser';
import { canvasBox, canvasIds, cardCentreOnPage, seedCards, waitForStatus } from '../support/board';
import { serverAndBrowser } from '../support/rig';

const ann = { id: 'ann-0000000000000000001', name: 'Ann', color: '#e91e63' };
const CARDS = 1000;

/** Ids of the links a page's doc holds. */
const linkIds = (page: Page) =>
  page.evaluate(() => {
    const ids: string[] = [];
    (window.__benchlearn?.board.content as { getMap(name: string): { forEach(fn: (link: unknown, id: string) => void): void } } | undefined)
      ?.getMap('links')
      .forEach((_link, id) => ids.push(id));
    return ids.sort();
  });

/** Cards a page's doc holds. */
const cardCount = (page: Page) =>
  page.evaluate(() => (window.__benchlearn?.board.content as { getMap(name: string): { size: number } } | undefined)?.getMap('cards').size ?? 0);

describe('a big board: the canvas in low detail, the outline windowed', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  let a: Page;
  let ids: string[] = [];

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'A year of sessions', template: 'blank', locale: 'en' });
    ids = await seedCards(rig.server.url, board, CARDS);
    a = (await participant(rig.browser, ann)).page;
    await a.goto(board.links.editor);
    await waitForStatus(a, 'connected');
    // A board opens readable on its top-left corner; the whole board is one action away.
    await a.waitForFunction(() => (window.__benchlearn?.drawnCards?.().length ?? 0) > 0);
    await a.click('[data-testid=zoom-fit]');
    await a.waitForFunction((n) => (window.__benchlearn?.drawnCards?.().length ?? 0) >= n, CARDS);
  });

  it('fitted to the whole board, every card is painted by one low-detail shape and none has a node of its own', async () => {
    expect(await cardCount(a)).toBe(CARDS);
    expect(await a.evaluate(() => window.__benchlearn?.stage?.find('.cards-lod').length)).toBe(1);
    expect(await canvasIds(a, 'card')).toEqual([]);
  });

  it('the outline renders only rows near its view, each telling its place in the whole list', async () => {
    const rows = await a.$$eval('[data-testid=outline-card]', (items) =>
      items.map((item) => [item.getAttribute('aria-posinset'), item.getAttribute('aria-setsize')]),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    // Lessons come first: a quarter of the cards.
    expect(rows[0]).toEqual(['1', String(CARDS / 4)]);
  });

  it('a click on a card drawn by the shape selects it (its node and its outline row appear); a double click edits it', async () => {
    const id = ids[CARDS - 1]!; // the last card, far down the outline
    const at = await cardCentreOnPage(a, id);
    await a.mouse.click(at.x, at.y);
    await a.waitForSelector(`[data-testid=outline-card][data-card-id="${id}"] .outline-card-main[aria-pressed=true]`);
    await a.waitForFunction((cardId) => !!window.__benchlearn?.stage?.find('.card').some((node) => node.id() === cardId), id);
    expect(await canvasIds(a, 'card')).toEqual([id]);
    await a.mouse.dblclick(at.x, at.y);
    await a.locator('[data-testid=card-editor]').waitFor({ state: 'visible' });
    await a.keyboard.press('Escape');
    await a.locator('[data-testid=card-editor]').waitFor({ state: 'hidden' });
  });

  it('a drag on a card drawn by the shape moves it, in board units', async () => {
    const id = ids[CARDS / 2 + 16]!; // mid-board, clear of the toolbar over the canvas' top
    const before = await a.evaluate(
      (cardId) =>
        (window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } })
          .getMap('cards')
          .get(cardId)
          ?.get('x') as number,
      id,
    );
    const scale = await a.evaluate(() => (window.__benchlearn?.stage as unknown as { scaleX(): number }).scaleX());
    const at = await cardCentreOnPage(a, id);
    await a.mouse.move(at.x, at.y);
    await a.mouse.down();
    await a.mouse.move(at.x + 30, at.y, { steps: 5 });
    await a.mouse.up();
    await a.waitForFunction(
      ({ cardId, want }) =>
        Math.abs(
          ((window.__benchlearn?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } })
            .getMap('cards')
            .get(cardId)
            ?.get('x') as number) - want,
        ) <= 1,
      { cardId: id, want: before + Math.round(30 / scale) },
    );
  });

  it('hovering a card drawn by the shape shows its link handle; dragging it onto a lesson links them', async () => {
    const from = ids[CARDS / 2 + 20]!; // a success (kinds take turns: success, problem, note, lesson)
    const to = ids[CARDS / 2 + 23]!; // a lesson on the same row
    const at = await cardCentreOnPage(a, from);
    await a.mouse.move(at.x, at.y, { steps: 3 });
    await a.waitForFunction((id) => !!window.__benchlearn?.stage?.find('.link-handle').some((node) => node.id() === `link-handle-${id}`), from);
    const handle = await canvasBox(a, `link-handle-${from}`);
    const target = await cardCentreOnPage(a, to);
    // Straight onto the handle: fitted to the whole board a card is a few pixels across, and the
    // way there crosses its neighbour, which then takes the hover (and the handle) over.
    await a.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await a.mouse.down();
    await a.mouse.move(target.x, target.y, { steps: 8 });
    await a.mouse.up();
    // In the document (the outline shows it under the lesson's row once that row is scrolled to).
    await a.waitForFunction(
      ({ f, t }) => {
        const links = (
          window.__benchlearn?.board.content as { getMap(name: string): { forEach(fn: (link: { get(key: string): unknown }) => void): void } }
        ).getMap('links');
        let found = false;
        links.forEach((link) => (found ||= link.get('from') === f && link.get('to') === t));
        return found;
      },
      { f: from, t: to },
    );
  });

  it('a click on a link drawn by the low-detail path selects it; Delete then removes that link only', async () => {
    // A success in the second last row and a lesson in the last, short row: half way between
    // them the link crosses the empty end of that row, clear of every card.
    const from = ids[CARDS - 20]!;
    const to = ids[CARDS - 1]!;
    const a1 = await cardCentreOnPage(a, from);
    const b1 = await cardCentreOnPage(a, to);
    await a.click('[data-testid=link-tool]');
    await a.mouse.click(a1.x, a1.y);
    await a.mouse.click(b1.x, b1.y);
    const link = `${from}>${to}`;
    await a.waitForFunction(
      (id) => (window.__benchlearn?.board.content as { getMap(name: string): { has(id: string): boolean } }).getMap('links').has(id),
      link,
    );
    await a.click('[data-testid=link-tool]');
    const before = await linkIds(a);
    expect(before).toContain(link);
    // A click on empty space clears the selection (the new link was selected).
    // (Below the card of the second last row's column 28: the last row ends at column 7.)
    const above = await cardCentreOnPage(a, ids[CARDS - 12]!);
    const scale = await a.evaluate(() => (window.__benchlearn?.stage as unknown as { scaleX(): number }).scaleX());
    await a.mouse.click(above.x, above.y + 180 * scale);
    await a.locator('[data-testid=delete-selection]:disabled').waitFor();
    expect(await a.evaluate(() => window.__benchlearn?.stage?.find('.links-lod').length)).toBe(1);
    // The middle of the link: the cards' centres are on its line.
    await a.mouse.click((a1.x + b1.x) / 2, (a1.y + b1.y) / 2);
    await a.locator('[data-testid=delete-selection]:enabled').waitFor();
    await a.waitForFunction((id) => !!window.__benchlearn?.stage?.find('.link').some((node) => node.id() === id), link);
    await a.keyboard.press('Delete');
    await a.waitForFunction(
      (id) => !(window.__benchlearn?.board.content as { getMap(name: string): { has(id: string): boolean } }).getMap('links').has(id),
      link,
    );
    expect(await linkIds(a)).toEqual(before.filter((id) => id !== link));
    expect(await cardCount(a)).toBe(CARDS);
  });
});
