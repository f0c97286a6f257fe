/** What a picture export shows: the whole board, what is on screen, or the selected cards. */
export type ExportArea = 'board' | 'view' | 'selection';

const MAX_NAME = 60;

/** The board title as file-name words: letters and digits of any script, joined by `-`. */
export function titleSlug(title: string): string {
  const words =
    title
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const joined = [...words.join('-')].slice(0, MAX_NAME).join('').replace(/-+$/, '');
  return joined || 'board';
}

/** `YYYY-MM-DD` of a moment in this browser's own calendar (the day the person exported). */
export function localDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface FileNameInput {
  title: string;
  at: number;
  extension: 'png' | 'svg' | 'pdf';
  area?: ExportArea;
  /** Pixel ratio of a PNG; 1 leaves the name as it is. */
  ratio?: number;
}

/**
 * Named like the server's downloads (`q3-retro-2025-01-31.md`), with what part it shows and at
 * which ratio: `q3-retro-2025-01-31-view@2x.png`.
 */
export function exportFileName({ title, at, extension, area = 'board', ratio = 1 }: FileNameInput): string {
  const part = area === 'board' ? '' : `-${area}`;
  const size = ratio !== 1 ? `@${ratio}x` : '';
  return `${titleSlug(title)}-${localDate(at)}${part}${size}.${extension}`;
}
