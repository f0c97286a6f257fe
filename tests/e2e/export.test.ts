import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import { KIND_COLORS, VOTES_STYLE, type CardKind } from '@benchlearn/shared';
import { waitForStatus } from '../support/board';
import { boardFile, downloadFrom, importBoard, type FixtureCard } from '../support/exportFiles';
import { facilitator, ownRegion } from '../support/workshop';
import { serverAndBrowser } from '../support/rig';

/** The card fills of the canvas (client/src/ui/kinds.ts). */
const KIND_FILLS: Record<CardKind, string> = { success: '#e8f5e9', problem: '#ffebee', lesson: '#e3f2fd', note: '#f3f3f3' };

const HOSTILE = '</text><image href=x onerror=alert(1)> <script>alert(2)</script>';
const CARDS: FixtureCard[] = [
  { kind: 'success', x: 0, y: 0, w: 240, h: 150, text: 'Alpha success works' },
  { kind: 'problem', x: 300, y: 0, w: 240, h: 150, text: 'Beta problem hurts' },
  { kind: 'lesson', x: 0, y: 200, w: 240, h: 150, text: 'Gamma lesson learned' },
  { kind: 'note', x: 300, y: 200, w: 240, h: 150, text: HOSTILE },
];
/** The whole board's region: the cards' bounds with the 40-unit margin. */
const REGION = { x: -40, y: -40, w: 620, h: 430 };
/** pdf.js's own copies of the 14 standard fonts, so it reads the PDF's Helvetica without a warning. */
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
const fay = { id: 'fay-0000000000000000001', name: 'Fay', color: '#8e24aa' };

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

function expectColour(png: PNG, x: number, y: number, hex: string): void {
  const [r, g, b, a] = pixel(png, x, y);
  const [er, eg, eb] = rgb(hex);
  expect(Math.abs(r - er) + Math.abs(g - eg) + Math.abs(b - eb), `pixel ${x},${y} is ${r},${g},${b} not ${hex}`).toBeLessThanOrEqual(6);
  expect(a).toBe(255);
}

/** Each card's header band and body, in the picture's pixels. */
function expectCardColours(png: PNG, region: { x: number; y: number }, scale: number, cards: readonly FixtureCard[]): void {
  for (const card of cards) {
    const px = (bx: number) => (bx - region.x) * scale;
    const py = (by: number) => (by - region.y) * scale;
    expectColour(png, px(card.x + card.w - 15), py(card.y + 14), KIND_COLORS[card.kind]);
    expectColour(png, px(card.x + card.w - 6), py(card.y + card.h / 2), KIND_FILLS[card.kind]);
  }
}

async function openExport(page: Page, choice: Record<string, string>): Promise<void> {
  if (!(await page.isVisible('[data-testid=export-panel]'))) await page.click('[data-testid=export-button]');
  for (const [name, value] of Object.entries(choice)) await page.selectOption(`select[name=export-${name}]`, value);
}

async function exportFile(page: Page, choice: Record<string, string>) {
  await openExport(page, choice);
  const file = await downloadFrom(page, () => page.click('[data-testid=export-start]'), '[data-testid=export-error]');
  await page.waitForSelector('[data-testid=export-done]');
  return file;
}

interface ExportWatch {
  /** Export workers the page started. */
  workers: number;
  terminated: number;
  /** The most pixels the page itself read from a canvas in one call, past 10 x 10 (what Konva's own checks read). */
  largestRead: number;
  /** The progress bar's values, as the page showed them. */
  progress: number[];
}
declare global {
  interface Window {
    __exportWatch?: ExportWatch;
  }
}

/**
 * Watches, in the page, whether pictures are drawn there or in the export worker: counts the
 * workers started, the largest canvas read on the page, and every value the progress bar showed.
 */
const EXPORT_PROBE = `(() => {
  const probe = { workers: 0, terminated: 0, largestRead: 0, progress: [] };
  window.__exportWatch = probe;
  if (window.Worker) {
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(url, options) {
        super(url, options);
        if (options && options.name === 'benchlearn-export') probe.workers += 1;
      }
      terminate() {
        probe.terminated += 1;
        super.terminate();
      }
    };
  }
  const read = CanvasRenderingContext2D.prototype.getImageData;
  CanvasRenderingContext2D.prototype.getImageData = function (...args) {
    const area = Math.abs(args[2] * args[3]);
    if (area > 100) probe.largestRead = Math.max(probe.largestRead, area);
    return read.apply(this, args);
  };
  const seen = () => {
    const bar = document.querySelector('[data-testid=export-progress]');
    if (bar && probe.progress[probe.progress.length - 1] !== bar.value) probe.progress.push(bar.value);
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

/** A grid of cards, every kind, big enough that a picture takes a few moments. */
function gridCards(count: number): FixtureCard[] {
  const kinds: CardKind[] = ['success', 'problem', 'lesson', 'note'];
  const columns = Math.ceil(Math.sqrt(count));
  return Array.from({ length: count }, (_, i) => ({
    kind: kinds[i % 4]!,
    x: (i % columns) * 260,
    y: Math.floor(i / columns) * 180,
    w: 240,
    h: 150,
    text: `Grid card ${i}`,
  }));
}

describe('export from the browser', () => {
  const rig = serverAndBrowser();
  let page: Page;
  let board: Awaited<ReturnType<typeof importBoard>>;

  beforeAll(async () => {
    // The lesson has three dots (outside a round: everyone sees them), so the pictures must show them.
    const file = JSON.parse(boardFile('Export “check”', CARDS, [[0, 2]])) as { cards: Array<{ text: string; votes?: Record<string, number> }> };
    file.cards.find((card) => card.text === 'Gamma lesson learned')!.votes = { 'u-bob': 2, 'u-cy': 1 };
    board = await importBoard(rig.server.url, JSON.stringify(file));
    const opened = await facilitator(rig.browser, fay, { ...board, title: 'Export “check”' });
    await opened.context.addInitScript({ content: EXPORT_PROBE });
    page = opened.page;
    await page.goto(board.links.facilitator);
    await waitForStatus(page, 'connected');
    await page.waitForSelector('[data-testid=outline-card]');
  });

  it('PNG of the whole board: 2x has twice the pixels of 1x, cards in their kind colours, white or transparent', async () => {
    const one = await exportFile(page, { format: 'png', area: 'board', ratio: '1', background: 'white' });
    expect(one.name).toMatch(/^export-check-\d{4}-\d{2}-\d{2}\.png$/);
    const png1 = PNG.sync.read(one.bytes);
    expect([png1.width, png1.height]).toEqual([REGION.w, REGION.h]);
    expectCardColours(png1, REGION, 1, CARDS);
    expectColour(png1, 2, 2, '#ffffff');
    // The dots, as on the canvas: a disc at the lesson's top right corner (left of its number), none on the others.
    const disc = (card: FixtureCard) =>
      [card.x + card.w - VOTES_STYLE.inset - VOTES_STYLE.radius - 8 - REGION.x, card.y + VOTES_STYLE.inset - VOTES_STYLE.radius - REGION.y] as const;
    expectColour(png1, ...disc(CARDS[2]!), VOTES_STYLE.color);
    expectColour(png1, ...disc(CARDS[0]!), '#ffffff');

    const two = await exportFile(page, { ratio: '2' });
    expect(two.name).toMatch(/@2x\.png$/);
    const png2 = PNG.sync.read(two.bytes);
    expect([png2.width, png2.height]).toEqual([2 * REGION.w, 2 * REGION.h]);
    expectCardColours(png2, REGION, 2, CARDS);

    const clear = PNG.sync.read((await exportFile(page, { ratio: '1', background: 'transparent' })).bytes);
    expect(pixel(clear, 2, 2)[3]).toBe(0);
    expectCardColours(clear, REGION, 1, CARDS);
  });

  it('PNG of the current view and of the selection', async () => {
    const view = await ownRegion(page);
    const shot = PNG.sync.read((await exportFile(page, { format: 'png', area: 'view', ratio: '1', background: 'white' })).bytes);
    expect(Math.abs(shot.width - view.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(shot.height - view.height)).toBeLessThanOrEqual(1);

    // Select the problem card from the outline: only it, with the margin around it.
    await page.click('[data-testid=export-button]');
    await page.click('[data-testid=outline-card][data-kind=problem]');
    const picked = PNG.sync.read((await exportFile(page, { area: 'selection', ratio: '3' })).bytes);
    expect([picked.width, picked.height]).toEqual([3 * (240 + 80), 3 * (150 + 80)]);
    expectCardColours(picked, { x: 300 - 40, y: -40 }, 3, [CARDS[1]!]);
  });

  it('SVG: parses, has the card texts and no active content', async () => {
    const file = await exportFile(page, { format: 'svg', area: 'board', background: 'white' });
    expect(file.name).toMatch(/\.svg$/);
    const svg = file.bytes.toString('utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true }).parse(svg) as unknown;
    const names: string[] = [];
    const attributes: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === ':@') attributes.push(...Object.keys(value as object));
        else {
          names.push(key);
          walk(value);
        }
      }
    };
    walk(tree);
    expect(names).toContain('svg');
    expect(names.filter((name) => /^(script|foreignObject|image|a|iframe|use)$/i.test(name))).toEqual([]);
    expect(attributes.filter((name) => /^@(on|href|xlink:href)/i.test(name))).toEqual([]);
    expect(svg).toContain('Alpha success works');
    expect(svg).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('PDF: title, date and card texts are text in the file, the lessons report after the picture', async () => {
    const file = await exportFile(page, { format: 'pdf', area: 'board', paper: 'a4', orientation: 'landscape' });
    expect(file.name).toMatch(/\.pdf$/);
    const pdf = await getDocument({ data: new Uint8Array(file.bytes), standardFontDataUrl: STANDARD_FONTS }).promise;
    expect(pdf.numPages).toBeGreaterThanOrEqual(2);
    const pages: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    expect(pages[0]).toContain('Export “check”');
    expect(pages[0]).toMatch(/Exported on/);
    for (const text of ['Alpha success works', 'Beta problem hurts', 'Gamma lesson learned']) expect(pages[0]).toContain(text);
    const report = pages.slice(1).join(' ');
    expect(report).toContain('Lessons report: Export “check”');
    expect(report).toContain('Gamma lesson learned');
    expect(report).toContain('Alpha success works');
    await pdf.destroy();
  });

  it('the small exports above were drawn in the worker, not on the page', async () => {
    expect(await page.evaluate(() => window.__exportWatch)).toMatchObject({ largestRead: 0 });
    expect((await page.evaluate(() => window.__exportWatch))?.workers).toBeGreaterThanOrEqual(5);
  });

  it('offers the server’s files as download links that carry the token', async () => {
    await openExport(page, {});
    for (const format of ['json', 'md', 'csv', 'svg']) {
      const href = await page.getAttribute(`[data-testid=server-export-${format}]`, 'href');
      expect(href).toBe(`/api/boards/${board.id}/export?format=${format}&token=${board.tokens.facilitator}`);
    }
    const md = await downloadFrom(page, () => page.click('[data-testid=server-export-md]'));
    expect(md.bytes.toString('utf8')).toContain('Gamma lesson learned');
  });
});

describe('a big board’s pictures are drawn off the page', () => {
  const GRID = gridCards(400);
  /** The grid's region: 20 x 20 cards with the margin. */
  const GRID_REGION = { x: -40, y: -40, w: 19 * 260 + 240 + 80, h: 19 * 180 + 150 + 80 };
  const rig = serverAndBrowser();
  let board: Awaited<ReturnType<typeof importBoard>>;

  beforeAll(async () => {
    board = await importBoard(rig.server.url, boardFile('Big grid', GRID));
  });

  async function open(withoutOffscreenCanvas: boolean): Promise<Page> {
    const { context, page } = await facilitator(rig.browser, fay, { ...board, title: 'Big grid' });
    if (withoutOffscreenCanvas) await context.addInitScript({ content: 'delete window.OffscreenCanvas;' });
    await context.addInitScript({ content: EXPORT_PROBE });
    await page.goto(board.links.facilitator);
    await waitForStatus(page, 'connected');
    // Every card synced (the outline lists only those near where it is scrolled).
    await page.waitForFunction(
      (n) => (window.__benchlearn?.board.content as { getMap(name: string): { size: number } } | undefined)?.getMap('cards').size === n,
      GRID.length,
    );
    return page;
  }

  const probe = async (page: Page): Promise<ExportWatch> => (await page.evaluate(() => window.__exportWatch))!;

  it('PNG at 2x and PDF: a worker draws, reads and encodes them, the page reads no pixels and shows progress', async () => {
    const page = await open(false);
    const png = PNG.sync.read((await exportFile(page, { format: 'png', area: 'board', ratio: '2', background: 'white' })).bytes);
    expect([png.width, png.height]).toEqual([2 * GRID_REGION.w, 2 * GRID_REGION.h]);
    expectCardColours(png, GRID_REGION, 2, [GRID[0]!, GRID[211]!, GRID[399]!]);
    const afterPng = await probe(page);
    expect(afterPng.workers).toBe(1);
    expect(afterPng.largestRead).toBe(0);
    // Progress came from the worker while it drew: values between start and end, rising.
    const between = afterPng.progress.filter((value) => value > 0 && value < 1);
    expect(between.length).toBeGreaterThanOrEqual(2);
    expect(between).toEqual([...between].sort((a, b) => a - b));

    const pdf = await exportFile(page, { format: 'pdf', paper: 'a3', orientation: 'landscape' });
    const doc = await getDocument({ data: new Uint8Array(pdf.bytes), standardFontDataUrl: STANDARD_FONTS }).promise;
    const first = (await (await doc.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(first).toContain('Big grid');
    expect(first).toContain('Grid card 399');
    await doc.destroy();
    expect(await probe(page)).toMatchObject({ workers: 2, terminated: 2, largestRead: 0 });

    // Cancel while the worker draws: it is ended at once, the dialog is ready again, nothing is saved.
    await openExport(page, { format: 'png', ratio: '3' });
    await page.evaluate(() => {
      window.__exportWatch!.progress = [];
    });
    await page.click('[data-testid=export-start]');
    await page.waitForFunction(() => (window.__exportWatch?.progress ?? []).some((value) => value > 0 && value < 1) && window.__exportWatch?.workers === 3);
    await page.click('[data-testid=export-cancel]');
    await page.waitForSelector('[data-testid=export-start]');
    expect(await probe(page)).toMatchObject({ workers: 3, terminated: 3 });
    expect(await page.isVisible('[data-testid=export-progress]')).toBe(false);
    await page.context().close();
  });

  it('without OffscreenCanvas the page draws the same picture itself', async () => {
    const page = await open(true);
    const png = PNG.sync.read((await exportFile(page, { format: 'png', area: 'board', ratio: '1', background: 'white' })).bytes);
    expect([png.width, png.height]).toEqual([GRID_REGION.w, GRID_REGION.h]);
    expectCardColours(png, GRID_REGION, 1, [GRID[0]!, GRID[211]!, GRID[399]!]);
    const seen = await probe(page);
    expect(seen.workers).toBe(0);
    expect(seen.largestRead).toBeGreaterThan(100_000);
    await page.context().close();
  });
});

describe('a PDF keeps every character', () => {
  const WORDS = ['Łódź', 'Ελληνικά', '中文', '👍', '🌱', '✅', 'İstanbul', 'Привет'];
  const UNICODE: FixtureCard[] = [
    { kind: 'success', x: 0, y: 0, w: 240, h: 150, text: 'Łódź 👍 Ελληνικά' },
    { kind: 'problem', x: 300, y: 0, w: 240, h: 150, text: '中文 🌱 İstanbul' },
    { kind: 'lesson', x: 0, y: 200, w: 240, h: 150, text: 'Привет ✅ 学习' },
  ];
  const rig = serverAndBrowser();
  let board: Awaited<ReturnType<typeof importBoard>>;

  beforeAll(async () => {
    board = await importBoard(rig.server.url, boardFile('Retro 🌱 Łódź', UNICODE, [[1, 2]]));
  });

  /** Every page's text, without the spaces pdf.js puts between runs of different fonts. */
  async function pdfText(bytes: Buffer): Promise<string[]> {
    const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: STANDARD_FONTS }).promise;
    const pages: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join('')
          .replace(/\s+/g, ''),
      );
    }
    await pdf.destroy();
    return pages;
  }

  for (const onPage of [false, true]) {
    it(`emoji and other scripts are text in the file, fonts fetched ${onPage ? 'by the page' : 'by the export worker'}`, async () => {
      const { context, page } = await facilitator(rig.browser, fay, { ...board, title: 'Retro 🌱 Łódź' });
      if (onPage) await context.addInitScript({ content: 'delete window.OffscreenCanvas;' });
      await page.goto(board.links.facilitator);
      await waitForStatus(page, 'connected');
      await page.waitForSelector('[data-testid=outline-card]');
      const file = await exportFile(page, { format: 'pdf', area: 'board', paper: 'a4', orientation: 'portrait' });
      const [first, ...report] = await pdfText(file.bytes);
      expect(first).toContain('Retro🌱Łódź');
      for (const word of WORDS) expect(first).toContain(word);
      expect(first).not.toMatch(/[?\ufffd]/);
      expect(report.join('')).toContain('中文🌱İstanbul');
      expect(report.join('')).toContain('Привет✅学习');
      await context.close();
    });
  }
});

describe('a tall board’s PNG and PDF: dots, report and page', () => {
  const TALL: FixtureCard[] = [
    { kind: 'success', x: 0, y: 0, w: 240, h: 150, text: 'Plain success' },
    // 360 units below the picture's top: at 3x a tile ends 341 units down, through this card's dots.
    { kind: 'problem', x: 300, y: 320, w: 240, h: 150, text: 'Voted problem' },
    { kind: 'lesson', x: 0, y: 700, w: 240, h: 150, text: 'Lonely lesson' },
    { kind: 'note', x: 0, y: 1400, w: 240, h: 150, text: 'Tall note' },
  ];
  const TALL_REGION = { x: -40, y: -40, w: 620, h: 1630 };
  const rig = serverAndBrowser();
  let page: Page;

  beforeAll(async () => {
    const file = JSON.parse(boardFile('Tall board', TALL)) as { cards: Array<{ text: string; votes?: Record<string, number> }> };
    file.cards.find((card) => card.text === 'Voted problem')!.votes = { 'u-bob': 2 };
    const board = await importBoard(rig.server.url, JSON.stringify(file));
    page = (await facilitator(rig.browser, fay, { ...board, title: 'Tall board' })).page;
    await page.goto(board.links.facilitator);
    await waitForStatus(page, 'connected');
    await page.waitForSelector('[data-testid=outline-card]');
  });

  it('PNG at 3x: the dots of a card just below a tile’s edge are whole, both halves', async () => {
    const png = PNG.sync.read((await exportFile(page, { format: 'png', area: 'board', ratio: '3', background: 'white' })).bytes);
    expect([png.width, png.height]).toEqual([3 * TALL_REGION.w, 3 * TALL_REGION.h]);
    const problem = TALL[1]!;
    const cx = problem.x + problem.w - VOTES_STYLE.inset - VOTES_STYLE.radius - TALL_REGION.x;
    const cy = problem.y + VOTES_STYLE.inset - VOTES_STYLE.radius - TALL_REGION.y;
    // The tile edge (1024 px) runs through the disc: its upper part lies in the tile above the card.
    expect(3 * (cy - VOTES_STYLE.radius)).toBeLessThan(1024);
    expect(3 * problem.y - 3 * TALL_REGION.y).toBeGreaterThan(1024);
    for (const dy of [-10, -6, 6]) expectColour(png, 3 * (cx - 6), 3 * (cy + dy), VOTES_STYLE.color);
  });

  it('PDF fitted to the board: a portrait page, the report in words (no asterisks), votes on problems, one date format', async () => {
    const file = await exportFile(page, { format: 'pdf', area: 'board', paper: 'a4', orientation: 'auto' });
    const pdf = await getDocument({ data: new Uint8Array(file.bytes), standardFontDataUrl: STANDARD_FONTS }).promise;
    const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
    expect(first.height).toBeGreaterThan(first.width);
    const pages: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    await pdf.destroy();
    const all = pages.join(' ');
    expect(all).toContain('No successes or problems linked yet.');
    expect(all).not.toContain('*');
    expect(pages.slice(1).join(' ')).toMatch(/Voted problem — Ann · 2 votes/);
    // The header's date and the report's: day, month in words, year (en-GB), never `December 3`.
    const dates = [...all.matchAll(/Exported on (\d{1,2}) ([A-Z][a-z]+) (\d{4})/g)];
    expect(dates.length).toBeGreaterThanOrEqual(2);
    expect(all).not.toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2},/);
  });
});
