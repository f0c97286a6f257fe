import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { boardMaps, setCardBounds } from '@benchlearn/shared';
import { createBoard } from '../../support/api';
import { launchChromium, participant } from '../../support/browser';
import { ServerProcess } from '../../support/server';
import { fmt, summarize } from '../lib/stats';
import type { Report } from '../lib/table';
import { fillBoard } from '../relay/workload';

export interface CanvasOutcome {
  firstPaintMs: number;
  cardsInView: number;
  frameIntervalP50: number;
  frameIntervalP95: number;
  frameWorkP50: number;
  frameWorkP95: number;
  moveFramesP50: number;
  moveFramesMax: number;
  moveMsP50: number;
  heapMiB: number;
}

/** The web app must be built for the server to serve it: scripts/lib.mjs decides when (bundle older than sources). */
async function buildClientIfNeeded(): Promise<void> {
  const lib = fileURLToPath(new URL('../../../scripts/lib.mjs', import.meta.url));
  const { buildClientIfNeeded: build } = (await import(pathToFileURL(lib).href)) as { buildClientIfNeeded(): void };
  build();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The page-side shapes the bench reads (Yjs and Konva objects of the app, see docs/testing-hooks.md). */
interface PageMap {
  get(key: string): unknown;
}
interface PageDoc {
  getMap(name: string): { size: number; get(key: string): PageMap | undefined; forEach(fn: (value: PageMap, key: string) => void): void };
  on(event: 'update', fn: () => void): void;
}
interface PageNode {
  id(): string;
  x(): number;
  getLayer(): { on(event: string, fn: () => void): void; off(event: string): void } | null;
  getClientRect(): { x: number; y: number; width: number; height: number };
}
interface PageStage {
  find(selector: string): PageNode[];
  findOne(selector: string): PageNode | undefined;
  x(): number;
  y(): number;
  scaleX(): number;
  width(): number;
  height(): number;
}
interface PageHook {
  stage: PageStage | null;
  /** The open board; the cards live in its content document. */
  board: { content: PageDoc };
  drawnCards?: () => string[];
}
interface BenchProbe {
  frames: number;
  deltas: number[];
  work: number[];
  recording: boolean;
  move: { id: string; want: number; updateFrame: number | null; updateAt: number | null; paintedFrame: number | null; paintedAt: number | null } | null;
}
declare global {
  interface Window {
    __benchProbe?: BenchProbe;
  }
}

export async function canvasBench(report: Report, options: { quick: boolean }): Promise<CanvasOutcome> {
  const cards = options.quick ? 1000 : 5000;
  const links = options.quick ? 400 : 2000;
  const panMs = options.quick ? 2000 : 5000;
  const moves = options.quick ? 5 : 20;
  await buildClientIfNeeded();
  const server = await ServerProcess.start({ LOG_LEVEL: 'warn' });
  const browser = await launchChromium();
  let provider: WebsocketProvider | null = null;
  try {
    const board = await createBoard(server.url, { title: 'Canvas bench', template: 'blank', locale: 'en' });
    // Seed through the server as any client would: a Node Y.Doc, a stock WebsocketProvider, shared's board API.
    // Only the content document (cards and links) is seeded: the control document is the server's.
    const doc = { content: new Y.Doc(), control: new Y.Doc() };
    provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/sync`, board.id, doc.content, {
      params: { token: board.tokens.editor },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const seeder = provider;
    await new Promise<void>((resolve) => seeder.once('sync', () => resolve()));
    fillBoard(doc, cards, links);
    // Stored when the API counts them (bounded: 60 s).
    for (let i = 0; ; i++) {
      const res = await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } });
      const view = (await res.json()) as { counts?: { links: number; success: number; problem: number; lesson: number; note: number } };
      const c = view.counts;
      if (c && c.success + c.problem + c.lesson + c.note === cards && c.links === links) break;
      if (i > 600) throw new Error(`the seeded board never reached the server: ${JSON.stringify(view)}`);
      await sleep(100);
    }

    const { context, page } = await participant(browser, { id: 'bench-viewer', name: 'Bench', color: '#1a73e8' });
    // tsx compiles with esbuild's keepNames: functions sent to page.evaluate call a __name helper the page lacks.
    await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
    const link = `${server.url}/b/${board.id}#token=${board.tokens.editor}`;
    await page.goto(link, { waitUntil: 'domcontentloaded' });
    // First complete paint: every card in the view is painted (by its own Konva node or by the
    // low-detail shape, as the canvas reports through drawnCards), then the next frame has been drawn.
    // Measured from navigation start (performance.now() in the page).
    const first = await page.evaluate(
      ({ expected, timeoutMs }) =>
        new Promise<{ t: number; inView: number; docAt: number; canvasAt: number }>((resolve, reject) => {
          // When the canvas appeared and when the document held every card: where the time went.
          let canvasAt = 0;
          let docAt = 0;
          const check = () => {
            const hook = window.__benchlearn as unknown as PageHook | undefined;
            const stage = hook?.stage;
            if (!hook || !stage || !hook.board) return null;
            if (!canvasAt) canvasAt = performance.now();
            const cardsMap = hook.board.content.getMap('cards');
            if (cardsMap.size < expected) return null;
            if (!docAt) docAt = performance.now();
            const scale = stage.scaleX();
            const view = { x: -stage.x() / scale, y: -stage.y() / scale, w: stage.width() / scale, h: stage.height() / scale };
            const drawn = new Set(hook.drawnCards ? hook.drawnCards() : stage.find('.card').map((node) => node.id()));
            let inView = 0;
            let missing = false;
            cardsMap.forEach((card, id) => {
              const x = card.get('x') as number;
              const y = card.get('y') as number;
              const w = card.get('w') as number;
              const h = card.get('h') as number;
              if (x < view.x + view.w && view.x < x + w && y < view.y + view.h && view.y < y + h) {
                inView += 1;
                if (!drawn.has(id)) missing = true;
              }
            });
            return missing || inView === 0 ? null : inView;
          };
          const tick = () => {
            const inView = check();
            if (inView !== null) {
              // The frame after: Konva draws in requestAnimationFrame; a task after it means that frame is done.
              requestAnimationFrame(() => setTimeout(() => resolve({ t: performance.now(), inView, docAt, canvasAt }), 0));
              return;
            }
            if (performance.now() > timeoutMs) reject(new Error('the board never finished painting'));
            else requestAnimationFrame(tick);
          };
          tick();
        }),
      { expected: cards, timeoutMs: 120_000 },
    );

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');

    // A frame recorder: rAF intervals (what the eye sees) and the work each frame took (rAF to the task after it).
    await page.evaluate(() => {
      const probe: BenchProbe = { frames: 0, deltas: [], work: [], recording: false, move: null };
      window.__benchProbe = probe;
      let last = performance.now();
      const channel = new MessageChannel();
      let frameStart = 0;
      channel.port1.onmessage = () => {
        if (probe.recording) probe.work.push(performance.now() - frameStart);
      };
      const frame = (now: number) => {
        probe.frames += 1;
        if (probe.recording) probe.deltas.push(now - last);
        last = now;
        frameStart = performance.now();
        channel.port2.postMessage(null);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });

    const canvasBox = await page.locator('[data-testid=board-canvas]').boundingBox();
    if (!canvasBox) throw new Error('no canvas on the page');
    const cx = canvasBox.x + canvasBox.width / 2;
    const cy = canvasBox.y + canvasBox.height / 2;
    await page.mouse.move(cx, cy);
    /** Wheel pans (every direction) and, when `zoom`, ctrl+wheel zooms, as a trackpad or mouse would; bounded by `ms`. */
    const pan = async (ms: number, zoom: boolean) => {
      await page.evaluate(() => {
        const probe = window.__benchProbe!;
        probe.deltas = [];
        probe.work = [];
        probe.recording = true;
      });
      const panStart = Date.now();
      let step = 0;
      while (Date.now() - panStart < ms) {
        const phase = step % 40;
        if (phase < 30 || !zoom) {
          const angle = (step / 30) * Math.PI;
          await page.mouse.wheel(Math.cos(angle) * 40, Math.sin(angle) * 30);
        } else {
          await page.keyboard.down('Control');
          await page.mouse.wheel(0, phase < 35 ? -20 : 20);
          await page.keyboard.up('Control');
        }
        step += 1;
        await sleep(16);
      }
      return page.evaluate(() => {
        const probe = window.__benchProbe!;
        probe.recording = false;
        const hook = window.__benchlearn as unknown as PageHook | undefined;
        const stage = hook?.stage;
        return { deltas: probe.deltas, work: probe.work, cardNodes: stage ? stage.find('.card').length : 0, painted: hook?.drawnCards?.().length ?? 0 };
      });
    };
    const frames = await pan(panMs, true);

    await page.evaluate(() => {
      const hook = window.__benchlearn as unknown as PageHook | undefined;
      hook?.board.content.on('update', () => {
        const move = window.__benchProbe?.move;
        if (move && move.updateAt === null) {
          move.updateAt = performance.timeOrigin + performance.now();
          move.updateFrame = window.__benchProbe!.frames;
        }
      });
    });
    // A remote move: the seeding client moves a card in the middle of the view; the page records when
    // the update arrives and the frame in which the layer painting the card (its own node's, or the
    // low-detail shape's) draws it at its new place.
    const remoteMoves = async (count: number) => {
      const target = await page.evaluate(() => {
        const hook = window.__benchlearn as unknown as PageHook | undefined;
        const stage = hook?.stage;
        if (!hook || !stage) return null;
        const scale = stage.scaleX();
        const mid = { x: (stage.width() / 2 - stage.x()) / scale, y: (stage.height() / 2 - stage.y()) / scale };
        const painted = new Set(hook.drawnCards ? hook.drawnCards() : stage.find('.card').map((node) => node.id()));
        let best: { id: string; x: number; d: number } | null = null;
        hook.board.content.getMap('cards').forEach((card, id) => {
          if (!painted.has(id)) return;
          const x = card.get('x') as number;
          const d = Math.hypot(x + (card.get('w') as number) / 2 - mid.x, (card.get('y') as number) + (card.get('h') as number) / 2 - mid.y);
          if (!best || d < best.d) best = { id, x, d };
        });
        return best as { id: string; x: number; d: number } | null;
      });
      if (!target) throw new Error('no card in view to move');
      const targetY = boardMaps(doc).cards.get(target.id)?.get('y');
      if (typeof targetY !== 'number') throw new Error('the card to move is not in the document');
      const moveFrames: number[] = [];
      const moveMs: number[] = [];
      for (let i = 0; i < count; i++) {
        const want = target.x + (i % 2 === 0 ? 40 : 0);
        await page.evaluate(
          ({ id, want: x }) => {
            const probe = window.__benchProbe!;
            const hook = window.__benchlearn as unknown as PageHook | undefined;
            const stage = hook?.stage;
            probe.move = { id, want: x, updateAt: null, updateFrame: null, paintedAt: null, paintedFrame: null };
            const layer = (stage?.findOne(`#${id}`) ?? stage?.findOne('.cards-lod'))?.getLayer();
            layer?.off('draw.bench');
            layer?.on('draw.bench', () => {
              const move = probe.move;
              const node = stage?.findOne(`#${id}`);
              // Its own node at the new place, or (low detail) painted by the shape, which draws the card as the document has it.
              const placed = node
                ? node.x() === move?.want
                : (hook?.drawnCards?.().includes(id) ?? false) && hook?.board.content.getMap('cards').get(id)?.get('x') === move?.want;
              if (move && move.paintedAt === null && placed) {
                move.paintedAt = performance.timeOrigin + performance.now();
                move.paintedFrame = probe.frames;
              }
            });
          },
          { id: target.id, want },
        );
        const sentAt = performance.timeOrigin + performance.now();
        setCardBounds(doc, [{ id: target.id, x: want, y: targetY }]);
        const result = await page
          .waitForFunction(() => (window.__benchProbe?.move?.paintedAt ? window.__benchProbe.move : null), undefined, { timeout: 10_000 })
          .then((handle) => handle.jsonValue() as Promise<NonNullable<BenchProbe['move']>>);
        if (result.paintedAt !== null && result.updateFrame !== null && result.paintedFrame !== null) {
          moveFrames.push(result.paintedFrame - result.updateFrame);
          moveMs.push(result.paintedAt - sentAt);
        }
        await sleep(250);
      }
      return { moveFrames, moveMs };
    };
    const { moveFrames, moveMs } = await remoteMoves(moves);

    // Close up: zoom to 100% on the middle (full detail: every card near the view has its own
    // node with text), let the nodes mount, then pan and move a card again.
    // First the middle of the board under the pointer (a wheel pans by its pixels).
    const mid = await page.evaluate(() => {
      const hook = window.__benchlearn as unknown as PageHook | undefined;
      const stage = hook?.stage;
      if (!hook || !stage) return null;
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      hook.board.content.getMap('cards').forEach((card) => {
        minX = Math.min(minX, card.get('x') as number);
        minY = Math.min(minY, card.get('y') as number);
        maxX = Math.max(maxX, card.get('x') as number);
        maxY = Math.max(maxY, card.get('y') as number);
      });
      const scale = stage.scaleX();
      return { x: ((minX + maxX) / 2) * scale + stage.x(), y: ((minY + maxY) / 2) * scale + stage.y() };
    });
    if (mid) await page.mouse.wheel(mid.x - (cx - canvasBox.x), mid.y - (cy - canvasBox.y));
    await sleep(100);
    await page.keyboard.down('Control');
    for (let i = 0; i < 12; i++) {
      const scale = await page.evaluate(() => (window.__benchlearn as unknown as PageHook | undefined)?.stage?.scaleX() ?? 1);
      if (scale >= 0.95) break;
      await page.mouse.wheel(0, -100 * Math.min(1, Math.log(1 / scale)));
      await sleep(50);
    }
    await page.keyboard.up('Control');
    await sleep(1500);
    const close = await pan(panMs / 2, false);
    const closeMoves = await remoteMoves(Math.ceil(moves / 2));
    const closeIntervals = summarize(close.deltas);
    const closeWork = summarize(close.work);
    const closeMf = summarize(closeMoves.moveFrames);

    const intervals = summarize(frames.deltas);
    const work = summarize(frames.work);
    const mf = summarize(moveFrames);
    const mm = summarize(moveMs);
    const outcome: CanvasOutcome = {
      firstPaintMs: first.t,
      cardsInView: first.inView,
      frameIntervalP50: intervals.p50,
      frameIntervalP95: intervals.p95,
      frameWorkP50: work.p50,
      frameWorkP95: work.p95,
      moveFramesP50: mf.p50,
      moveFramesMax: mf.max,
      moveMsP50: mm.p50,
      heapMiB: heap.usedSize / 1024 / 1024,
    };
    report.add({
      title: `Canvas: a board of ${cards} cards and ${links} links in headless Chromium (1280x800, software rendering)`,
      header: ['measure', 'value', 'target'],
      rows: [
        ['first complete paint after opening the link', `${fmt(outcome.firstPaintMs, 0)} ms (${first.inView} cards in view)`, '< 1,500 ms'],
        ['  of which: canvas on the page / every card in the document', `${fmt(first.canvasAt, 0)} / ${fmt(first.docAt, 0)} ms`, ''],
        [
          `frame interval while panning/zooming ${panMs / 1000} s, p50 / p95`,
          `${fmt(intervals.p50, 1)} / ${fmt(intervals.p95, 1)} ms (${intervals.count} frames)`,
          'p95 < 16.7 ms',
        ],
        ['longest frame interval', `${fmt(intervals.max, 1)} ms`, ''],
        ['work per frame while panning/zooming (rAF to the task after it), p50 / p95', `${fmt(work.p50, 1)} / ${fmt(work.p95, 1)} ms`, ''],
        ['cards painted in the view / full card nodes mounted, at the end of the pan', `${frames.painted} / ${frames.cardNodes}`, '~2,000 visible'],
        [
          `remote move to painted: frames after the update arrived, p50 / max (${moveFrames.length} moves)`,
          `${fmt(mf.p50, 0)} / ${fmt(mf.max, 0)}`,
          '<= 2 frames',
        ],
        ['remote move: send in Node to painted in the page, p50 / max', `${fmt(mm.p50, 1)} / ${fmt(mm.max, 1)} ms`, ''],
        [
          `at 100% (full detail): frame interval while panning ${panMs / 2000} s, p50 / p95`,
          `${fmt(closeIntervals.p50, 1)} / ${fmt(closeIntervals.p95, 1)} ms (${closeIntervals.count} frames)`,
          '',
        ],
        ['at 100%: work per frame p50 / p95; longest interval', `${fmt(closeWork.p50, 1)} / ${fmt(closeWork.p95, 1)} ms; ${fmt(closeIntervals.max, 1)} ms`, ''],
        ['at 100%: cards painted / full card nodes mounted', `${close.painted} / ${close.cardNodes}`, ''],
        [
          `at 100%: remote move to painted, frames p50 / max (${closeMoves.moveFrames.length} moves)`,
          `${fmt(closeMf.p50, 0)} / ${fmt(closeMf.max, 0)}`,
          '<= 2 frames',
        ],
        ['JS heap after load (after a GC)', `${fmt(outcome.heapMiB, 1)} MiB (of ${fmt(heap.totalSize / 1024 / 1024, 1)})`, ''],
      ],
      notes: [
        'first paint = from navigation start until every card whose box meets the view is painted (its own Konva node, or the low-detail shape when zoomed far out), plus the frame after it',
        'seeded through the sync endpoint by a Node Y.Doc + stock WebsocketProvider with shared addCard/linkCards, as a client would',
      ],
    });
    await context.close();
    return outcome;
  } finally {
    provider?.destroy();
    await browser.close();
    await server.stop();
  }
}
