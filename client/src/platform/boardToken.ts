import { tokenFromHash } from '@benchlearn/shared';
import { bestKnownToken } from './recentBoards';
import type { KeyValueStore } from './storage';

const sessionKey = (boardId: string) => `benchlearn:token:${boardId}`;

export interface TokenSources {
  boardId: string;
  hash: string;
  /** This tab's session storage: a reload of a link whose fragment got lost still works. */
  session: KeyValueStore;
  /** Local storage with the recent boards. */
  local: KeyValueStore;
}

/** The token for this board: the link's fragment first, then this tab, then this browser. */
export function resolveToken({ boardId, hash, session, local }: TokenSources): string | null {
  const fromLink = tokenFromHash(hash);
  if (fromLink) {
    try {
      session.setItem(sessionKey(boardId), fromLink);
    } catch {
      // Without session storage a reload relies on the fragment, which browsers keep.
    }
    return fromLink;
  }
  return session.getItem(sessionKey(boardId)) ?? bestKnownToken(local, boardId);
}

export function forgetSessionToken(session: KeyValueStore, boardId: string): void {
  try {
    session.removeItem(sessionKey(boardId));
  } catch {
    // Nothing to forget.
  }
}
