import { exportBoardJson, readMeta, type BoardDocs } from '@benchlearn/shared';
import { saveFile } from '../platform/download';
import { localDate, titleSlug } from '../platform/fileName';

/**
 * The board as this browser holds it, unsynced changes included, as a board file (the JSON
 * exchange format) that the start page's import opens as a new board. What the person keeps
 * when the server refused their change.
 */
export function localCopyFile(board: BoardDocs, fallbackTitle: string, now: number = Date.now()): { name: string; text: string } {
  const title = readMeta(board).title || fallbackTitle;
  return { name: `${titleSlug(title)}-${localDate(now)}-my-copy.json`, text: exportBoardJson(board, now) };
}

/** Hands the local copy to the browser's downloads. */
export function downloadLocalCopy(board: BoardDocs, fallbackTitle: string): void {
  const { name, text } = localCopyFile(board, fallbackTitle);
  const url = saveFile(new Blob([text], { type: 'application/json' }), name);
  // The download has started from the URL by the time the click returns; a later revoke is safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
