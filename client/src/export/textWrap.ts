import { graphemes } from './pdfFonts';

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
 * must. No character is dropped but the spaces at a line's end.
 */
export function wrapText(text: string, maxWidth: number, measure: (clusters: readonly string[]) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
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
