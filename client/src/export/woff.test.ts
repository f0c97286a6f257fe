import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { DEJAVU } from './pdfFonts';
import { sfntFromWoff } from './woff';

describe('sfntFromWoff', () => {
  it('unwraps a WOFF into the TrueType font it holds, and leaves a plain font as it is', async () => {
    const woff = new Uint8Array(await readFile(new URL(`../../node_modules/${DEJAVU}`, import.meta.url)));
    const sfnt = await sfntFromWoff(woff);
    expect(new DataView(sfnt.buffer).getUint32(0)).toBe(0x00010000);
    const original = fontkit.create(woff);
    const plain = fontkit.create(sfnt);
    expect(plain.constructor.name).toBe('TTFFont');
    expect(original.constructor.name).toBe('WOFFFont');
    expect(plain.numGlyphs).toBe(original.numGlyphs);
    for (const char of 'Łó中👍Ω') expect(plain.hasGlyphForCodePoint(char.codePointAt(0)!)).toBe(original.hasGlyphForCodePoint(char.codePointAt(0)!));
    const glyph = (font: typeof plain) => (font.glyphForCodePoint(0x141).path as unknown as { commands: unknown[] }).commands;
    expect(glyph(plain)).toEqual(glyph(original));
    expect(await sfntFromWoff(sfnt)).toBe(sfnt);
  });
});
