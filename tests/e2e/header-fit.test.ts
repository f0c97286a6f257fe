import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, type CreatedBoard } from '../support/api';
import { waitForStatus } from '../support/board';
import { serverAndBrowser } from '../support/rig';
import { facilitator } from '../support/workshop';

const fay = { id: 'fay-0000000000000000001', name: 'Fay', color: '#8e24aa' };

/** A title far too long for the header: it must be cut with an ellipsis, not pushed to nothing. */
const LONG_TITLE = 'Regional benchlearning: mobility in small towns, the spring round with every partner';

/** The widths a sweep of the window's width moves by, and the header's own margin against flapping. */
const STEP = 4;
const RESTORE_SLACK = 8;

/**
 * Every facilitator action in the header: the test id of its button in the row, and of its item
 * in "More" when it does not fit (the session toggles keep their test id in the menu).
 */
const ACTIONS: ReadonlyArray<{ row: string; menu: string }> = [
  { row: 'rename-board', menu: 'more-rename' },
  { row: 'share-button', menu: 'more-share' },
  { row: 'export-button', menu: 'more-export' },
  { row: 'history-button', menu: 'more-history' },
  { row: 'session-button', menu: 'more-session' },
  { row: 'lock-toggle', menu: 'lock-toggle' },
  { row: 'present-toggle', menu: 'present-toggle' },
  { row: 'summon', menu: 'summon' },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface HeaderLayout {
  header: Box;
  title: Box;
  status: Box;
  statusClipped: boolean;
  /** Every other visible element of the header (the status's own ancestors and descendants left out). */
  others: Array<Box & { what: string }>;
}

async function headerLayout(page: Page): Promise<HeaderLayout> {
  return page.evaluate(() => {
    const box = (element: Element) => {
      const r = element.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const header = document.querySelector('header.page-header')!;
    const title = document.querySelector('[data-testid=board-title]')!;
    const status = document.querySelector('[data-testid=connection-status]') as HTMLElement;
    const others = [...header.querySelectorAll('*')]
      .filter((element) => element !== status && !status.contains(element) && !element.contains(status))
      .filter((element) => {
        // A closed <details> keeps laying out its panel, unseen (content-visibility): checkVisibility knows.
        const r = element.getBoundingClientRect();
        return element.checkVisibility({ visibilityProperty: true }) && r.width > 1 && r.height > 1;
      })
      .map((element) => ({ ...box(element), what: element.getAttribute('data-testid') ?? element.className.toString() }));
    return { header: box(header), title: box(title), status: box(status), statusClipped: status.scrollWidth > status.clientWidth + 1, others };
  });
}

function intersects(a: Box, b: Box): boolean {
  const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return dx > 0.5 && dy > 0.5;
}

async function visible(page: Page, testId: string): Promise<boolean> {
  return page.locator(`header [data-testid="${testId}"]`).first().isVisible();
}

// Where the focus is now. A closed panel or menu gives it back a moment later (Radix does so after a timeout of its own): polled where that matters.
async function activeTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

async function activeRole(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('role') ?? null);
}

describe('the facilitator’s board header fits in one row at desktop widths', () => {
  const rig = serverAndBrowser();
  let board: CreatedBoard;

  beforeAll(async () => {
    board = await createBoard(rig.server.url, { title: LONG_TITLE, template: 'benchlearning', locale: 'en' });
  });

  async function open(width: number, height: number): Promise<Page> {
    const { page } = await facilitator(rig.browser, fay, board, { width, height });
    await page.goto(board.links.facilitator);
    await waitForStatus(page, 'connected');
    await page.waitForSelector('[data-testid=session-button]');
    // Let the header settle (measurements run on resize and after rendering).
    await page.waitForTimeout(300);
    return page;
  }

  async function checkFits(page: Page): Promise<void> {
    const layout = await headerLayout(page);
    const oneRow = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--header-height')));
    expect(layout.header.height).toBe(oneRow);
    // The title keeps a sensible width (cut with an ellipsis).
    expect(layout.title.width).toBeGreaterThanOrEqual(120);
    expect(await page.textContent('[data-testid=connection-status]')).toContain('Connected');
    // The status is whole, inside the header and the window, and nothing covers it.
    expect(layout.statusClipped).toBe(false);
    const viewport = page.viewportSize()!;
    expect(layout.status.x).toBeGreaterThanOrEqual(0);
    expect(layout.status.x + layout.status.width).toBeLessThanOrEqual(viewport.width);
    const covering = layout.others.filter((other) => intersects(other, layout.status)).map((other) => other.what);
    expect(covering).toEqual([]);
    // Nothing wrapped onto a second row or spilled out of the bar.
    const spilled = layout.others
      .filter((other) => other.y < layout.header.y - 0.5 || other.y + other.height > layout.header.y + layout.header.height + 0.5)
      .map((other) => other.what);
    expect(spilled).toEqual([]);
  }

  /** Every action is in the row or, with "More" open, an item of its menu. */
  async function checkReachable(page: Page): Promise<string[]> {
    const inRow: string[] = [];
    for (const action of ACTIONS) if (await visible(page, action.row)) inRow.push(action.row);
    const missing = ACTIONS.filter((action) => !inRow.includes(action.row));
    if (missing.length === 0) return [];
    await page.click('[data-testid=more-button]');
    await page.waitForSelector('[data-testid=more-menu]');
    const inMenu: string[] = [];
    for (const action of missing) {
      const item = page.locator(`[data-testid=more-menu] [data-testid="${action.menu}"]`);
      if (await item.isVisible()) {
        expect(await item.getAttribute('role')).toBe('menuitem');
        expect(await item.evaluate((element) => element.tagName)).toBe('BUTTON');
        inMenu.push(action.menu);
      }
    }
    expect(inMenu.length).toBe(missing.length);
    // A click elsewhere closes the menu.
    await page.click('[data-testid=board-title]');
    await page.waitForSelector('[data-testid=more-menu]', { state: 'detached' });
    return inMenu;
  }

  /** Enter and Space open the menu on its first item, ArrowDown moves, Escape closes back to "More". */
  async function checkKeyboard(page: Page, items: number): Promise<void> {
    await page.focus('[data-testid=more-button]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=more-menu]');
    expect(await page.getAttribute('[data-testid=more-button]', 'aria-expanded')).toBe('true');
    expect(await activeRole(page)).toBe('menuitem');
    const first = await activeTestId(page);
    await page.keyboard.press('ArrowDown');
    expect(await activeRole(page)).toBe('menuitem');
    if (items > 1) expect(await activeTestId(page)).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await activeTestId(page)).toBe(first);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=more-menu]', { state: 'detached' });
    await expect.poll(() => activeTestId(page), { timeout: 3000 }).toBe('more-button');
    expect(await page.getAttribute('[data-testid=more-button]', 'aria-expanded')).toBe('false');
    await page.keyboard.press(' ');
    await page.waitForSelector('[data-testid=more-menu]');
    expect(await activeRole(page)).toBe('menuitem');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=more-menu]', { state: 'detached' });
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid=more-menu]');
    expect(await activeTestId(page)).toBe(first);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=more-menu]', { state: 'detached' });
    await expect.poll(() => activeTestId(page), { timeout: 3000 }).toBe('more-button');
  }

  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
  ] as const) {
    it(`at ${width}x${height}: the title and the status stay visible, one row, the rest in “More”`, async () => {
      const page = await open(width, height);
      try {
        await checkFits(page);
        const inMenu = await checkReachable(page);
        expect(inMenu.length).toBeGreaterThan(0);
        await checkKeyboard(page, inMenu.length);
        await checkFits(page);
      } finally {
        await page.context().close();
      }
    });
  }

  it('at 1024x768 a panel whose button is in “More” opens from the menu and closes with Escape', async () => {
    const page = await open(1024, 768);
    try {
      expect(await visible(page, 'history-button')).toBe(false);
      await page.focus('[data-testid=more-button]');
      await page.keyboard.press('Enter');
      await page.click('[data-testid=more-menu] [data-testid=more-history]');
      await page.waitForSelector('[data-testid=history-panel]', { state: 'visible' });
      const panel = await page.locator('[data-testid=history-panel]').boundingBox();
      expect(panel!.x + panel!.width).toBeLessThanOrEqual(1024);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=history-panel]', { state: 'hidden' });
      await expect.poll(() => activeTestId(page), { timeout: 3000 }).toBe('more-button');
      // A session toggle works from the menu too.
      await page.click('[data-testid=more-button]');
      await page.click('[data-testid=more-menu] [data-testid=lock-toggle]');
      await page.waitForSelector('[data-testid=locked-banner]');
      await checkFits(page);
    } finally {
      await page.context().close();
    }
  });

  it('widening the window takes “More” away within a few pixels of where narrowing brought it: its own width is counted', async () => {
    const page = await open(1920, 1080);
    const hasMore = async (width: number): Promise<boolean> => {
      await page.setViewportSize({ width, height: 1080 });
      // The fit runs in an animation frame after a resize, then after each render: let it finish.
      await page.evaluate(async () => {
        for (let i = 0; i < 6; i++) await new Promise((done) => requestAnimationFrame(done));
      });
      return (await page.locator('[data-testid=more-button]').count()) > 0;
    };
    try {
      // Narrowing: the widest width with "More", found coarsely, then to STEP px.
      let coarse = 1920;
      while (!(await hasMore(coarse))) coarse -= 32;
      await hasMore(1920);
      let appears = coarse + 32;
      while (!(await hasMore(appears))) appears -= STEP;
      // Widening from well below it: the narrowest width without "More".
      let goes = appears - 40;
      expect(await hasMore(goes)).toBe(true);
      while (await hasMore(goes)) goes += STEP;
      // With "More" gone at `goes`, every action fits in the row there, the title keeping its room.
      await checkFits(page);
      for (const action of ACTIONS) expect(await visible(page, action.row), action.row).toBe(true);
      // It may stay a little longer than it came (no flapping at the edge), not by its own width.
      expect(goes - appears).toBeLessThanOrEqual(RESTORE_SLACK + 2 * STEP + 4);
    } finally {
      await page.context().close();
    }
  });

  it('at 1920x1080 everything is in the row: no “More”', async () => {
    const page = await open(1920, 1080);
    try {
      await checkFits(page);
      for (const action of ACTIONS) expect(await visible(page, action.row), action.row).toBe(true);
      expect(await page.locator('[data-testid=more-button]').count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});
