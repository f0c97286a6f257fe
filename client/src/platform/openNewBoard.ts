import { boardLink } from '@benchlearn/shared';
import type { CreatedBoard } from './api';
import { rememberBoard } from './recentBoards';
import { navigate } from './router';
import { browserStore } from './storage';

/**
 * A board this browser just made (created or imported): remembered as the facilitator's, with
 * the links to share, then opened with the facilitator link on this page's origin (the
 * server's PUBLIC_URL may name another).
 */
export function openNewBoard(board: CreatedBoard): void {
  rememberBoard(browserStore('local'), {
    boardId: board.id,
    role: 'facilitator',
    token: board.tokens.facilitator,
    title: board.title,
    locked: false,
    share: { editor: board.tokens.editor, viewer: board.tokens.viewer },
  });
  navigate(boardLink(window.location.origin, board.id, board.tokens.facilitator));
}
