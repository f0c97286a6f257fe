import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { KIND_COLORS, type CardKind } from '@benchlearn/shared';
import { waitForStatus } from '../support/board';
import { launchChromium } from '../support/browser';
import { boardFile, downloadFrom, importBoard, type FixtureCard } from '../support/exportFiles';
import { ServerProcess } from '../support/server';
import { facilitator, ownRegion } from '../support/workshop';

/** The card fills of the canvas (client/src/board/kinds.ts). */
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

describe('export from the browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let board: Awaited<ReturnType<typeof importBoard>>;

  beforeAll(async () => {
    server = await ServerProcess.start();
    browser = await launchChromium();
    board = await importBoard(server.url, boardFile('Export “check”', CARDS, [[0, 2]]));
    page = (await facilitator(browser, fay, { ...board, title: 'Export “check”' })).page;
    await page.goto(board.links.facilitator);
    await waitForStatus(page, 'connected');
    await page.waitForSelector('[data-testid=outline-card]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('PNG of the whole board: 2x has twice the pixels of 1x, cards in their kind colours, white or transparent', async () => {
    const one = await exportFile(page, { format: 'png', area: 'board', ratio: '1', background: 'white' });
    expect(one.name).toMatch(/^export-check-\d{4}-\d{2}-\d{2}\.png$/);
    const png1 = PNG.sync.read(one.bytes);
    expect([png1.width, png1.height]).toEqual([REGION.w, REGION.h]);
    expectCardColours(png1, REGION, 1, CARDS);
    expectColour(png1, 2, 2, '#ffffff');

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
