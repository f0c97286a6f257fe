import { destroyBoardDocs, importBoard, ImportError, newBoardDocs, parseBoardExport } from '@benchlearn/shared';
import { encodeBoard } from '../rooms/storedRows';

/** What an import file becomes: the new board's two documents, or why the file was refused. */
export type ImportOutcome =
  { ok: true; title: string; cards: number; content: Uint8Array; control: Uint8Array } | { ok: false; tooLarge: boolean; message: string };

/**
 * The whole of an import's CPU work: parse and validate the file, build the board, encode its
 * documents. For a maximum-size file (20,000 cards) it takes about 1.5 s, so it runs on the
 * import worker (importWorker.ts), never on the event loop.
 */
export function buildImport(text: string, now: number): ImportOutcome {
  let data;
  try {
    data = parseBoardExport(text);
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, tooLarge: error.kind === 'too-large', message: error.message };
    throw error;
  }
  const board = newBoardDocs();
  try {
    importBoard(board, data, { now });
    const { content, control } = encodeBoard(board);
    return { ok: true, title: data.board.title.trim(), cards: data.cards.length, content, control };
  } finally {
    destroyBoardDocs(board);
  }
}
