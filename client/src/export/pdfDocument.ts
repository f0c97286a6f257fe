import {
  degrees,
  drawImage,
  grayscale,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  setTextRenderingMode,
  TextRenderingMode,
  type PDFPage,
} from 'pdf-lib';
import type { DeflatedImage } from './pdfImage';
import { cleanText, PdfFonts, type FontLoader, type StyledText } from './pdfFonts';
import type { ReportBlock } from './report';
import { wrapText } from '@benchlearn/shared';

const MM_PER_INCH = 25.4;
const PT_PER_MM = 72 / MM_PER_INCH;

/** A card's text as it lies, invisible, over its card in the picture (mm from the page's top left). */
export interface PdfCardText {
  text: string;
  x: number;
  y: number;
  w: number;
}

/** What the PDF holds, measured in millimetres from each page's top left. */
export interface PdfContent {
  /** Page one (the picture's), and the report's pages (portrait), in mm. */
  page: { w: number; h: number };
  reportPage: { w: number; h: number };
  margin: number;
  title: string;
  subtitle: string;
  picture: { image: DeflatedImage; x: number; y: number; w: number; h: number };
  cards: readonly PdfCardText[];
  /** The invisible card text's size, in points. */
  cardFontSize: number;
  report: readonly ReportBlock[] | null;
  /** Called between small steps (cards, report blocks): hands the event loop back, checks for cancel. */
  pause: () => Promise<void>;
  /** The report's share of the progress: 0..1 of its blocks. */
  onReportProgress?: (done: number) => void;
}

const BLOCK_STYLE: Record<ReportBlock['kind'], { size: number; bold: boolean; before: number; indent: number }> = {
  h1: { size: 18, bold: true, before: 0, indent: 0 },
  h2: { size: 14, bold: true, before: 6, indent: 0 },
  h3: { size: 12, bold: true, before: 5, indent: 0 },
  h4: { size: 10.5, bold: true, before: 3, indent: 0 },
  p: { size: 10.5, bold: false, before: 2, indent: 0 },
  li: { size: 10.5, bold: false, before: 1.5, indent: 5 },
};
const BULLET = '•';
/** Line height of the title and the cards' text, as a multiple of the font size. */
const LINE = 1.15;

/** Every text the PDF draws, so the fonts for all of it are fetched once, before drawing. */
function allTexts(content: PdfContent): StyledText[] {
  const texts: StyledText[] = [
    { text: content.title, bold: true },
    { text: content.subtitle, bold: false },
    ...content.cards.map((card) => ({ text: card.text, bold: false })),
  ];
  if (content.report) {
    texts.push({ text: BULLET, bold: false });
    for (const block of content.report) texts.push({ text: block.text, bold: BLOCK_STYLE[block.kind].bold });
  }
  return texts;
}

/** Draws one line of mixed runs; `y` is the baseline, both in points from the page's bottom left. */
function drawLine(page: PDFPage, fonts: PdfFonts, text: string, x: number, y: number, size: number, bold: boolean, gray: number): void {
  let at = x;
  for (const run of fonts.runs(text, bold)) {
    page.drawText(run.text, { x: at, y, size, font: run.font, color: grayscale(gray) });
    at += run.font.widthOfTextAtSize(run.text, size);
  }
}

/**
 * The PDF itself, from the finished picture: page one has the title and date in a header and
 * the picture below, with the card texts lying invisibly over their cards (so the page can be
 * searched and copied); the lessons report follows on pages of its own, as real text. Fonts are
 * chosen per character (pdfFonts.ts): every letter and emoji is kept.
 */
export async function composePdf(content: PdfContent, loadFont: FontLoader): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(content.title);
  doc.setCreator('Benchlearn');
  doc.setProducer('Benchlearn');
  const fonts = await PdfFonts.prepare(doc, loadFont, allTexts(content));
  const pt = (mm: number) => mm * PT_PER_MM;
  const { margin } = content;

  const first = doc.addPage([pt(content.page.w), pt(content.page.h)]);
  const top = (mm: number) => first.getHeight() - pt(mm);
  const titleLines = wrapText(cleanText(content.title), pt(content.page.w - 2 * margin), (clusters) => fonts.width(clusters, true, 16));
  titleLines.forEach((line, i) => drawLine(first, fonts, line, pt(margin), top(margin + 5) - i * 16 * LINE, 16, true, 0));
  drawLine(first, fonts, content.subtitle, pt(margin), top(margin + 10.5), 9, false, 90 / 255);
  first.drawLine({
    start: { x: pt(margin), y: top(margin + 12.5) },
    end: { x: pt(content.page.w - margin), y: top(margin + 12.5) },
    thickness: 0.57,
    color: grayscale(200 / 255),
  });

  // The picture is already a deflated RGB stream (pdfImage.ts): it goes in as it is.
  const { image } = content.picture;
  const imageRef = doc.context.register(
    doc.context.stream(image.data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
    }),
  );
  const imageName = first.node.newXObject('BoardPicture', imageRef);
  const { picture } = content;
  first.pushOperators(
    pushGraphicsState(),
    ...drawImage(imageName, {
      x: pt(picture.x),
      y: top(picture.y + picture.h),
      width: pt(picture.w),
      height: pt(picture.h),
      rotate: degrees(0),
      xSkew: degrees(0),
      ySkew: degrees(0),
    }),
    popGraphicsState(),
  );

  // Invisible text (rendering mode 3) keeps to the graphics state, so it covers every run drawn inside it.
  first.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
  const size = content.cardFontSize;
  const ascent = fonts.ascent(false, size);
  for (const card of content.cards) {
    const lines = wrapText(cleanText(card.text), pt(card.w), (clusters) => fonts.width(clusters, false, size));
    lines.forEach((line, i) => drawLine(first, fonts, line, pt(card.x), top(card.y) - ascent - i * size * LINE, size, false, 0));
    await content.pause();
  }
  first.pushOperators(popGraphicsState());

  if (content.report) await writeReport(doc, fonts, content.report, content);
  return doc.save();
}

async function writeReport(doc: PDFDocument, fonts: PdfFonts, blocks: readonly ReportBlock[], content: PdfContent): Promise<void> {
  const paper = content.reportPage;
  const { margin } = content;
  const pt = (mm: number) => mm * PT_PER_MM;
  const newPage = () => doc.addPage([pt(paper.w), pt(paper.h)]);
  let page = newPage();
  const width = paper.w - 2 * margin;
  let y = margin;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const style = BLOCK_STYLE[block.kind];
    const lineHeight = (style.size / PT_PER_MM) * 1.3;
    const lines = wrapText(cleanText(block.text), pt(width - style.indent), (clusters) => fonts.width(clusters, style.bold, style.size));
    y += i === 0 ? 0 : style.before;
    // A heading stays with the line after it.
    const keep = block.kind.startsWith('h') ? lines.length + 2 : 1;
    if (y + lineHeight * keep > paper.h - margin) {
      page = newPage();
      y = margin;
    }
    const ascent = fonts.ascent(style.bold, style.size);
    const baseline = (mm: number) => page.getHeight() - pt(mm) - ascent;
    if (block.kind === 'li') drawLine(page, fonts, BULLET, pt(margin + 1), baseline(y), style.size, false, 20 / 255);
    for (const line of lines) {
      if (y + lineHeight > paper.h - margin) {
        page = newPage();
        y = margin;
      }
      drawLine(page, fonts, line, pt(margin + style.indent), baseline(y), style.size, style.bold, 20 / 255);
      y += lineHeight;
    }
    content.onReportProgress?.((i + 1) / blocks.length);
    await content.pause();
  }
}
