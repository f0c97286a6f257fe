/** Route and URL builders used by both sides (contract §3, §5). */
export const SYNC_PATH = '/sync';

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}

export function presentPath(boardId: string): string {
  return `${boardPath(boardId)}/present`;
}

/** A link into the web app; the token rides in the fragment so it stays out of server logs. */
export function boardLink(publicUrl: string, boardId: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${boardPath(boardId)}#token=${encodeURIComponent(token)}`;
}

export function presentLink(publicUrl: string, boardId: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${presentPath(boardId)}#token=${encodeURIComponent(token)}`;
}

/** Reads the token from a location hash such as `#token=abc`. */
export function tokenFromHash(hash: string): string | null {
  for (const part of hash.replace(/^#/, '').split('&')) {
    const [key, value] = part.split('=');
    if (key === 'token' && value) {
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    }
  }
  return null;
}
