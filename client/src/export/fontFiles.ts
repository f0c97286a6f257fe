import type { FontFile } from './pdfFonts';

/**
 * The font files the PDF may need, as built assets: only their addresses are in this module
 * (loaded with the PDF code, never on the app's first load), and a file is fetched only when a
 * PDF's text needs it. Keys are the files' paths from the packages' folder, as pdfFonts.ts names them.
 */
const URLS: Record<string, string> = import.meta.glob(
  [
    '../../node_modules/@fontsource/dejavu-sans/files/dejavu-sans-latin-{400,700}-normal.woff',
    '../../node_modules/@fontsource/noto-emoji/files/noto-emoji-[0-9]*-400-normal.woff',
    '../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-400-normal.woff',
  ],
  { query: '?url', import: 'default', eager: true },
);

const BY_FILE = new Map(Object.entries(URLS).map(([path, url]) => [path.slice(path.indexOf('node_modules/') + 'node_modules/'.length), url]));

export async function loadFontFile(file: FontFile): Promise<Uint8Array> {
  const url = BY_FILE.get(file);
  if (!url) throw new Error(`no font file ${file}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${file}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The files the build carries, for the test that each font pdfFonts.ts may ask for is there. */
export const bundledFontFiles = (): string[] => [...BY_FILE.keys()];
