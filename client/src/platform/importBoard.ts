import { MAX_IMPORT_BYTES, MAX_TITLE_LENGTH, MIB, importedTitle, parseBoardExport, ImportError, type ImportProblem } from '@benchlearn/shared';
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
 * Why a picked file cannot be imported, by its size alone, or null when it may be read: a file
 * far over the limit is refused without reading it.
 */
export function checkBoardFile(size: number): ImportProblem | null {
  return size > MAX_IMPORT_BYTES ? { path: [], rule: 'too-large', limit: MAX_IMPORT_BYTES } : null;
}

/** A board file ready to send (its title marked as imported), or what is wrong with it. */
export type PreparedBoardFile = { ok: true; text: string; title: string } | { ok: false; problem: ImportProblem };

/**
 * Checks a board file with the server's own rules (shared's parseBoardExport) and, when it is
 * good, marks its title as imported in the board's language (`Retro (imported 3 Dec)`), so
 * Recent boards tells the new board from the one the file came from.
 */
export function prepareBoardFile(text: string, now: number = Date.now()): PreparedBoardFile {
  try {
    const data = parseBoardExport(text);
    const title = importedTitle(data.board.title, data.board.locale, now, MAX_TITLE_LENGTH);
    return { ok: true, title, text: JSON.stringify({ ...data, board: { ...data.board, title } }) };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** Where in a board file a problem is, in parts a sentence can name: "card 4, field text". */
export interface ProblemPlace {
  where: 'file' | 'board' | 'card' | 'link' | 'frame';
  /** Counted from 1, as people count (cards[3] is card 4). */
  n?: number;
  /** The field's name as the file spells it. */
  field?: string;
}

const LISTS: Readonly<Record<string, ProblemPlace['where']>> = { cards: 'card', links: 'link', frames: 'frame' };

export function problemPlace(path: readonly (string | number)[]): ProblemPlace {
  const [first, second, third] = path;
  if (typeof first === 'string' && LISTS[first] && typeof second === 'number') {
    return { where: LISTS[first], n: second + 1, ...(typeof third === 'string' ? { field: third } : {}) };
  }
  if (first === 'board') return { where: 'board', ...(typeof second === 'string' ? { field: second } : {}) };
  return { where: 'file', ...(typeof first === 'string' ? { field: first } : {}) };
}

/** The limit a rule names, in the unit its sentence uses (the file size in MiB). */
export function problemLimit(problem: ImportProblem): number | undefined {
  return problem.rule === 'too-large' && problem.limit !== undefined ? Math.round((problem.limit / MIB) * 10) / 10 : problem.limit;
}

/** What is wrong with a board file in shared's (the server's) English words, or null when it can be imported. */
export function validateBoardText(text: string): string | null {
  try {
    parseBoardExport(text);
    return null;
  } catch (error) {
    if (error instanceof ImportError) return error.message;
    throw error;
  }
}
