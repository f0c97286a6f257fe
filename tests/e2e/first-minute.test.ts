import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCard, readFrames, type Card, type Frame } from '@benchlearn/shared';
import { createBoard, type CreatedBoard } from '../support/api';
import { participant } from '../support/browser';
import { addCardFromToolbar, waitForStatus } from '../support/board';
import { serverAndBrowser } from '../support/rig';
import { joinBoard } from '../support/sync';

// Issue 14, the first minute on the canvas: readable on open, cards landing in their frame.

const ann = { id: 'ann-first-minute-000001', name: 'Ann', color: '#e91e63' };
const vic = { id: 'vic-first-minute-000003', name: 'Vic', color: '#009688' };
const KIND_COLORS = { success: '#2e7d32', problem: '#c62828', lesson: '#1565c0' } as const;
const SHOTS = process.env.FIRST_MINUTE_SHOTS;

/** A page of `person` at `size`, on `link`, connected, with the canvas drawn. */
async function open(browser: Browser, person: typeof ann, link: string, size: { width: number; height: number }): Promise<Page> {
  const { page } = await participant(browser, person);
  await page.setViewportSize(size);
  await page.goto(link);
  await waitForStatus(page, 'connected');
  await page.waitForFunction(() => (window.__benchlearn?.stage?.find('.frame').length ?? 0) > 0);
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
