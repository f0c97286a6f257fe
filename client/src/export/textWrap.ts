import { graphemes } from './pdfFonts';

/** Chinese and Japanese break between any two characters (they use no spaces); Korean uses spaces. */
const CJK_BREAK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]$/u;
/** Closing punctuation stays on the line of the character before it. */
const CLOSING = /^[、。，．！？：；）」』】〕〉》〗〙〛％,.!?:;)\]}]$/u;

/** The text's pieces that a line may end after: words with their trailing spaces, single CJK characters. */
function pieces(paragraph: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const cluster of graphemes(paragraph)) {
    if (CLOSING.test(cluster) || /^\s$/u.test(cluster)) {
      current += cluster;
      if (/^\s$/u.test(cluster)) {
        out.push(current);
        current = '';
      }
    } else if (CJK_BREAK.test(cluster)) {
      if (current) out.push(current);
      current = cluster;
    } else {
      if (current && (/\s$/u.test(current) || CJK_BREAK.test(graphemes(current).at(-1)!))) {
        out.push(current);
        current = '';
      }
      current += cluster;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * The text in lines no wider than `maxWidth` (as `measure` reports it): newlines kept, lines
 * broken after spaces or between CJK characters, and a word longer than a line broken where it
 * must. No character is dropped but the spaces at a line's end.
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const piece of pieces(paragraph)) {
      const candidate = line + piece;
      if (measure(candidate.trimEnd()) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = '';
      if (measure(piece.trimEnd()) <= maxWidth) {
        line = piece;
        continue;
      }
      // A word wider than the line: as many characters as fit, at least one per line.
      for (const cluster of graphemes(piece)) {
        if (line && measure((line + cluster).trimEnd()) > maxWidth) {
          lines.push(line.trimEnd());
          line = '';
        }
        line += cluster;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
