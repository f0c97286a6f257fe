import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCard, linkCards, readFrames, type Card, type Frame } from '@benchlearn/shared';
import { createBoard, type CreatedBoard } from '../support/api';
import { participant } from '../support/browser';
import { addCardFromToolbar, canvasBox, waitForStatus } from '../support/board';
import { serverAndBrowser } from '../support/rig';
import { joinBoard } from '../support/sync';

// Issue 14, the first minute on the canvas: readable on open, cards landing in their frame.

const ann = { id: 'ann-first-minute-000001', name: 'Ann', color: '#e91e63' };
const vic = { id: 'vic-first-minute-000003', name: 'Vic', color: '#009688' };
const fay = { id: 'fay-first-minute-000004', name: 'Fay', color: '#8e24aa' };
const KIND_COLORS = { success: '#2e7d32', problem: '#c62828', lesson: '#1565c0' } as const;
const SHOTS = process.env.FIRST_MINUTE_SHOTS;

/** A page of `person` at `size`, on `link`, connected, with the canvas drawn. */
async function open(browser: Browser, person: typeof ann, link: string, size: { width: number; height: number }, drawn = '.frame'): Promise<Page> {
  const { page } = await participant(browser, person);
  await page.setViewportSize(size);
  await page.goto(link);
  await waitForStatus(page, 'connected');
  await page.waitForFunction((name) => (window.__benchlearn?.stage?.find(name).length ?? 0) > 0, drawn);
  return page;
}

/** The view once it stops changing (the first view settles when both documents synced). */
async function settledScale(page: Page): Promise<number> {
  let last = NaN;
  for (let i = 0; i < 40; i++) {
    const scale = await page.evaluate(() => (window.__benchlearn?.stage as unknown as { scaleX(): number } | null | undefined)?.scaleX() ?? NaN);
    if (scale === last) return scale;
    last = scale;
    await page.waitForTimeout(150);
  }
  return last;
}

/** The body text of every card on screen: its size in CSS px (font size x camera scale), through the hooks. */
function bodyTextOnScreen(page: Page): Promise<Array<{ id: string; px: number }>> {
  return page.evaluate(() => {
    const stage = window.__benchlearn?.stage as unknown as { size(): { width: number; height: number }; find(s: string): unknown[] } | null | undefined;
    if (!stage) return [];
    const { width, height } = stage.size();
    return stage.find('.card-text').flatMap((node) => {
      const text = node as unknown as {
        fontSize(): number;
        getAbsoluteScale(): { y: number };
        getClientRect(): { x: number; y: number; width: number; height: number };
        getParent(): { id(): string } | null;
      };
      const rect = text.getClientRect();
      const onScreen = rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width && rect.y + rect.height <= height;
      return onScreen ? [{ id: text.getParent()?.id() ?? '', px: text.fontSize() * text.getAbsoluteScale().y }] : [];
    });
  });
}

function boardNow(page: Page): Promise<{ cards: Card[]; frames: Frame[] }> {
  return page.evaluate(() => {
    const hook = window.__benchlearn!;
    const read = (doc: unknown, name: string) => (doc as { getMap(n: string): { toJSON(): Record<string, unknown> } }).getMap(name).toJSON();
    const cards = Object.entries(read(hook.board.content, 'cards')).map(([id, c]) => ({ id, ...(c as object) }));
    const frames = Object.entries(read(hook.board.control, 'frames')).map(([id, f]) => ({ id, ...(f as object) }));
    return { cards, frames } as unknown as { cards: Card[]; frames: Frame[] };
  });
}

const inside = (r: { x: number; y: number; w: number; h: number }, f: { x: number; y: number; w: number; h: number }) =>
  r.x >= f.x && r.y >= f.y && r.x + r.w <= f.x + f.w && r.y + r.h <= f.y + f.h;
const overlap = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('the first minute on the canvas', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'First minute', template: 'benchlearning', locale: 'en' });
    // A few cards in the template's columns, as a workshop would have them.
    const client = joinBoard(rig.server.url, board.id, board.tokens.editor);
    await client.synced;
    const frames = readFrames(client.board);
    client.board.content.transact(() => {
      for (const [i, kind] of (['success', 'success', 'problem', 'problem', 'lesson', 'lesson'] as const).entries()) {
        const frame = frames.find((f) => f.color === KIND_COLORS[kind])!;
        addCard(client.board, {
          kind,
          x: frame.x + 24,
          y: frame.y + 72 + (i % 2) * 160,
          text: `A ${kind} the back row can read`,
          authorId: 'seed',
          authorName: 'Seed',
        });
      }
    });
    // Stored once the server counts them all.
    for (let probe = 0; probe < 100; probe++) {
      const res = await fetch(`${rig.server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.editor}` } });
      const counts = ((await res.json()) as { counts?: Record<string, number> }).counts ?? {};
      if ((counts.success ?? 0) + (counts.problem ?? 0) + (counts.lesson ?? 0) >= 6) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    client.destroy();
  });

  for (const size of [
    { width: 1280, height: 800 },
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`opens readable at ${size.width}x${size.height}: card body text at least 14 CSS px`, async () => {
      const page = await open(rig.browser, ann, board.links.editor, size);
      await page.waitForFunction(() => (window.__benchlearn?.stage?.find('.card').length ?? 0) >= 6);
      await settledScale(page);
      const texts = await bodyTextOnScreen(page);
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text.px).toBeGreaterThanOrEqual(14);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/open-${size.width}x${size.height}.png` });
      await page.context().close();
    });
  }

  it('opens where you left off: your last view of the board, in this browser', async () => {
    const page = await open(rig.browser, ann, board.links.editor, { width: 1280, height: 800 });
    const opened = await settledScale(page);
    await page.click('[data-testid=zoom-out]');
    await page.click('[data-testid=zoom-out]');
    const left = await settledScale(page);
    expect(left).toBeLessThan(opened);
    await page.waitForTimeout(500);
    await page.reload();
    await waitForStatus(page, 'connected');
    await page.waitForFunction(() => (window.__benchlearn?.stage?.find('.card').length ?? 0) >= 6);
    expect(await settledScale(page)).toBeCloseTo(left, 5);
    await page.context().close();
  });

  it('shows the whole board with one action, its top row clear of the toolbar', async () => {
    const page = await open(rig.browser, ann, board.links.editor, { width: 1280, height: 800 });
    await settledScale(page);
    await page.click('[data-testid=zoom-fit]');
    const { toolbarBottom, framesTop, scale } = await page.evaluate(() => {
      const stage = window.__benchlearn!.stage as unknown as {
        scaleX(): number;
        container(): HTMLElement;
        find(s: string): Array<{ getClientRect(): { y: number } }>;
      };
      const container = stage.container().getBoundingClientRect();
      const toolbar = document.querySelector('[data-testid=toolbar]')!.getBoundingClientRect();
      const tops = stage.find('.frame').map((node) => node.getClientRect().y + container.top);
      return { toolbarBottom: toolbar.bottom, framesTop: Math.min(...tops), scale: stage.scaleX() };
    });
    expect(scale).toBeLessThan(1);
    expect(framesTop).toBeGreaterThanOrEqual(toolbarBottom);
    await page.context().close();
  });

  it('zooms a modest step per notch of Ctrl + wheel', async () => {
    const page = await open(rig.browser, ann, board.links.editor, { width: 1280, height: 800 });
    const before = await settledScale(page);
    const box = (await page.locator('[data-testid=board-canvas]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 100);
    await page.keyboard.up('Control');
    await page.waitForFunction((s) => (window.__benchlearn?.stage as unknown as { scaleX(): number } | null | undefined)?.scaleX() !== s, before);
    const after = await page.evaluate(() => (window.__benchlearn!.stage as unknown as { scaleX(): number }).scaleX());
    expect(before / after).toBeGreaterThan(1.05);
    expect(before / after).toBeLessThan(1.15);
    await page.context().close();
  });

  it('selecting a card in the outline zooms it to a readable size', async () => {
    const page = await open(rig.browser, ann, board.links.editor, { width: 1280, height: 800 });
    await settledScale(page);
    await page.click('[data-testid=zoom-fit]');
    expect(await settledScale(page)).toBeLessThan(1);
    await page.locator('[data-testid=outline-card]').first().click();
    expect(await settledScale(page)).toBeGreaterThanOrEqual(1);
    await page.context().close();
  });

  it('the kind legend does not look like buttons; viewers get zoom buttons and fit', async () => {
    const page = await open(rig.browser, vic, board.links.viewer, { width: 1280, height: 800 });
    const legend = await page.$$eval('[data-testid=legend] li', (items) =>
      items.map((li) => {
        const style = getComputedStyle(li);
        return { border: style.borderTopWidth, background: style.backgroundColor };
      }),
    );
    expect(legend.length).toBe(4);
    for (const item of legend) expect(item).toEqual({ border: '0px', background: 'rgba(0, 0, 0, 0)' });
    const before = await settledScale(page);
    await page.click('[data-testid=zoom-in]');
    await page.waitForFunction((s) => (window.__benchlearn?.stage as unknown as { scaleX(): number } | null | undefined)?.scaleX() !== s, before);
    await page.click('[data-testid=zoom-fit]');
    expect(await settledScale(page)).toBeLessThan(1);
    await page.context().close();
  });

  it('“+ Frame” lands in free space, carries no cards when moved, and its panel is clear of the legend', async () => {
    const page = await open(rig.browser, fay, board.links.facilitator, { width: 1280, height: 800 });
    await page.waitForFunction(() => (window.__benchlearn?.stage?.find('.card').length ?? 0) >= 6);
    await settledScale(page);
    const before = await boardNow(page);
    await page.click('[data-testid=add-frame]');
    await page.waitForSelector('[data-testid=frame-panel]');
    await page.waitForFunction((n) => (window.__benchlearn?.stage?.find('.frame').length ?? 0) === n, before.frames.length + 1);
    const after = await boardNow(page);
    const added = after.frames.find((f) => !before.frames.some((old) => old.id === f.id))!;
    for (const other of [...before.cards, ...before.frames]) expect(overlap(added, other), `new frame over ${other.id}`).toBe(false);
    // Every control of the panel is the topmost element at its centre (nothing lies over it).
    const covered = await page.$$eval('[data-testid=frame-panel] input, [data-testid=frame-panel] button', (controls) =>
      controls.flatMap((el) => {
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return top && (top === el || el.contains(top)) ? [] : [`${el.textContent ?? el.tagName} under ${top?.className ?? 'nothing'}`];
      }),
    );
    expect(covered).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/new-frame-1280x800.png` });
    // Dragging it by its title strip moves it alone: none of the board's cards were in it.
    await settledScale(page);
    const strip = await canvasBox(page, `frame-handle-${added.id}`);
    await page.mouse.move(strip.x + strip.width / 2, strip.y + strip.height / 2);
    await page.mouse.down();
    await page.mouse.move(strip.x + strip.width / 2 + 60, strip.y + strip.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(
      ({ id, x }) =>
        ((window.__benchlearn!.board.control as { getMap(n: string): { get(k: string): { get(k: string): unknown } | undefined } })
          .getMap('frames')
          .get(id)
          ?.get('x') ?? x) !== x,
      { id: added.id, x: added.x },
    );
    const moved = await boardNow(page);
    expect(moved.cards.map(({ id, x, y }) => ({ id, x, y }))).toEqual(before.cards.map(({ id, x, y }) => ({ id, x, y })));
    // The panel's buttons take a plain click: delete the frame again.
    await page.click('[data-testid=delete-frame]');
    await page.waitForSelector('[data-testid=frame-panel]', { state: 'detached' });
    expect((await boardNow(page)).frames).toHaveLength(before.frames.length);
    await page.context().close();
  });

  it('adds 5 successes, 5 problems and 3 lessons from the toolbar: each in its frame, none overlapping, each opening its editor', async () => {
    const fresh = await createBoard(rig.server.url, { title: 'Filling up', template: 'benchlearning', locale: 'en' });
    const page = await open(rig.browser, ann, fresh.links.editor, { width: 1440, height: 900 });
    await settledScale(page);
    const plan = [...Array(5).fill('success'), ...Array(5).fill('problem'), ...Array(3).fill('lesson')] as Array<'success' | 'problem' | 'lesson'>;
    const added: Array<{ id: string; kind: 'success' | 'problem' | 'lesson' }> = [];
    for (const [i, kind] of plan.entries()) {
      const id = await addCardFromToolbar(page, kind, true);
      const editor = page.locator('[data-testid=card-editor]');
      await editor.waitFor({ state: 'visible' });
      expect(await editor.getAttribute('data-card-id')).toBe(id);
      expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
      await editor.pressSequentially(`Card ${i}`);
      // Enter finishes (Escape too, every third card).
      await editor.press(i % 3 === 2 ? 'Escape' : 'Enter');
      await editor.waitFor({ state: 'hidden' });
      added.push({ id, kind });
    }
    const { cards, frames } = await boardNow(page);
    const rects = added.map(({ id, kind }) => ({ kind, card: cards.find((c) => c.id === id)! }));
    for (const { kind, card } of rects) {
      const frame = frames.find((f) => f.color === KIND_COLORS[kind])!;
      expect(inside(card, frame), `${kind} card at ${card.x},${card.y} in ${frame.title}`).toBe(true);
    }
    for (const [i, a] of rects.entries()) for (const b of rects.slice(i + 1)) expect(overlap(a.card, b.card)).toBe(false);
    expect(rects.map(({ card }) => card.text)).toEqual(plan.map((_, i) => `Card ${i}`));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/filled-1440x900.png` });
    await page.context().close();
  });
});

describe('cards that grow, links with labels', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;
  const ids = { s1: '', s2: '', lesson: '', l1: '', l2: '' };

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: 'Links', template: 'blank', locale: 'en' });
    const client = joinBoard(rig.server.url, board.id, board.tokens.editor);
    await client.synced;
    const author = { authorId: 'seed', authorName: 'Seed' };
    client.board.content.transact(() => {
      ids.s1 = addCard(client.board, { kind: 'success', x: 0, y: 0, text: 'Bikes', ...author });
      ids.s2 = addCard(client.board, { kind: 'success', x: 0, y: 300, text: 'Buses', ...author });
      ids.lesson = addCard(client.board, { kind: 'lesson', x: 420, y: 150, text: 'Start small', ...author });
    });
    const l1 = linkCards(client.board, ids.s1, ids.lesson, 'seed');
    const l2 = linkCards(client.board, ids.s2, ids.lesson, 'seed');
    if (!l1.ok || !l2.ok) throw new Error('seed links refused');
    [ids.l1, ids.l2] = [l1.id, l2.id];
    await new Promise((resolve) => setTimeout(resolve, 500));
    client.destroy();
  });

  async function openLinks(): Promise<Page> {
    const page = await open(rig.browser, ann, board.links.editor, { width: 1280, height: 800 }, '.link');
    await settledScale(page);
    return page;
  }

  it('a card grows with its text instead of cutting it after a few lines', async () => {
    const page = await openLinks();
    const id = await addCardFromToolbar(page, 'problem', true);
    const editor = page.locator('[data-testid=card-editor]');
    for (let i = 1; i <= 10; i++) {
      await editor.pressSequentially(`Line ${i}`);
      if (i < 10) await editor.press('Shift+Enter');
    }
    await editor.press('Enter');
    await editor.waitFor({ state: 'hidden' });
    const card = (await boardNow(page)).cards.find((c) => c.id === id)!;
    expect(card.text.split('\n')).toHaveLength(10);
    expect(card.h).toBeGreaterThan(140);
    const lines = await page.evaluate((cardId) => {
      const stage = window.__benchlearn!.stage!;
      const text = stage.find('.card-text').find((node) => (node as unknown as { getParent(): { id(): string } }).getParent().id() === cardId);
      return (text as unknown as { text(): string } | undefined)?.text().split('\n') ?? [];
    }, id);
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `Line ${i + 1}`));
    await page.context().close();
  });

  it('a double-click on a link edits its label, shown on the canvas; the action on a selected link too', async () => {
    const page = await openLinks();
    const box = await canvasBox(page, ids.l1);
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    const field = page.locator('[data-testid=link-label-editor]');
    await field.waitFor({ state: 'visible' });
    await field.fill('because');
    await field.press('Enter');
    await field.waitFor({ state: 'hidden' });
    const labelOf = (linkId: string) =>
      page.evaluate((id) => {
        const links = (window.__benchlearn!.board.content as { getMap(n: string): { get(id: string): { get(k: string): unknown } | undefined } }).getMap(
          'links',
        );
        return links.get(id)?.get('label') ?? null;
      }, linkId);
    expect(await labelOf(ids.l1)).toBe('because');
    await page.waitForFunction((id) => (window.__benchlearn?.stage?.find('.link-label') ?? []).some((node) => node.id() === `label-${id}`), ids.l1);
    // The second link: select it, then the toolbar's action.
    const other = await canvasBox(page, ids.l2);
    await page.mouse.click(other.x + other.width / 2, other.y + other.height / 2);
    await page.click('[data-testid=edit-link-label]');
    await field.waitFor({ state: 'visible' });
    await field.fill('so that');
    await field.press('Enter');
    await page.waitForFunction(() => (window.__benchlearn?.stage?.find('.link-label') ?? []).length === 2);
    expect(await labelOf(ids.l2)).toBe('so that');
    await page.context().close();
  });

  it('links of the selection only: the selected card’s links stand out, the others dim', async () => {
    const page = await openLinks();
    const opacities = () =>
      page.evaluate(() =>
        Object.fromEntries(
          window.__benchlearn!.stage!.find('.link').map((node) => [node.id(), (node as unknown as { getAbsoluteOpacity(): number }).getAbsoluteOpacity()]),
        ),
      );
    const s1 = await canvasBox(page, ids.s1);
    await page.mouse.click(s1.x + s1.width / 2, s1.y + s1.height / 2);
    expect(await opacities()).toEqual({ [ids.l1]: 1, [ids.l2]: 1 });
    await page.click('[data-testid=focus-links]');
    expect(await page.getAttribute('[data-testid=focus-links]', 'aria-pressed')).toBe('true');
    await page.waitForFunction(
      (id) => (window.__benchlearn!.stage!.find('.link').find((n) => n.id() === id) as unknown as { getAbsoluteOpacity(): number }).getAbsoluteOpacity() < 0.5,
      ids.l2,
    );
    const dimmed = await opacities();
    expect(dimmed[ids.l1]).toBe(1);
    expect(dimmed[ids.l2]).toBeLessThan(0.5);
    await page.context().close();
  });

  it('the shortcut list shows a key per kind and copy, paste, duplicate; S adds a success and opens its editor', async () => {
    const page = await openLinks();
    await page.locator('[data-testid=board-canvas]').focus();
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=shortcut-help]');
    const listed = await page.$$eval('[data-testid=shortcut]', (rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(listed).toEqual(expect.arrayContaining(['add-success', 'add-problem', 'add-lesson', 'add-note', 'copy', 'paste', 'duplicate']));
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=board-canvas]').focus();
    const before = (await boardNow(page)).cards.length;
    await page.keyboard.press('s');
    const editor = page.locator('[data-testid=card-editor]');
    await editor.waitFor({ state: 'visible' });
    const id = await editor.getAttribute('data-card-id');
    await editor.press('Escape');
    const { cards } = await boardNow(page);
    expect(cards).toHaveLength(before + 1);
    expect(cards.find((c) => c.id === id)?.kind).toBe('success');
    // Ctrl+D duplicates it beside itself.
    await page.keyboard.press('Control+d');
    await page.waitForFunction(
      (n) => Object.keys((window.__benchlearn!.board.content as { getMap(n: string): { toJSON(): object } }).getMap('cards').toJSON()).length === n,
      before + 2,
    );
    await page.context().close();
  });
});
