import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { composePdf, type PdfContent } from './pdfDocument';
import { FONT_FILES, REPLACEMENT, type FontFile } from './pdfFonts';
import { bundledFontFiles } from './fontFiles';

/** The font files as the packages ship them (the page fetches the same files as built assets). */
function packageFile(file: FontFile): URL {
  return new URL(`../../node_modules/${file}`, import.meta.url);
}

function loader(fetched: FontFile[] = []) {
  return async (file: FontFile) => {
    fetched.push(file);
    return new Uint8Array(await readFile(packageFile(file)));
  };
}

function content(overrides: Partial<PdfContent>): PdfContent {
  return {
    page: { w: 297, h: 210 },
    reportPage: { w: 210, h: 297 },
    margin: 12,
    title: 'Retro',
    subtitle: '31 January 2025',
    // A 2 × 2 white picture, deflated as the page would hand it over.
    picture: { image: { data: new Uint8Array(deflateSync(new Uint8Array(12).fill(255))), width: 2, height: 2 }, x: 12, y: 26, w: 273, h: 100 },
    cards: [],
    cardFontSize: 8,
    report: null,
    pause: async () => undefined,
    ...overrides,
  };
}

/** The text pdf.js reads from each page (what a reader's search and copy see). */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const text = await (await pdf.getPage(i)).getTextContent();
    pages.push(text.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

/** The font programs embedded in the PDF, read back with fontkit. */
async function embeddedFonts(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const fonts = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || !object.has(PDFName.of('FontFile2'))) continue;
    const stream = object.lookup(PDFName.of('FontFile2'));
    if (!(stream instanceof PDFRawStream)) throw new Error('font program is not a stream');
    const name = object.lookup(PDFName.of('FontName'), PDFName).asString();
    fonts.push({ name, font: fontkit.create(decodePDFRawStream(stream).decode()) });
  }
  return fonts;
}

const MIXED = 'Łódź 👍 Ελληνικά 🌱 中文 ✅ İstanbul ğ Привет';

describe('the PDF text', () => {
  it('keeps every letter and emoji: title, cards and the report', async () => {
    const fetched: FontFile[] = [];
    const bytes = await composePdf(
      content({
        title: `Retro ${MIXED}`,
        cards: [{ text: `Card ${MIXED}`, x: 20, y: 40, w: 60 }],
        report: [
          { kind: 'h1', text: `Lessons report: ${MIXED}` },
          { kind: 'li', text: `Item ${MIXED} — Ann` },
        ],
      }),
      loader(fetched),
    );
    const [first, report] = await pageTexts(bytes);
    const flat = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');
    expect(flat(first)).toContain(`Retro ${MIXED}`);
    expect(flat(first)).toContain(`Card Łódź 👍`);
    for (const word of ['Ελληνικά', '🌱', '中文', '✅', 'İstanbul', 'Привет']) expect(flat(first)).toContain(word);
    expect(flat(report)).toContain(`Lessons report: ${MIXED}`);
    expect(flat(report)).toContain(`Item ${MIXED} — Ann`);
    expect(first).not.toContain('?');
    expect(first).not.toContain(REPLACEMENT);
    // Only the slices those characters need were fetched, not the whole emoji and CJK fonts.
    expect(fetched.filter((file) => file.includes('noto-sans-sc')).length).toBeLessThanOrEqual(2);
    expect(fetched.filter((file) => file.includes('noto-emoji')).length).toBeLessThanOrEqual(3);
    // Embedded as subsets: a few glyphs, not megabytes of fonts.
    expect(bytes.length).toBeLessThan(200_000);
  });

  it('embeds sound font subsets: every glyph where the offsets say, every emoji and CJK glyph with an outline', async () => {
    const bytes = await composePdf(content({ title: `${MIXED} 👩‍💻 ❤️ 🇵🇱 1️⃣ 🎉🚀🙂🔥💡`, subtitle: 'Zażółć gęślą jaźń 日本語 한국어' }), loader());
    const fonts = await embeddedFonts(bytes);
    expect(fonts.map((entry) => entry.name.replace(/^\/|-\d+$/g, '')).sort()).toEqual(
      expect.arrayContaining(['DejaVuSans', 'DejaVuSans-Bold', 'NotoEmoji-Regular', 'NotoSansSC-Regular']),
    );
    for (const { name, font } of fonts) {
      // A glyph of odd length under the short offset format shifts all after it: readers reject the font.
      const raw = font as unknown as { loca: { offsets: number[] }; directory: { tables: { glyf: { length: number } } } };
      expect(raw.loca.offsets.at(-1), name).toBe(raw.directory.tables.glyf.length);
      if (/Emoji|SC/.test(name)) {
        for (let id = 1; id < font.numGlyphs; id++)
          expect((font.getGlyph(id).path as unknown as { commands: unknown[] }).commands.length, `${name} glyph ${id}`).toBeGreaterThan(0);
      }
    }
  });

  it('breaks long lines of mixed text without losing a character', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `słowo${i} 🌱`).join(' ') + ' ' + '中文'.repeat(60);
    const bytes = await composePdf(content({ report: [{ kind: 'p', text: long }] }), loader());
    const [, report] = await pageTexts(bytes);
    expect((report ?? '').replace(/\s+/g, '')).toBe(long.replace(/\s+/g, ''));
    expect((report ?? '').split('\n').filter(Boolean).length).toBeGreaterThan(3);
  });

  it('writes a Latin-only PDF in the standard fonts, fetching no font', async () => {
    const fetched: FontFile[] = [];
    const bytes = await composePdf(content({ title: 'Zürich — “ok” € 5', cards: [{ text: 'Plain card', x: 20, y: 40, w: 60 }] }), loader(fetched));
    expect(fetched).toEqual([]);
    const [first] = await pageTexts(bytes);
    expect(first).toContain('Zürich — “ok” € 5');
  });

  it('draws a character no font has as the replacement character, and still makes the PDF', async () => {
    // U+10FFFD: a private-use character no font here has.
    const bytes = await composePdf(content({ title: 'odd \u{10fffd} one', subtitle: 'ok' }), loader());
    const [first] = await pageTexts(bytes);
    expect(first).toContain(`odd ${REPLACEMENT} one`);
  });
});

describe('the font files', () => {
  it('are all in the packages and all in the build', () => {
    for (const file of FONT_FILES) expect(existsSync(packageFile(file)), file).toBe(true);
    expect(new Set(bundledFontFiles())).toEqual(new Set(FONT_FILES));
  });
});
