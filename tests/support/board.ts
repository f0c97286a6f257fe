import type { Page } from 'playwright-core';
import { addCard } from '@benchlearn/shared';
import { joinBoard } from './sync';

export interface OutlineCard {
  id: string;
  kind: string;
  text: string;
}

/** Every card in the outline, as the page shows it. */
export async function outlineCards(page: Page): Promise<OutlineCard[]> {
  return page.$$eval('[data-testid=outline-card]', (items) =>
    items.map((item) => ({
      id: item.getAttribute('data-card-id') ?? '',
      kind: item.getAttribute('data-kind') ?? '',
      text: item.querySelector('[data-testid=outline-card-text]')?.textContent ?? '',
    })),
  );
}

/** The cards linked under each lesson in the outline, as `from>to` ids. */
export async function outlineLinks(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=outline-link]', (items) => items.map((item) => `${item.getAttribute('data-from')}>${item.getAttribute('data-to')}`).sort());
}

/** Ids of the Konva nodes with this name on the page's stage (cards, links, cursors). */
export async function canvasIds(page: Page, name: 'card' | 'link' | 'frame' | 'cursor'): Promise<string[]> {
  return page.evaluate((nodeName) => {
    const stage = window.__benchlearn?.stage;
    if (!stage) return [];
    return stage
      .find(`.${nodeName}`)
      .map((node) => node.id())
      .sort();
  }, name);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The page-coordinate box of the first canvas node with this id (`#id`) or name (`.name`). */
async function boxOf(page: Page, selector: { id: string } | { name: string }): Promise<Box> {
  const box = await page.evaluate((wanted) => {
    const stage = window.__benchlearn?.stage;
    const node = stage?.findOne((n) => ('id' in wanted ? n.id() === wanted.id : n.hasName(wanted.name)));
    if (!stage || !node) return null;
    const rect = node.getClientRect();
    const container = stage.container().getBoundingClientRect();
    return { x: container.left + rect.x, y: container.top + rect.y, width: rect.width, height: rect.height };
  }, selector);
  if (!box) throw new Error(`no canvas node ${JSON.stringify(selector)}`);
  return box;
}

/** A canvas node's box in page coordinates, for pointing the mouse at it. */
export function canvasBox(page: Page, id: string): Promise<Box> {
  return boxOf(page, { id });
}

/** The box of the first visible canvas node with this Konva name (e.g. the link handle). */
export function canvasBoxByName(page: Page, name: string): Promise<Box> {
  return boxOf(page, { name });
}

/** Whether all of a canvas node's box is on the canvas element (not scrolled off, not under the page's edge). */
async function onCanvas(page: Page, box: Box): Promise<boolean> {
  const canvas = await page.locator('[data-testid=board-canvas]').boundingBox();
  return !!canvas && box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
}

/**
 * A canvas node's box once it is on screen, to click it: the board opens readable, one frame at
 * a time, so when any of `alsoIds` or the node is off the canvas, "show the whole board" first.
 */
export async function onScreenBox(page: Page, id: string, ...alsoIds: string[]): Promise<Box> {
  for (const each of [id, ...alsoIds]) {
    if (!(await onCanvas(page, await canvasBox(page, each)))) {
      await page.click('[data-testid=zoom-fit]');
      break;
    }
  }
  return canvasBox(page, id);
}

/** Links two cards as a person does: select `fromId`, drag from its link handle onto `toId` (both brought on screen). */
export async function linkByHandle(page: Page, fromId: string, toId: string): Promise<void> {
  await onScreenBox(page, fromId, toId);
  const from = await canvasBox(page, fromId);
  await page.mouse.click(from.x + from.width / 2, from.y + from.height / 2);
  const handle = await canvasBoxByName(page, 'link-handle');
  const to = await canvasBox(page, toId);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
}

/**
 * Adds a card with the toolbar, waits until it appears in the outline and returns its id. A new
 * card opens its editor at once: `keepEditing` leaves it open, else Escape finishes (as a person
 * who adds a card to write it later).
 */
export async function addCardFromToolbar(page: Page, kind: 'success' | 'problem' | 'lesson' | 'note', keepEditing = false): Promise<string> {
  const before = new Set((await outlineCards(page)).map((card) => card.id));
  await page.click(`[data-testid=add-${kind}]`);
  const handle = await page.waitForFunction(
    ({ known, wanted }) => {
      const items = [...document.querySelectorAll(`[data-testid=outline-card][data-kind=${wanted}]`)];
      const fresh = items.find((item) => !known.includes(item.getAttribute('data-card-id') ?? ''));
      return fresh?.getAttribute('data-card-id') ?? false;
    },
    { known: [...before], wanted: kind },
  );
  const editor = page.locator('[data-testid=card-editor]');
  if (!keepEditing && (await editor.count()) > 0) {
    await editor.press('Escape');
    await editor.waitFor({ state: 'hidden' });
  }
  return (await handle.jsonValue()) as string;
}

/** Double-clicks a card on the canvas and types into the in-place editor. */
export async function typeIntoCard(page: Page, id: string, text: string): Promise<void> {
  const box = await canvasBox(page, id);
  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  const editor = page.locator('[data-testid=card-editor]');
  await editor.waitFor({ state: 'visible' });
  await editor.press('End');
  await editor.pressSequentially(text, { delay: 5 });
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'hidden' });
}

export async function waitForOutlineText(page: Page, id: string, text: string): Promise<void> {
  await page.waitForFunction(
    ({ cardId, expected }) =>
      document.querySelector(`[data-testid=outline-card][data-card-id="${cardId}"] [data-testid=outline-card-text]`)?.textContent === expected,
    { cardId: id, expected: text },
  );
}

export async function waitForStatus(page: Page, status: 'connected' | 'connecting' | 'offline'): Promise<void> {
  await page.waitForSelector(`[data-testid=connection-status][data-status=${status}]`);
}

/**
 * Fills a board with `count` cards on a grid (kinds in turn, 260 x 180 apart) through the sync
 * endpoint, as a client would, and waits until the server has them. Returns the card ids.
 */
export async function seedCards(serverUrl: string, board: { id: string; tokens: { editor: string } }, count: number): Promise<string[]> {
  const client = joinBoard(serverUrl, board.id, board.tokens.editor);
  try {
    await client.synced;
    const kinds = ['success', 'problem', 'note', 'lesson'] as const;
    const columns = Math.ceil(Math.sqrt(count));
    const ids: string[] = [];
    client.board.content.transact(() => {
      for (let i = 0; i < count; i++) {
        ids.push(
          addCard(client.board, {
            kind: kinds[i % 4]!,
            x: (i % columns) * 260,
            y: Math.floor(i / columns) * 180,
            text: `Card ${i}`,
            authorId: 'seed',
            authorName: 'Seed',
          }),
        );
      }
    });
    // Stored once a fresh client sees them all (bounded: 100 probes).
    for (let probe = 0; ; probe++) {
      const res = await fetch(`${serverUrl}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.editor}` } });
      const counts = ((await res.json()) as { counts?: Record<string, number> }).counts ?? {};
      if ((counts.success ?? 0) + (counts.problem ?? 0) + (counts.lesson ?? 0) + (counts.note ?? 0) >= count) break;
      if (probe > 100) throw new Error('the seeded cards never reached the server');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return ids;
  } finally {
    client.destroy();
  }
}

/** Where a card is on the page now (its centre), from the document and the stage's transform. */
export async function cardCentreOnPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((cardId) => {
    const hook = window.__benchlearn;
    const stage = hook?.stage as unknown as { x(): number; y(): number; scaleX(): number; container(): HTMLElement } | null | undefined;
    const cards = (hook?.board.content as { getMap(name: string): { get(id: string): { get(key: string): unknown } | undefined } } | undefined)?.getMap(
      'cards',
    );
    const card = cards?.get(cardId);
    if (!stage || !card) return null;
    const box = stage.container().getBoundingClientRect();
    const s = stage.scaleX();
    const cx = (card.get('x') as number) + (card.get('w') as number) / 2;
    const cy = (card.get('y') as number) + (card.get('h') as number) / 2;
    return { x: box.left + stage.x() + cx * s, y: box.top + stage.y() + cy * s };
  }, id);
  if (!point) throw new Error(`card ${id} is not on the page`);
  return point;
}
