import type { Font } from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont } from 'pdf-lib';
import emojiSlices from '@fontsource/noto-emoji/unicode.json';
import cjkSlices from '@fontsource/noto-sans-sc/unicode.json';
import { isWinAnsi } from './report';
import { sfntFromWoff } from './woff';
import { graphemes } from '@benchlearn/shared';

/**
 * Fonts for the PDF's text, chosen per character so no word is lost: the standard Helvetica
 * while every letter is one it has (nothing is embedded then, as before), else DejaVu Sans for
 * all text (Latin, Greek, Cyrillic and more in one consistent face); Noto Emoji (monochrome:
 * a PDF font cannot carry colour glyphs) for emoji; Noto Sans SC for Chinese, Japanese kana and
 * Korean. Emoji and CJK come as slices of a few tens of kilobytes with their Unicode ranges, so
 * only the slices the text needs are fetched. Everything is embedded as a subset: the file
 * carries only the glyphs it uses.
 */

/** A font file, named by its package and path inside it (the loader turns that into bytes). */
export type FontFile = string;
/** Gives a font file's bytes; the page fetches the built asset, tests read the package. */
export type FontLoader = (file: FontFile) => Promise<Uint8Array>;

type Range = readonly [number, number];
interface Face {
  id: string;
  /** A standard PDF font (WinAnsi), embedded by name only. */
  standard?: StandardFonts;
  file?: FontFile;
  /** The code points the file is known to cover at most: outside them it is not fetched. */
  ranges?: readonly Range[];
}

export const DEJAVU: FontFile = '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff';
export const DEJAVU_BOLD: FontFile = '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff';

/** `U+1f1e6-1f1ff,U+200d` (fontsource's unicode.json) as ranges. */
export function parseRanges(text: string): Range[] {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from!, 16);
    return [start, to ? parseInt(to, 16) : start] as const;
  });
}

/** fontsource slices `[n]` of weight 400 as faces, in the order of their numbers. */
function sliceFaces(slices: Record<string, string>, pkg: string, family: string): Face[] {
  return Object.entries(slices)
    .flatMap(([key, ranges]) => {
      const n = /^\[(\d+)\]$/.exec(key)?.[1];
      return n === undefined ? [] : [{ n: Number(n), ranges }];
    })
    .sort((a, b) => a.n - b.n)
    .map(({ n, ranges }) => ({ id: `${family}-${n}`, file: `${pkg}/files/${family}-${n}-400-normal.woff`, ranges: parseRanges(ranges) }));
}

const EMOJI_FACES = sliceFaces(emojiSlices, '@fontsource/noto-emoji', 'noto-emoji');
const CJK_FACES = sliceFaces(cjkSlices, '@fontsource/noto-sans-sc', 'noto-sans-sc');
const HELVETICA: Face = { id: 'helvetica', standard: StandardFonts.Helvetica };
const HELVETICA_BOLD: Face = { id: 'helvetica-bold', standard: StandardFonts.HelveticaBold };
const DEJAVU_FACE: Face = { id: 'dejavu', file: DEJAVU };
const DEJAVU_BOLD_FACE: Face = { id: 'dejavu-bold', file: DEJAVU_BOLD };

/** Every font file the PDF may fetch (the page's loader bundles exactly these). */
export const FONT_FILES: readonly FontFile[] = [DEJAVU, DEJAVU_BOLD, ...[...EMOJI_FACES, ...CJK_FACES].map((face) => face.file!)];

/**
 * Invisible format characters (variation selectors, joiners, soft hyphen, tags): kept when the
 * chosen font has a glyph for them (an emoji font joins 👩‍💻 with them), left out of the drawing
 * otherwise, where they would show as a box.
 */
const IGNORABLE = /^[\u00ad\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\u{e0000}-\u{e007f}]$/u;
const EMOJI_CLUSTER = /\p{Regional_Indicator}|\u20e3|\p{Extended_Pictographic}(?=.*\ufe0f)|\p{Emoji_Presentation}/su;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;

/** What a reader sees where no font has the character: the Unicode replacement character. */
export const REPLACEMENT = '\ufffd';
/** Where not even that can be drawn (no DejaVu): a plain question mark, as the standard fonts have. */
const LAST_RESORT = '?';

type Kind = 'text' | 'emoji' | 'cjk';

const helvetica = (bold: boolean): Face => (bold ? HELVETICA_BOLD : HELVETICA);
const dejavu = (bold: boolean): Face => (bold ? DEJAVU_BOLD_FACE : DEJAVU_FACE);
/** A cluster in a style, as the chosen faces and the widths are keyed. */
const styled = (cluster: string, bold: boolean): string => `${bold ? 'b' : 'r'}${cluster}`;

function kindOf(cluster: string): Kind {
  if (EMOJI_CLUSTER.test(cluster)) return 'emoji';
  if (CJK.test(cluster)) return 'cjk';
  return 'text';
}

/** A cluster (an emoji with its skin tone, a letter with its accents) is drawn in one font, never split between two. */
export { graphemes };

/** Text as the PDF writes it: composed accents (NFC), tabs as spaces, other control characters out. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\t/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

export interface TextRun {
  font: PDFFont;
  text: string;
}

export interface StyledText {
  text: string;
  bold: boolean;
}

interface Choice {
  face: Face;
  /** The cluster as drawn in that face (without the invisible characters it lacks). */
  text: string;
}

type Outcome = Choice | { pending: FontFile } | null;

export class PdfFonts {
  private readonly parsed = new Map<FontFile, { bytes: Uint8Array; font: Font }>();
  /** Loaded with the first font file: a PDF in the standard fonts alone does not need it. */
  private fontkit: typeof import('@pdf-lib/fontkit') | null = null;
  private readonly embedded = new Map<string, PDFFont>();
  private readonly chosen = new Map<string, Choice>();
  /** Each cluster's width at size 1, by style and cluster. */
  private readonly widths = new Map<string, number>();
  private useDejaVu = false;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly load: FontLoader,
  ) {}

  /**
   * Fetches and embeds the fonts all these texts need. Every text later drawn must be among them
   * (drawing is synchronous). A font that cannot be fetched fails the export: a PDF that
   * silently lost words would be worse.
   */
  static async prepare(doc: PDFDocument, load: FontLoader, texts: readonly StyledText[]): Promise<PdfFonts> {
    const fonts = new PdfFonts(doc, load);
    const wanted = new Map<string, { cluster: string; bold: boolean }>();
    for (const { text, bold } of texts) {
      for (const cluster of graphemes(cleanText(text))) {
        if (cluster === '\n') continue;
        wanted.set(styled(cluster, bold), { cluster, bold });
        if (kindOf(cluster) === 'text' && [...cluster].some((char) => !IGNORABLE.test(char) && !isWinAnsi(char))) fonts.useDejaVu = true;
      }
    }
    let open = [...wanted];
    for (;;) {
      const pending = new Set<FontFile>();
      const unresolved: typeof open = [];
      for (const entry of open) {
        const [key, { cluster, bold }] = entry;
        const outcome = fonts.resolve(cluster, bold);
        if (outcome && 'pending' in outcome) {
          pending.add(outcome.pending);
          unresolved.push(entry);
        } else if (outcome) {
          fonts.chosen.set(key, outcome);
        } else if (cluster !== REPLACEMENT) {
          // No font has it: drawn as the replacement character, which may need a font of its own.
          unresolved.push([key, { cluster: REPLACEMENT, bold }]);
        } else {
          fonts.chosen.set(key, { face: helvetica(bold), text: LAST_RESORT });
        }
      }
      if (unresolved.length === 0) break;
      await Promise.all([...pending].map((file) => fonts.fetch(file)));
      open = unresolved;
    }
    for (const { face } of fonts.chosen.values()) await fonts.embed(face);
    return fonts;
  }

  private async fetch(file: FontFile): Promise<void> {
    if (this.parsed.has(file)) return;
    if (!this.fontkit) {
      const fontkit = await import('@pdf-lib/fontkit');
      this.fontkit = fontkit.default ?? fontkit;
      this.doc.registerFontkit(this.fontkit);
    }
    const bytes = await sfntFromWoff(await this.load(file));
    const font = this.fontkit.create(bytes);
    evenGlyphsInSubsets(font);
    this.parsed.set(file, { bytes, font });
  }

  private async embed(face: Face): Promise<PDFFont> {
    let font = this.embedded.get(face.id);
    if (!font) {
      font = face.standard ? await this.doc.embedFont(face.standard) : await this.doc.embedFont(this.parsed.get(face.file!)!.bytes, { subset: true });
      this.embedded.set(face.id, font);
    }
    return font;
  }

  private chain(kind: Kind, bold: boolean): Face[] {
    const text = this.useDejaVu ? [dejavu(bold)] : [helvetica(bold), dejavu(bold)];
    if (kind === 'emoji') return [...EMOJI_FACES, ...text, ...CJK_FACES];
    if (kind === 'cjk') return [...CJK_FACES, ...text, ...EMOJI_FACES];
    return [...text, ...CJK_FACES, ...EMOJI_FACES];
  }

  /** The first face with every visible character of the cluster; a file still to fetch stops the search. */
  private resolve(cluster: string, bold: boolean): Outcome {
    const chars = [...cluster];
    const visible = chars.filter((char) => !IGNORABLE.test(char));
    if (visible.length === 0) return { face: helvetica(bold), text: '' };
    for (const face of this.chain(kindOf(cluster), bold)) {
      if (face.standard) {
        if (visible.every(isWinAnsi)) return { face, text: visible.join('') };
        continue;
      }
      if (face.ranges && !visible.every((char) => inRanges(char.codePointAt(0)!, face.ranges!))) continue;
      const parsed = this.parsed.get(face.file!);
      if (!parsed) return { pending: face.file! };
      const has = (char: string) => parsed.font.hasGlyphForCodePoint(char.codePointAt(0)!);
      if (visible.every(has)) return { face, text: chars.filter((char) => !IGNORABLE.test(char) || has(char)).join('') };
    }
    return null;
  }

  /** The text cut into runs of one font each. */
  runs(text: string, bold: boolean): TextRun[] {
    const runs: TextRun[] = [];
    for (const cluster of graphemes(cleanText(text))) {
      const choice = this.chosen.get(styled(cluster, bold));
      if (!choice) throw new Error('PDF text was not prepared');
      if (!choice.text) continue;
      const font = this.embedded.get(choice.face.id)!;
      const last = runs[runs.length - 1];
      if (last?.font === font) last.text += choice.text;
      else runs.push({ font, text: choice.text });
    }
    return runs;
  }

  /**
   * The width of a cleaned text's clusters (cleanText, graphemes), as the sum of their widths (each measured once: measuring whole
   * runs, which fontkit lays out anew each time, made wrapping a big board's report take seconds).
   * The PDF draws glyphs at their advance widths, without kerning, so the sum is what is drawn.
   */
  width(clusters: readonly string[], bold: boolean, size: number): number {
    let sum = 0;
    for (const cluster of clusters) {
      const key = styled(cluster, bold);
      let width = this.widths.get(key);
      if (width === undefined) {
        const choice = this.chosen.get(key);
        width = choice?.text ? this.embedded.get(choice.face.id)!.widthOfTextAtSize(choice.text, 1) : 0;
        this.widths.set(key, width);
      }
      sum += width;
    }
    return sum * size;
  }

  /** Height of the main text face above the baseline, for text placed by its top. */
  ascent(bold: boolean, size: number): number {
    const face = this.useDejaVu ? dejavu(bold) : helvetica(bold);
    const font = this.embedded.get(face.id);
    return font ? font.heightAtSize(size, { descender: false }) : size * 0.72;
  }
}

interface GlyphSubset {
  _addGlyph(gid: number): number;
  glyf: Uint8Array[];
  offset: number;
}

/**
 * fontkit 1.x (what pdf-lib uses) copies each glyph's bytes into the subset as they are, then
 * writes the short offset format (offsets halved) whenever the table is small enough: a glyph of
 * odd length shifts every glyph after it by a byte, and readers reject the font (Noto Emoji's
 * slices have such glyphs; their emoji came out blank). Padding each glyph to an even length,
 * as the format requires, fixes it. The fix goes on fontkit's TrueType subset class, once.
 */
function evenGlyphsInSubsets(font: Font): void {
  const proto = Object.getPrototypeOf(font.createSubset()) as Partial<GlyphSubset> & { evenGlyphs?: boolean };
  if (proto.evenGlyphs || typeof proto._addGlyph !== 'function') return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: GlyphSubset, gid: number): number {
    const index = addGlyph.call(this, gid);
    const glyph = this.glyf[index]!;
    // fontkit's own Buffer class (a Uint8Array with Buffer's methods), as its encoder wants.
    const ByteBuffer = glyph.constructor as { alloc?: (size: number) => Uint8Array };
    if (glyph.length % 2 === 1 && ByteBuffer.alloc) {
      const padded = ByteBuffer.alloc(glyph.length + 1);
      padded.set(glyph);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
  proto.evenGlyphs = true;
}

function inRanges(code: number, ranges: readonly Range[]): boolean {
  return ranges.some(([from, to]) => code >= from && code <= to);
}
