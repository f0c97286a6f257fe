/**
 * The lessons report (shared's Markdown, in the board's language) as plain blocks for the PDF:
 * headings, paragraphs and list items, with the Markdown escapes taken off again. The report's
 * Markdown is simple and known (shared/src/export/markdown.ts), so this reads only that.
 */
export type ReportBlock = { kind: 'h1' | 'h2' | 'h3' | 'h4' | 'p' | 'li'; text: string };

/** `\*` -> `*`: shared escapes what could start Markdown syntax; a PDF shows text as it is. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_[\]<>|~&#+\-.=)!])/g, '$1');
}

export function reportBlocks(markdown: string): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  let open: ReportBlock | null = null;
  for (const raw of markdown.split(/\r?\n/)) {
    // Two trailing spaces are a Markdown line break: the text keeps the break as a newline.
    const line = raw.replace(/ {2}$/, '');
    if (line.trim() === '') {
      open = null;
      continue;
    }
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    const strong = /^\*\*(.+)\*\*$/.exec(line);
    // `*No successes or problems linked yet.*`: the emphasis is the Markdown's, the PDF shows the words.
    const emphasis = strong ? null : /^\*([^*\s](?:.*[^*\s\\])?)\*$/.exec(line);
    if (heading) {
      blocks.push({ kind: (['h1', 'h2', 'h3'] as const)[heading[1]!.length - 1]!, text: unescapeMarkdown(heading[2]!) });
      open = null;
    } else if (strong) {
      blocks.push({ kind: 'h4', text: unescapeMarkdown(strong[1]!) });
      open = null;
    } else if (emphasis) {
      blocks.push({ kind: 'p', text: unescapeMarkdown(emphasis[1]!) });
      open = null;
    } else if (line.startsWith('- ')) {
      open = { kind: 'li', text: unescapeMarkdown(line.slice(2)) };
      blocks.push(open);
    } else if (open) {
      open.text += `\n${unescapeMarkdown(line.trim())}`;
    } else {
      open = { kind: 'p', text: unescapeMarkdown(line) };
      blocks.push(open);
    }
  }
  return blocks;
}

/** Characters beyond Latin-1 that the PDF standard fonts (WinAnsi) still have. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Whether the PDF's standard fonts (Helvetica, WinAnsi encoding) can draw the character; text
 * with any other character gets embedded fonts (pdfFonts.ts).
 */
export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return char.length === 1 && ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char));
}
