/** A font of a card's text: the family is the one FONT_FAMILY (style.ts). */
export interface CardFont {
  size: number;
  weight: 'normal' | 'bold';
  style: 'normal' | 'italic';
}

/**
 * How wide `text` is in `font`, in board units. The browser passes one that asks its canvas;
 * the server, which has no fonts, uses estimateWidth.
 */
export type TextMeasure = (text: string, font: CardFont) => number;

/**
 * Characters that never join a neighbour into one cluster: Latin, Greek, Cyrillic, punctuation,
 * symbols, CJK and Hangul syllables, without combining marks, joiners, variation selectors or
 * anything outside the BMP.
 */
const SINGLE_CLUSTERS =
  /^[\n\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u2bff\u3000-\u3029\u3030-\u3098\u309b-\u9fff\uac00-\ud7a3\uff00-\uffef]*$/;
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/**
 * The text as the user sees it, cluster by cluster (an emoji with its skin tone, a letter with
 * its accents): a line never breaks inside one, and a font draws it whole.
 */
export function graphemes(text: string): string[] {
  // Most text has no character that joins with another: then each is a cluster of its own (and the segmenter is slow).
  if (SINGLE_CLUSTERS.test(text)) return text.split('');
  if (segmenter) return Array.from(segmenter.segment(text), (part) => part.segment);
  return Array.from(text);
}

/** Chinese and Japanese break between any two characters (they use no spaces); Korean uses spaces. */
const CJK_BREAK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]$/u;
/** Closing punctuation stays on the line of the character before it. */
const CLOSING = /^[、。，．！？：；）」』】〕〉》〗〙〛％,.!?:;)\]}]$/u;
const SPACE = /^\s$/u;

/** The text's pieces (as clusters) that a line may end after: words with their trailing spaces, single CJK characters. */
function pieces(paragraph: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const cluster of graphemes(paragraph)) {
    const last = current[current.length - 1];
    if (SPACE.test(cluster) || CLOSING.test(cluster)) {
      current.push(cluster);
      if (SPACE.test(cluster)) {
        out.push(current);
        current = [];
      }
    } else if (CJK_BREAK.test(cluster) || (last !== undefined && CJK_BREAK.test(last))) {
      if (current.length) out.push(current);
      current = [cluster];
    } else {
      current.push(cluster);
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** The clusters without the spaces at their end. */
function trimEnd(clusters: string[]): string[] {
  let end = clusters.length;
  while (end > 0 && SPACE.test(clusters[end - 1]!)) end--;
  return end === clusters.length ? clusters : clusters.slice(0, end);
}

/**
 * The text in lines no wider than `maxWidth` (as `measure`, a sum over the clusters, reports it): newlines kept, lines
 * broken after spaces or between CJK characters, and a word longer than a line broken where it
 * must. No character is dropped but the spaces at a line's end. The one text wrap of every
 * card renderer and of the PDF's text layer.
 */
export function wrapText(text: string, maxWidth: number, measure: (clusters: readonly string[]) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    // Widths add up piece by piece (the measure is a sum over clusters): each piece is measured once.
    let line: string[] = [];
    let lineWidth = 0;
    const flush = () => {
      lines.push(trimEnd(line).join(''));
      line = [];
      lineWidth = 0;
    };
    for (const piece of pieces(paragraph)) {
      const bare = trimEnd(piece);
      const bareWidth = measure(bare);
      const pieceWidth = bare === piece ? bareWidth : measure(piece);
      if (lineWidth + bareWidth <= maxWidth) {
        line.push(...piece);
        lineWidth += pieceWidth;
        continue;
      }
      if (trimEnd(line).length) flush();
      if (bareWidth <= maxWidth) {
        line = [...piece];
        lineWidth = pieceWidth;
        continue;
      }
      // A word wider than the line: as many characters as fit, at least one per line.
      line = [];
      lineWidth = 0;
      for (const cluster of piece) {
        const width = measure([cluster]);
        if (line.length && lineWidth + (SPACE.test(cluster) ? 0 : width) > maxWidth) flush();
        line.push(cluster);
        lineWidth += width;
      }
    }
    flush();
  }
  return lines;
}

export const ELLIPSIS = '…';

/** `line` cut so that it and an ellipsis fit `maxWidth` (always with the ellipsis: text was cut after it). */
export function withEllipsis(line: string, maxWidth: number, measure: (text: string) => number): string {
  const clusters = trimEnd(graphemes(line));
  while (clusters.length > 0 && measure(clusters.join('') + ELLIPSIS) > maxWidth) clusters.pop();
  return trimEnd(clusters).join('') + ELLIPSIS;
}

/** One line of `text` (no wrap): cut with an ellipsis when wider than `maxWidth`. */
export function oneLine(text: string, maxWidth: number, measure: (text: string) => number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return measure(flat) <= maxWidth ? flat : withEllipsis(flat, maxWidth, measure);
}

/** The text wrapped to `maxWidth` in at most `maxLines` lines, the last ending in an ellipsis when text was cut. */
export function fitLines(text: string, maxWidth: number, maxLines: number, measure: (text: string) => number): string[] {
  const lines = wrapText(text, maxWidth, (clusters) => measure(clusters.join('')));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  kept[kept.length - 1] = withEllipsis(kept[kept.length - 1]!, maxWidth, measure);
  return kept;
}

/** Full-width clusters: CJK, Hangul, fullwidth forms, and anything outside the BMP (emoji). */
const WIDE = /[\u1100-\u115f\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]|[\uD800-\uDBFF]/;
const NARROW = /^[ijlI.,:;'!|`ft()[\]{}]$/;
const BROAD = /^[MWmw@%]$/;

/**
 * A width without fonts, for the server's SVG: the shares of the font size a sans-serif glyph
 * of each class takes, so that text wraps near where the browser would wrap it.
 */
export function estimateWidth(text: string, font: CardFont): number {
  let em = 0;
  for (const cluster of graphemes(text)) {
    if (WIDE.test(cluster)) em += 1;
    else if (cluster === ' ') em += 0.32;
    else if (NARROW.test(cluster)) em += 0.32;
    else if (BROAD.test(cluster)) em += 0.92;
    else if (cluster >= 'A' && cluster <= 'Z') em += 0.72;
    else em += 0.62;
  }
  // On the wide side of common sans-serif fonts (DejaVu Sans, a viewer's usual fallback): a line
  // that wraps early reads fine, one that runs past the card's edge does not.
  return em * font.size * (font.weight === 'bold' ? 1.1 : 1);
}
