// `cd tests && node --import tsx bench/export/export.ts [--cards=5000] [--page]`
// Times the browser's picture exports of a big board (issue 4): PNG of the whole board at 1x, 2x
// and 3x, SVG, and PDFs with the lessons report, each through the export dialog in headless
// Chromium. PNG and PDF are drawn in the export worker; `--page` hides OffscreenCanvas from the
// page, so they are drawn on the page itself in slices (the path of browsers without it).
// Besides the time to the download it reports how long the page was ever blocked: the longest
// task (PerformanceObserver 'longtask'), the longest script run in a long animation frame (what
// the app's own code held the thread for) and the longest gap between frames. On a busy machine
// the task and gap also hold time the OS gave to other processes.
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { addCard, exportBoardJson, initBoard, linkCards, newBoardDocs, type CardKind } from '@benchlearn/shared';
import { waitForStatus } from '../../support/board';
import { launchChromium } from '../../support/browser';
import { downloadFrom, importBoard } from '../../support/exportFiles';
import { ServerProcess } from '../../support/server';
import { facilitator } from '../../support/workshop';

interface Probe {
  longestTask: number;
  /** The longest single script run inside a long animation frame (what this page's code blocked). */
  longestScript: number;
  longestFrameGap: number;
  last: number;
  running: boolean;
}
declare global {
  interface Window {
    __exportProbe?: Probe;
  }
}

/** The canvas bench's layout: a square grid, every kind, links to the lessons. */
function bigBoardFile(cards: number, links: number): string {
  const doc = newBoardDocs();
  initBoard(doc, { title: 'Export bench', template: 'blank', locale: 'en', createdAt: Date.UTC(2025, 0, 31) });
  const kinds: CardKind[] = ['success', 'problem', 'note', 'lesson'];
  const columns = Math.ceil(Math.sqrt(cards));
  const ids: string[] = [];
  const lessons: string[] = [];
  for (let i = 0; i < cards; i++) {
    const kind = kinds[i % kinds.length]!;
    const text = `Card ${i}: what we learned in session ${i % 37}`;
    const id = addCard(doc, { kind, x: (i % columns) * 260, y: Math.floor(i / columns) * 180, text, authorId: `a-${i % 20}`, authorName: `Author ${i % 20}` });
    ids.push(id);
    if (kind === 'lesson') lessons.push(id);
  }
  let made = 0;
  for (let i = 0; i < ids.length && made < links; i++) {
    if (i % kinds.length === 3) continue;
    const lesson = lessons[Math.min(lessons.length - 1, Math.floor(i / kinds.length))];
    if (lesson && linkCards(doc, ids[i]!, lesson, 'a-0').ok) made += 1;
  }
  return exportBoardJson(doc);
}

async function buildClientIfNeeded(): Promise<void> {
  const lib = fileURLToPath(new URL('../../../scripts/lib.mjs', import.meta.url));
  const { buildClientIfNeeded: build } = (await import(pathToFileURL(lib).href)) as { buildClientIfNeeded(): void };
  build();
}

async function startProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe: Probe = { longestTask: 0, longestScript: 0, longestFrameGap: 0, last: performance.now(), running: true };
    window.__exportProbe = probe;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longestTask = Math.max(probe.longestTask, entry.duration);
    }).observe({ type: 'longtask' });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { scripts: { duration: number }[] }[]) {
        for (const script of entry.scripts) probe.longestScript = Math.max(probe.longestScript, script.duration);
      }
    }).observe({ type: 'long-animation-frame' });
    const frame = (now: number) => {
      probe.longestFrameGap = Math.max(probe.longestFrameGap, now - probe.last);
      probe.last = now;
      if (probe.running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

async function stopProbe(page: Page): Promise<{ longestTask: number; longestScript: number; longestFrameGap: number }> {
  return page.evaluate(() => {
    const probe = window.__exportProbe!;
    probe.running = false;
    return { longestTask: probe.longestTask, longestScript: probe.longestScript, longestFrameGap: probe.longestFrameGap };
  });
}

function pngSize(bytes: Buffer): string {
  return bytes.subarray(12, 16).toString('latin1') === 'IHDR' ? `${bytes.readUInt32BE(16)} × ${bytes.readUInt32BE(20)}` : '';
}

async function main(): Promise<void> {
  const cardsArg = process.argv.find((arg) => arg.startsWith('--cards='));
  const cards = cardsArg ? Number(cardsArg.slice(8)) : 5000;
  const onPage = process.argv.includes('--page');
  await buildClientIfNeeded();
  const server = await ServerProcess.start({ AUTO_SNAPSHOT_MS: '0' });
  const browser = await launchChromium();
  try {
    const board = await importBoard(server.url, bigBoardFile(cards, Math.round(cards * 0.4)));
    const { context, page } = await facilitator(
      browser,
      { id: 'bench-000000000000000001', name: 'Bench', color: '#1a73e8' },
      { ...board, title: 'Export bench' },
    );
    await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
    if (onPage) await context.addInitScript({ content: 'delete window.OffscreenCanvas;' });
    await page.goto(board.links.facilitator);
    await waitForStatus(page, 'connected');
    await page.waitForFunction(
      (n) => (window.__benchlearn?.board.content as { getMap(name: string): { size: number } } | undefined)?.getMap('cards').size === n,
      cards,
      { timeout: 300_000 },
    );
    await page.click('[data-testid=export-button]');
    const cases: [string, Record<string, string>][] = [
      ['PNG whole board 1x', { format: 'png', area: 'board', ratio: '1', background: 'white' }],
      ['PNG whole board 2x', { format: 'png', area: 'board', ratio: '2', background: 'white' }],
      ['PNG whole board 3x', { format: 'png', area: 'board', ratio: '3', background: 'white' }],
      ['SVG whole board', { format: 'svg', area: 'board', background: 'white' }],
      ['PDF A4 landscape + report', { format: 'pdf', area: 'board', paper: 'a4', orientation: 'landscape' }],
      ['PDF A3 landscape + report', { format: 'pdf', area: 'board', paper: 'a3', orientation: 'landscape' }],
    ];
    const load = loadavg()
      .map((n) => n.toFixed(2))
      .join(', ');
    console.log(
      `${cards} cards; headless Chromium (no GPU); drawn ${onPage ? 'on the page' : 'in the export worker'}; times to the download; load average ${load}\n`,
    );
    console.log('| export | time | output | file | longest task | longest script | longest frame gap |');
    console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: |');
    // The page alone, doing nothing, for comparison: what the open board itself costs.
    await startProbe(page);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = await stopProbe(page);
    console.log(
      `| (idle page, 5 s) | | | | ${Math.round(idle.longestTask)} ms | ${Math.round(idle.longestScript)} ms | ${Math.round(idle.longestFrameGap)} ms |`,
    );
    for (const [name, choice] of cases) {
      for (const [field, value] of Object.entries(choice)) await page.selectOption(`select[name=export-${field}]`, value);
      await startProbe(page);
      const t0 = performance.now();
      const file = await downloadFrom(page, () => page.click('[data-testid=export-start]'), '[data-testid=export-error]');
      const seconds = (performance.now() - t0) / 1000;
      const blocked = await stopProbe(page);
      const size = choice.format === 'png' ? pngSize(file.bytes) : '';
      console.log(
        `| ${name} | ${seconds.toFixed(1)} s | ${size} | ${(file.bytes.length / 1024 / 1024).toFixed(1)} MiB | ${Math.round(blocked.longestTask)} ms | ${Math.round(blocked.longestScript)} ms | ${Math.round(blocked.longestFrameGap)} ms |`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
