import type { Locale, Template } from '../model/schemas';
import { MAX_TITLE_LENGTH } from '../protocol/limits';
import { SCHEMA_VERSION, boardMaps, type BoardDocs } from './doc';
import { addFrame } from './frames';
import { templateFrames } from './templates';

export interface NewBoard {
  title: string;
  template: Template;
  locale: Locale;
  createdAt?: number;
  /** The organisations of a `by-organisation` board (a column each); other templates ignore them. */
  organisations?: readonly string[];
  /** Whether to write the template's frames (an import brings its own). Default true. */
  withTemplateFrames?: boolean;
}

/**
 * Writes a new board's meta and its template's frames. Only the server calls this, once, when
 * the board is created: two browsers seeding at once would duplicate the frames.
 */
export function initBoard(docs: BoardDocs, board: NewBoard): void {
  const { meta } = boardMaps(docs);
  docs.control.transact(() => {
    meta.set('schema', SCHEMA_VERSION);
    meta.set('title', board.title.slice(0, MAX_TITLE_LENGTH));
    meta.set('template', board.template);
    meta.set('createdAt', board.createdAt ?? Date.now());
    meta.set('locale', board.locale);
    if (board.withTemplateFrames !== false) {
      for (const frame of templateFrames(board.template, board.locale, board.organisations)) addFrame(docs, frame);
    }
  });
}

export function setBoardTitle(board: BoardDocs, title: string): void {
  boardMaps(board).meta.set('title', title.slice(0, MAX_TITLE_LENGTH));
}
