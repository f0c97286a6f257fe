/** Route and URL builders used by both sides (contract §3, §5). */
import type { BoardDocument } from '../board/doc';

export const SYNC_PATH = '/sync';

/**
 * The y-websocket room name of one of a board's documents (contract v2): the content at
 * `/sync/:boardId`, the control document at `/sync/:boardId/control`. A stock
 * `WebsocketProvider(SYNC_URL, syncRoomName(id, doc), …)` joins either.
 */
export function syncRoomName(boardId: string, doc: BoardDocument): string {
  return doc === 'content' ? boardId : `${boardId}/control`;
}

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
