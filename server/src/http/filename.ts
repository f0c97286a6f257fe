/**
 * `Content-Disposition` for a download named after the board: `attachment; filename="…"` with an
 * ASCII name every client understands, plus RFC 6266's `filename*` (UTF-8) when the title has
 * characters ASCII cannot carry, so `Zürich` stays `zürich` where the browser supports it.
 */

const MAX_NAME = 60;

/** Lowercase words joined by `-`; `letters` says which characters count as part of a word. */
function slug(title: string, letters: RegExp): string {
  const words = title.toLowerCase().match(letters) ?? [];
  const joined = words.join('-');
  return [...joined].slice(0, MAX_NAME).join('').replace(/-+$/, '');
}

/** Letters that have no decomposition but a usual ASCII spelling. */
const SPELLED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

export function asciiSlug(title: string): string {
  // Accents off first (é -> e), so a Dutch or German title keeps its readable ASCII form.
  const plain = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøłđðþı]/g, (char) => SPELLED[char] ?? char);
  return slug(plain, /[a-z0-9]+/g) || 'board';
}

export function unicodeSlug(title: string): string {
  return slug(title.normalize('NFC'), /[\p{L}\p{N}]+/gu) || 'board';
}

/** RFC 5987 value characters: everything else is percent-encoded as UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(title: string, date: string, extension: string): string {
  const ascii = `${asciiSlug(title)}-${date}.${extension}`;
  const unicode = `${unicodeSlug(title)}-${date}.${extension}`;
  const header = `attachment; filename="${ascii}"`;
  return unicode === ascii ? header : `${header}; filename*=UTF-8''${encodeRfc5987(unicode)}`;
}
