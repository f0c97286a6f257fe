import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreatedBoard } from './api';
import type { Person } from './browser';

/** The visible board region a page shows (board units), as its presence tells the others. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A facilitator's browser as the start page leaves it after creating the board: its recent
 * boards know the editor and viewer tokens (only the creating browser does).
 */
export async function facilitator(
  browser: Browser,
  person: Person,
  board: CreatedBoard,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  await context.addInitScript(
    ({ identity, recent }) => {
      window.localStorage.setItem('benchlearn:identity', JSON.stringify(identity));
      if (!window.localStorage.getItem('benchlearn:recent-boards')) {
        window.localStorage.setItem('benchlearn:recent-boards', JSON.stringify([recent]));
      }
    },
    {
      identity: person,
      recent: {
        boardId: board.id,
        role: 'facilitator',
        token: board.tokens.facilitator,
        title: board.title,
        lastOpened: Date.now(),
        locked: false,
        share: { editor: board.tokens.editor, viewer: board.tokens.viewer },
      },
    },
  );
  return { context, page: await context.newPage() };
}

/** This page's own visible region, from its presence (what others follow). */
export async function ownRegion(page: Page): Promise<Region> {
  const region = await page.evaluate(() => {
    const awareness = window.__benchlearn?.awareness as { getLocalState(): { viewport?: Region } | null } | undefined;
    return awareness?.getLocalState()?.viewport ?? null;
  });
  if (!region || region.width <= 0) throw new Error('the page has no viewport in its presence yet');
  return region;
}

/**
 * A page's own region once it has stopped changing: a zoom or pan reaches the page's presence
 * through a throttle, so a region read at once can be one step short of where the view ends.
 */
export async function settledRegion(page: Page, quietMs = 200, timeoutMs = 5000): Promise<Region> {
  const start = Date.now();
  let last = await ownRegion(page);
  for (;;) {
    await page.waitForTimeout(quietMs);
    const next = await ownRegion(page);
    const same = (['x', 'y', 'width', 'height'] as const).every((key) => Math.abs(next[key] - last[key]) < 1e-6);
    if (same) return next;
    if (Date.now() - start > timeoutMs) throw new Error("the page's view kept changing");
    last = next;
  }
}

/** The projector's visible region, from `[data-testid=projector-view]`. */
export async function projectorRegion(page: Page): Promise<Region & { scale: number; presenter: string }> {
  return page.$eval('[data-testid=projector-view]', (el) => ({
    x: Number(el.getAttribute('data-x')),
    y: Number(el.getAttribute('data-y')),
    width: Number(el.getAttribute('data-width')),
    height: Number(el.getAttribute('data-height')),
    scale: Number(el.getAttribute('data-scale')),
    presenter: el.getAttribute('data-presenter') ?? '',
  }));
}

/**
 * Waits until the projector shows all of `region` and no more than it must: same centre, and
 * one side matching (the other has bands), within `tolerance` board units.
 */
export async function waitForProjectorToShow(page: Page, region: Region, tolerance = 2): Promise<void> {
  await page.waitForFunction(
    ({ r, tol }) => {
      const el = document.querySelector('[data-testid=projector-view]');
      if (!el) return false;
      const [x, y, w, h] = ['data-x', 'data-y', 'data-width', 'data-height'].map((name) => Number(el.getAttribute(name)));
      if ([x, y, w, h].some((n) => !Number.isFinite(n))) return false;
      const contains = x! <= r.x + tol && y! <= r.y + tol && x! + w! >= r.x + r.width - tol && y! + h! >= r.y + r.height - tol;
      const centred = Math.abs(x! + w! / 2 - (r.x + r.width / 2)) <= tol && Math.abs(y! + h! / 2 - (r.y + r.height / 2)) <= tol;
      const tight = Math.abs(w! - r.width) <= tol || Math.abs(h! - r.height) <= tol;
      return contains && centred && tight;
    },
    { r: region, tol: tolerance },
  );
}

/** Waits until a page's own view shows the same region as `region` (centre within `tolerance`). */
export async function waitForViewCentredOn(page: Page, region: Region, tolerance = 2): Promise<void> {
  await page.waitForFunction(
    ({ r, tol }) => {
      const awareness = window.__benchlearn?.awareness as { getLocalState(): { viewport?: Region } | null } | undefined;
      const v = awareness?.getLocalState()?.viewport;
      if (!v) return false;
      return Math.abs(v.x + v.width / 2 - (r.x + r.width / 2)) <= tol && Math.abs(v.y + v.height / 2 - (r.y + r.height / 2)) <= tol;
    },
    { r: region, tol: tolerance },
  );
}

/** Reads a QR code from a canvas on the page, as a phone camera would: from its pixels. */
export async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const image = await page.$eval(selector, (el) => {
    const canvas = el as HTMLCanvasElement;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height);
    return data ? { width: data.width, height: data.height, pixels: Array.from(data.data) } : null;
  });
  if (!image) return null;
  return jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height)?.data ?? null;
}

/** Drags the canvas by (dx, dy) from a point on empty board (a pan). */
export async function panCanvas(page: Page, from: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 6 });
  await page.mouse.up();
}
