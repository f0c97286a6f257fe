import type { Page } from 'playwright-core';
import type { CreatedBoard } from './api';

/** Opens the facilitator's session panel (idempotent). */
export async function openSessionPanel(page: Page): Promise<void> {
  if (!(await page.isVisible('[data-testid=session-panel]'))) await page.click('[data-testid=session-button]');
  await page.waitForSelector('[data-testid=session-panel]');
}

/** A card's dots as the page's outline shows them: own dots, and the total ('' while hidden); null: none shown. */
export async function outlineVotes(page: Page, cardId: string): Promise<{ mine: number; total: string } | null> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid=outline-card][data-card-id="${id}"] [data-testid=outline-card-votes]`);
    return el ? { mine: Number(el.getAttribute('data-mine')), total: el.getAttribute('data-total') ?? '' } : null;
  }, cardId);
}

/** Waits until a card's dots in the outline read as wanted (null: no dots shown). */
export async function waitForOutlineVotes(page: Page, cardId: string, want: { mine: number; total: string } | null): Promise<void> {
  await page.waitForFunction(
    ({ id, expected }) => {
      const el = document.querySelector(`[data-testid=outline-card][data-card-id="${id}"] [data-testid=outline-card-votes]`);
      if (!expected) return el === null;
      return !!el && Number(el.getAttribute('data-mine')) === expected.mine && (el.getAttribute('data-total') ?? '') === expected.total;
    },
    { id: cardId, expected: want },
  );
}

/** Card ids of one kind in the outline's order. */
export async function outlineOrder(page: Page, kind: string): Promise<string[]> {
  return page.$$eval(`[data-testid=outline-card][data-kind=${kind}]`, (items) => items.map((item) => item.getAttribute('data-card-id') ?? ''));
}

/** The seconds left on the page's timer, as its data attribute says. */
export async function timerSeconds(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid=timer]', 'data-remaining'));
}

/** Names of the board's snapshots, through the API (facilitator). */
export async function snapshotNames(baseUrl: string, board: CreatedBoard): Promise<string[]> {
  const res = await fetch(`${baseUrl}/api/boards/${board.id}/snapshots`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
  if (res.status !== 200) throw new Error(`GET snapshots answered ${res.status}`);
  const body = (await res.json()) as { snapshots: Array<{ name: string }> };
  return body.snapshots.map((snapshot) => snapshot.name);
}

/** The texts of the Konva Text nodes inside one card on the page's canvas. */
export async function canvasCardTexts(page: Page, cardId: string): Promise<string[]> {
  return page.evaluate((id) => {
    const card = window.__benchlearn?.stage?.findOne((node: { id(): string; hasName(name: string): boolean }) => node.id() === id && node.hasName('card'));
    if (!card) return [];
    return (card as unknown as { find(selector: string): Array<{ getClassName(): string; getAttr(name: string): unknown }> })
      .find('Text')
      .map((node) => String(node.getAttr('text') ?? ''));
  }, cardId);
}
