import type { Card } from '@benchlearn/shared';
import type { Rect } from '../editor/viewport';
import { BODY_FONT_SIZE, bodyBox } from '../ui/kinds';
import type { ProgressListener, Slicer } from './chunks';
import { fitInside, outputSize } from './region';
import type { PdfCardText } from './pdfDocument';
import type { FontLoader } from './pdfFonts';
import { deflatedRgb } from './pdfImage';
import { renderCanvas } from './render';
import { reportBlocks } from './report';
import type { ExportScene } from './scene';

/** `auto`: A4, or A3 when the board is so big that its cards' text would be tiny on A4. */
export type PaperSize = 'auto' | 'a4' | 'a3';
type Sheet = Exclude<PaperSize, 'auto'>;
/** `auto`: the page turned the way the board is, a tall board portrait, a wide one landscape. */
export type Orientation = 'auto' | 'portrait' | 'landscape';

/** Paper in millimetres, portrait. */
const PAPER: Record<Sheet, { w: number; h: number }> = { a4: { w: 210, h: 297 }, a3: { w: 297, h: 420 } };
/** Below this size (points) on A4, the card text of an `auto` paper goes to A3. */
export const AUTO_A3_BELOW_PT = 5;
const MARGIN = 12;
const HEADER = 14;
/** The picture's resolution on paper: sharp in print, light enough to build without a stall. */
export const PDF_DPI = 200;
const MM_PER_INCH = 25.4;
const PT_PER_MM = 72 / MM_PER_INCH;

/** The way the page is turned: as asked, or (auto) the way that gives the picture the most room. */
export function pageOrientation(orientation: Orientation, region: Pick<Rect, 'w' | 'h'>): Exclude<Orientation, 'auto'> {
  if (orientation !== 'auto') return orientation;
  return region.h > region.w ? 'portrait' : 'landscape';
}

/** The picture's box on a page: under the header, inside the margins (mm). */
function pictureBox(page: { w: number; h: number }) {
  return { x: MARGIN, y: MARGIN + HEADER, w: page.w - 2 * MARGIN, h: page.h - 2 * MARGIN - HEADER };
}

/** The sheet a PDF is printed on: as asked, or (auto) A4 unless the cards' text would be tiny there. */
export function pageSheet(paper: PaperSize, orientation: Orientation, region: Pick<Rect, 'w' | 'h'>): Sheet {
  if (paper !== 'auto') return paper;
  const a4 = pageOrientation(orientation, region) === 'portrait' ? PAPER.a4 : { w: PAPER.a4.h, h: PAPER.a4.w };
  const box = pictureBox(a4);
  const fitted = fitInside(region.w, region.h, box.w, box.h);
  return BODY_FONT_SIZE * (fitted.w / Math.max(1, region.w)) * PT_PER_MM < AUTO_A3_BELOW_PT ? 'a3' : 'a4';
}

/** The report's pages: portrait, on the picture's sheet. */
export function reportPage(paper: PaperSize, orientation: Orientation, region: Pick<Rect, 'w' | 'h'>): { w: number; h: number } {
  return PAPER[pageSheet(paper, orientation, region)];
}

/** Where the board's picture goes on the first page (mm) and how many pixels it gets. */
export function picturePlacement(paper: PaperSize, orientation: Orientation, region: Rect) {
  const portrait = PAPER[pageSheet(paper, orientation, region)];
  const page = pageOrientation(orientation, region) === 'portrait' ? portrait : { w: portrait.h, h: portrait.w };
  const box = pictureBox(page);
  const fitted = fitInside(region.w, region.h, box.w, box.h);
  const place = { x: box.x + (box.w - fitted.w) / 2, y: box.y, w: fitted.w, h: fitted.h };
  const pixelsWide = (fitted.w / MM_PER_INCH) * PDF_DPI;
  const size = outputSize(region, pixelsWide / Math.max(1, region.w), { maxSide: 8192, maxPixels: 24e6 });
  return { page, place, size };
}

export interface PdfJob {
  scene: ExportScene;
  region: Rect;
  paper: PaperSize;
  orientation: Orientation;
  title: string;
  /** The header's second line: the date (and what was exported), in words. */
  subtitle: string;
  /** The lessons report as Markdown (shared's exportMarkdown), or null to leave it out. */
  reportMarkdown: string | null;
  slicer: Slicer;
  onProgress?: ProgressListener;
}

/**
 * The board as a PDF: page one has the title and date in a header and the picture fitted
 * below; the card texts lie invisibly over their cards, so the page can be searched and copied.
 * The lessons report follows on pages of its own, as real text. pdf-lib, and the fonts the text
 * needs beyond the standard ones, are loaded on first use (pdfDocument.ts, pdfFonts.ts).
 */
export async function renderPdf(job: PdfJob, loadFont?: FontLoader): Promise<Blob> {
  const { page, place, size } = picturePlacement(job.paper, job.orientation, job.region);
  const pictureShare = job.reportMarkdown ? 0.85 : 0.95;
  const canvas = await renderCanvas({
    scene: job.scene,
    region: job.region,
    size,
    background: 'white',
    slicer: job.slicer,
    onProgress: (done) => job.onProgress?.(done * pictureShare),
  });
  // Lossless like a PNG, compressed by the browser in slices (see pdfImage.ts).
  const image = await deflatedRgb(canvas, job.slicer);
  canvas.width = 0;
  await job.slicer.pause();
  const [{ composePdf }, load] = await Promise.all([import('./pdfDocument'), loadFont ?? import('./fontFiles').then((files) => files.loadFontFile)]);
  const bytes = await composePdf(
    {
      page,
      reportPage: reportPage(job.paper, job.orientation, job.region),
      margin: MARGIN,
      title: job.title,
      subtitle: job.subtitle,
      picture: { image, ...place },
      cards: cardTexts(job, place),
      cardFontSize: Math.max(1, BODY_FONT_SIZE * (place.w / job.region.w) * PT_PER_MM),
      report: job.reportMarkdown ? reportBlocks(job.reportMarkdown) : null,
      pause: () => job.slicer.pause(),
      onReportProgress: (done) => job.onProgress?.(pictureShare + (1 - pictureShare) * done),
    },
    load,
  );
  job.onProgress?.(1);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

/** The texts of the cards the picture shows, placed over each card's body (mm on the page). */
export function cardTexts(job: Pick<PdfJob, 'scene' | 'region'>, place: { x: number; y: number; w: number }): PdfCardText[] {
  const mmPerUnit = place.w / job.region.w;
  const cards: readonly Card[] = job.scene.data.cards;
  return cards
    .filter((card) => card.text.trim() && intersects(card, job.region))
    .map((card) => {
      const body = bodyBox(card.w, card.h);
      return {
        text: card.text,
        x: place.x + (card.x + body.x - job.region.x) * mmPerUnit,
        y: place.y + (card.y + body.y - job.region.y) * mmPerUnit,
        w: body.w * mmPerUnit,
      };
    });
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
