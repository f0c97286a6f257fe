import type { Page } from 'playwright-core';

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
  return page.$$eval('[data-testid=outline-link]', (items) =>
    items.map((item) => `${item.getAttribute('data-from')}>${item.getAttribute('data-to')}`).sort(),
  );
}

/** Ids of the Konva nodes with this name on the page's stage (cards, links, cursors). */
export async function canvasIds(page: Page, name: 'card' | 'link' | 'frame' | 'cursor'): Promise<string[]> {
  return page.evaluate((nodeName) => {
    const stage = window.__benchlearn?.stage;
    if (!stage) return [];
    return stage.find(`.${nodeName}`).map((node) => node.id()).sort();
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

/** Links two cards as a person does: select `fromId`, drag from its link handle onto `toId`. */
export async function linkByHandle(page: Page, fromId: string, toId: string): Promise<void> {
  const from = await canvasBox(page, fromId);
  await page.mouse.click(from.x + from.width / 2, from.y + from.height / 2);
  const handle = await canvasBoxByName(page, 'link-handle');
  const to = await canvasBox(page, toId);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Waits until the newest card of this kind appears in the outline and returns its id. */
export async function addCardFromToolbar(page: Page, kind: 'success' | 'problem' | 'lesson' | 'note'): Promise<string> {
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
