/** Helpers for the model's tests: replicas of a board that sync like two clients would. */
import * as Y from 'yjs';
import { BOARD_DOCUMENTS, type BoardDocs } from './doc';

/** Brings two replicas of a board to the same state, both documents, both ways. */
export function syncBoards(a: BoardDocs, b: BoardDocs): void {
  for (const name of BOARD_DOCUMENTS) {
    Y.applyUpdate(b[name], Y.encodeStateAsUpdate(a[name], Y.encodeStateVector(b[name])));
    Y.applyUpdate(a[name], Y.encodeStateAsUpdate(b[name], Y.encodeStateVector(a[name])));
  }
}

/** A replica of `source` made from its whole state (what a joining client receives). */
export function cloneBoard(source: BoardDocs, target: BoardDocs): BoardDocs {
  for (const name of BOARD_DOCUMENTS) Y.applyUpdate(target[name], Y.encodeStateAsUpdate(source[name]));
  return target;
}
