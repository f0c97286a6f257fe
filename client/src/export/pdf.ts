import type { ImageFormat } from 'jspdf';
import type { Card } from '@benchlearn/shared';
import type { Rect } from '../board/viewport';
import { BODY_FONT_SIZE, bodyBox } from '../board/kinds';
import type { ProgressListener, Slicer } from './chunks';
import { fitInside, outputSize } from './region';
import { deflatedRgb, DEFLATED_RGB, registerDeflatedRgb } from './pdfImage';
import { renderCanvas } from './render';
import { pdfSafeText, reportBlocks, type ReportBlock } from './report';
import type { ExportScene } from './scene';

export type PaperSize = 'a4' | 'a3';
export type Orientation = 'portrait' | 'landscape';

/** Paper in millimetres, portrait. */
const PAPER: Record<PaperSize, { w: number; h: number }> = { a4: { w: 210, h: 297 }, a3: { w: 297, h: 420 } };
const MARGIN = 12;
const HEADER = 14;
/** The picture's resolution on paper: sharp in print, light enough to build without a stall. */
export const PDF_DPI = 200;
const MM_PER_INCH = 25.4;
const PT_PER_MM = 72 / MM_PER_INCH;

/** Where the board's picture goes on the first page (mm) and how many pixels it gets. */
export function picturePlacement(paper: PaperSize, orientation: Orientation, region: Rect) {
  const portrait = PAPER[paper];
  const page = orientation === 'portrait' ? portrait : { w: portrait.h, h: portrait.w };
  const box = { x: MARGIN, y: MARGIN + HEADER, w: page.w - 2 * MARGIN, h: page.h - 2 * MARGIN - HEADER };
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

const BLOCK_STYLE: Record<ReportBlock['kind'], { size: number; bold: boolean; before: number; indent: number }> = {
  h1: { size: 18, bold: true, before: 0, indent: 0 },
  h2: { size: 14, bold: true, before: 6, indent: 0 },
  h3: { size: 12, bold: true, before: 5, indent: 0 },
  h4: { size: 10.5, bold: true, before: 3, indent: 0 },
  p: { size: 10.5, bold: false, before: 2, indent: 0 },
  li: { size: 10.5, bold: false, before: 1.5, indent: 5 },
};

/**
 * The board as a PDF: page one has the title and date in a header and the picture fitted
 * below; the card texts lie invisibly over their cards, so the page can be searched and copied.
 * The lessons report follows on pages of its own, as real text. jsPDF is loaded on first use.
 */
export async function renderPdf(job: PdfJob): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const { page, place, size } = picturePlacement(job.paper, job.orientation, job.region);
  const pdf = new jsPDF({ orientation: job.orientation, unit: 'mm', format: job.paper, compress: true });
  pdf.setProperties({ title: pdfSafeText(job.title), creator: 'Benchlearn' });
  pdf.setFont('helvetica', 'bold');
  pdf.setFontSize(16);
  pdf.text(pdfSafeText(job.title), MARGIN, MARGIN + 5, { maxWidth: page.w - 2 * MARGIN });
  pdf.setFont('helvetica', 'normal');
  pdf.setFontSize(9);
  pdf.setTextColor(90);
  pdf.text(pdfSafeText(job.subtitle), MARGIN, MARGIN + 10.5);
  pdf.setDrawColor(200);
  pdf.line(MARGIN, MARGIN + 12.5, page.w - MARGIN, MARGIN + 12.5);

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
  // jsPDF checks its API for the format and calls the document's copy of it: both learn it
  // (a format of our own, so jsPDF's list of formats does not name it).
  registerDeflatedRgb(jsPDF.API, image);
  registerDeflatedRgb(pdf, image);
  pdf.addImage({ imageData: image.data, format: DEFLATED_RGB as ImageFormat, x: place.x, y: place.y, width: place.w, height: place.h, alias: 'board-picture' });
  await job.slicer.pause();
  await invisibleCardText(pdf, job, place);

  if (job.reportMarkdown) {
    await writeReport(pdf, reportBlocks(job.reportMarkdown), job);
  }
  job.onProgress?.(1);
  return pdf.output('blob');
}

type Pdf = InstanceType<(typeof import('jspdf'))['jsPDF']>;

async function invisibleCardText(pdf: Pdf, job: PdfJob, place: { x: number; y: number; w: number }): Promise<void> {
  const mmPerUnit = place.w / job.region.w;
  pdf.setTextColor(0);
  pdf.setFontSize(Math.max(1, BODY_FONT_SIZE * mmPerUnit * PT_PER_MM));
  const cards: readonly Card[] = job.scene.data.cards;
  for (const card of cards) {
    if (!card.text.trim() || !intersects(card, job.region)) continue;
    const body = bodyBox(card.w, card.h);
    const x = place.x + (card.x + body.x - job.region.x) * mmPerUnit;
    const y = place.y + (card.y + body.y - job.region.y) * mmPerUnit;
    pdf.text(pdfSafeText(card.text), x, y, { baseline: 'top', renderingMode: 'invisible', maxWidth: body.w * mmPerUnit });
    await job.slicer.pause();
  }
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

async function writeReport(pdf: Pdf, blocks: ReportBlock[], job: PdfJob): Promise<void> {
  const paper = PAPER[job.paper];
  pdf.addPage(job.paper, 'portrait');
  pdf.setTextColor(20);
  const width = paper.w - 2 * MARGIN;
  let y = MARGIN;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const style = BLOCK_STYLE[block.kind];
    pdf.setFont('helvetica', style.bold ? 'bold' : 'normal');
    pdf.setFontSize(style.size);
    const lineHeight = (style.size / PT_PER_MM) * 1.3;
    const lines: string[] = pdf.splitTextToSize(pdfSafeText(block.text), width - style.indent);
    y += i === 0 ? 0 : style.before;
    // A heading stays with the line after it.
    const keep = block.kind.startsWith('h') ? lines.length + 2 : 1;
    if (y + lineHeight * keep > paper.h - MARGIN) {
      pdf.addPage(job.paper, 'portrait');
      y = MARGIN;
    }
    if (block.kind === 'li') pdf.text('•', MARGIN + 1, y, { baseline: 'top' });
    for (const line of lines) {
      if (y + lineHeight > paper.h - MARGIN) {
        pdf.addPage(job.paper, 'portrait');
        y = MARGIN;
      }
      pdf.text(line, MARGIN + style.indent, y, { baseline: 'top' });
      y += lineHeight;
    }
    job.onProgress?.(0.85 + (0.15 * (i + 1)) / blocks.length);
    await job.slicer.pause();
  }
}

