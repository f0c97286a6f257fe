import { exportMarkdown, exportSvg, readShownCards, type BoardDocs, type Card, type CardKind, type Frame, type Link } from '@benchlearn/shared';
import { measureText } from '../ui/measure';
import { Slicer, type ProgressListener } from './chunks';
import { exportFileName } from '../platform/fileName';
import type { Orientation, PaperSize } from './pdf';
import { makePicture, type Picture, type PictureRequest } from './picture';
import { pictureInWorker, WorkerUnavailable, workerSupported } from './pictureWorker';
import { outputSize, regionAround, type ExportArea, type OutputSize, type Rect } from './region';
import type { Background } from './render';
import type { SceneData } from './scene';

export type PictureFormat = 'png' | 'svg' | 'pdf';

export interface ExportChoice {
  format: PictureFormat;
  area: ExportArea;
  /** PNG pixels per board unit: 1, 2 or 3. */
  ratio: number;
  background: Background;
  paper: PaperSize;
  orientation: Orientation;
  /** PDF: the lessons report on pages after the picture. */
  withReport: boolean;
}

/**
 * The board as the editor holds it (editor/boardStore.ts, its read model): the documents for
 * what only they know (the session's anonymity and rounds, the board's language), and the
 * cards, frames and drawn links already read. Exports never read the documents a second time.
 */
export interface BoardRead {
  readonly board: BoardDocs;
  /** The cards in stacking order. */
  getCards(): readonly Card[];
  getFrames(): readonly Frame[];
  /** Drawn links (both ends present, into a lesson). */
  getLinks(): readonly Link[];
}

/** What the board page knows when the person asks for a picture. */
export interface BoardSource {
  store: BoardRead;
  title: string;
  selection: ReadonlySet<string>;
  /** The part of the board on screen (board units), from the canvas's presence. */
  viewport: Rect | null;
}

/** A copy of what the area shows, taken at the start: edits during the export do not tear it. */
export function sceneData(store: BoardRead, area: ExportArea, selection: ReadonlySet<string>): SceneData {
  // As everyone may see the board: no names in anonymous mode, no dots of a hidden round (docs/model.md).
  const all = readShownCards(store.board, store.getCards());
  if (area === 'selection') {
    const cards = all.filter((card) => selection.has(card.id));
    return { cards, frames: [], links: store.getLinks().filter((link) => selection.has(link.from) && selection.has(link.to)) };
  }
  return { cards: all, frames: store.getFrames(), links: store.getLinks() };
}

/** The board region a picture shows; null when there is nothing to show (an empty selection). */
export function areaRegion(data: SceneData, area: ExportArea, viewport: Rect | null): Rect | null {
  if (area === 'view') return viewport && viewport.w > 0 && viewport.h > 0 ? viewport : null;
  const region = regionAround([...data.frames, ...data.cards]);
  // An empty board still makes a picture: a blank one the size of a screen.
  return region ?? (area === 'board' ? { x: 0, y: 0, w: 400, h: 300 } : null);
}

/** The PNG's pixel size for a choice, before it is made (the dialog shows it). */
export function pngSize(source: BoardSource, choice: Pick<ExportChoice, 'area' | 'ratio'>): OutputSize | null {
  const region = areaRegion(sceneData(source.store, choice.area, source.selection), choice.area, source.viewport);
  return region ? outputSize(region, choice.ratio) : null;
}

export interface ExportOptions {
  kindLabels: Readonly<Record<CardKind, string>>;
  /** The PDF header's line under the title (date, in the person's language). */
  subtitle: string;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  now?: number;
}

export interface ExportResult {
  blob: Blob;
  fileName: string;
  /** PNG: the size it came out at (smaller than asked on a huge board). */
  size?: OutputSize;
}

export class NothingToExport extends Error {
  constructor() {
    super('nothing to export');
    this.name = 'NothingToExport';
  }
}

/**
 * Draws the picture in the export worker where the browser has one; on the page, in slices,
 * where it has not (or the worker would not start).
 */
async function drawPicture(request: PictureRequest, options: Pick<ExportOptions, 'signal' | 'onProgress'>): Promise<Picture> {
  if (workerSupported()) {
    try {
      return await pictureInWorker(request, { signal: options.signal, onProgress: options.onProgress });
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error;
    }
  }
  return makePicture(request, new Slicer(12, options.signal), options.onProgress);
}

/** Makes the picture the person chose, with progress; throws ExportCancelled on cancel. */
export async function exportPicture(source: BoardSource, choice: ExportChoice, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? Date.now();
  const data = sceneData(source.store, choice.area, source.selection);
  const region = areaRegion(data, choice.area, source.viewport);
  if (!region) throw new NothingToExport();
  const fileName = exportFileName({
    title: source.title,
    at: now,
    extension: choice.format,
    area: choice.area,
    ratio: choice.format === 'png' ? choice.ratio : 1,
  });
  // Reading the board and writing the SVG or the report each take a moment on a big board: separate tasks.
  const slicer = new Slicer(0, options.signal);
  await slicer.pause();

  if (choice.format === 'svg') {
    const svg = exportSvg(source.store.board, {
      content: { cards: source.store.getCards(), links: source.store.getLinks(), frames: source.store.getFrames() },
      ...(choice.area === 'view' ? { region } : {}),
      ...(choice.area === 'selection' ? { cardIds: new Set(data.cards.map((card) => card.id)) } : {}),
      ...(choice.background === 'transparent' ? { background: null } : {}),
      // Cards as the PNG and the canvas have them: the reader's kind names, wrapped in the browser's fonts.
      kindLabels: options.kindLabels,
      measure: measureText,
    });
    options.onProgress?.(1);
    return { blob: new Blob([svg], { type: 'image/svg+xml' }), fileName };
  }

  const common = { data, kindLabels: options.kindLabels, region };
  const request: PictureRequest =
    choice.format === 'png'
      ? { ...common, format: 'png', ratio: choice.ratio, background: choice.background }
      : {
          ...common,
          format: 'pdf',
          paper: choice.paper,
          orientation: choice.orientation,
          title: source.title,
          subtitle: options.subtitle,
          reportMarkdown: choice.withReport
            ? exportMarkdown(source.store.board, { now, cards: source.store.getCards(), links: source.store.getLinks() })
            : null,
        };
  await slicer.pause();
  const picture = await drawPicture(request, options);
  return { ...picture, fileName };
}
