import { MAX_IMPORT_BYTES, MIB, parseBoardExport, ImportError } from '@benchlearn/shared';
import { CreatedBoard, requestJson, type Fetch } from './api';

/** POST /api/boards/import: the file as it is (the server validates it again). */
export function importBoardFile(text: string, fetchImpl: Fetch = fetch): Promise<CreatedBoard> {
  return requestJson(fetchImpl, CreatedBoard, '/api/boards/import', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  });
}

/**
 * Why a picked file cannot be imported, in shared's words (the server's), or null when it can.
 * A file far over the limit is refused by its size, without reading it.
 */
export function checkBoardFile(size: number): string | null {
  return size > MAX_IMPORT_BYTES ? `file: larger than the import limit of ${MAX_IMPORT_BYTES / MIB} MiB` : null;
}

export function validateBoardText(text: string): string | null {
  try {
    parseBoardExport(text);
    return null;
  } catch (error) {
    if (error instanceof ImportError) return error.message;
    throw error;
  }
}
