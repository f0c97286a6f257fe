import { clearDocument } from 'y-indexeddb';

/**
 * The offline copy of a board, one per board AND per edit rights: a viewer tab must never load
 * the unsent edits an editor tab left in its copy (they would show as the board's state to a
 * viewer, and a later editor session of the viewer's copy could never push them anyway).
 */
export function cacheName(boardId: string, editable: boolean): string {
  return `benchlearn:${boardId}:${editable ? 'edit' : 'view'}`;
}

export function cacheNames(boardId: string): string[] {
  return [cacheName(boardId, true), cacheName(boardId, false)];
}

/** Drops every offline copy of a board (after the server said it is gone: 4404). */
export async function deleteBoardCaches(
  boardId: string,
  deleteDatabase: (name: string) => Promise<unknown> = clearDocument,
): Promise<void> {
  await Promise.all(
    cacheNames(boardId).map((name) =>
      Promise.resolve()
        .then(() => deleteDatabase(name))
        .catch(() => undefined),
    ),
  );
}
