import { clearDocument } from 'y-indexeddb';
import { BOARD_DOCUMENTS, type BoardDocument } from '@benchlearn/shared';

/**
 * The offline copy of one of a board's documents, one per board, document AND edit rights: a
 * viewer tab must never load the unsent edits an editor tab left in its copy (they would show
 * as the board's state to a viewer, and a later editor session of the viewer's copy could never
 * push them anyway). The content document keeps the name the one-document board had: the
 * server splits a v1 board inside that same document, so an old copy merges with it and its
 * unsent cards still reach the server.
 */
export function cacheName(boardId: string, doc: BoardDocument, editable: boolean): string {
  const rights = editable ? 'edit' : 'view';
  return doc === 'content' ? `benchlearn:${boardId}:${rights}` : `benchlearn:${boardId}:${doc}:${rights}`;
}

/** Every offline copy a board can have in this browser. */
export function cacheNames(boardId: string): string[] {
  return BOARD_DOCUMENTS.flatMap((doc) => [cacheName(boardId, doc, true), cacheName(boardId, doc, false)]);
}

/** Drops every offline copy of a board (after the server said it is gone: 4404). */
export async function deleteBoardCaches(boardId: string, deleteDatabase: (name: string) => Promise<unknown> = clearDocument): Promise<void> {
  await Promise.all(
    cacheNames(boardId).map((name) =>
      Promise.resolve()
        .then(() => deleteDatabase(name))
        .catch(() => undefined),
    ),
  );
}
