/** A board with every kind of card, links, votes and hostile text, written through the room. */
import * as Y from 'yjs';
import { addCard, linkCards, setVote, type BoardDocs } from '@benchlearn/shared';
import type { LoadedBoard, Room, RoomPeer } from '../rooms';
import { createBoard, startServer, tempDataDir, type TestServer } from './testkit';

export const HOSTILE = '</text><image href=x onerror=alert(1)> <script>alert(2)</script>';

export interface FilledBoard {
  lesson: string;
  success: string;
  problem: string;
  note: string;
}

export function fillBoard(doc: BoardDocs): FilledBoard {
  const who = { authorId: 'u-ann', authorName: 'Ann' };
  const lesson = addCard(doc, { kind: 'lesson', x: 1700, y: 100, text: 'Share the backlog early', ...who });
  const success = addCard(doc, { kind: 'success', x: 40, y: 100, text: 'Daily stand-up works', org: 'Gemeente Utrecht', ...who });
  const problem = addCard(doc, { kind: 'problem', x: 860, y: 100, text: HOSTILE, org: 'Regio, Noord', authorId: 'u-bob', authorName: 'Bob' });
  const note = addCard(doc, { kind: 'note', x: 860, y: 400, text: '=HYPERLINK("http://x")', ...who });
  linkCards(doc, success, lesson, 'u-ann', Date.now(), 'because');
  linkCards(doc, problem, lesson, 'u-bob');
  setVote(doc, lesson, 'u-ann', 2);
  setVote(doc, lesson, 'u-bob', 1);
  return { lesson, success, problem, note };
}

/** Fills a stored board as a server change (stored and relayed like any edit). */
export async function fillStoredBoard(server: Pick<TestServer, 'rooms'>, boardId: string): Promise<FilledBoard> {
  let filled: FilledBoard | null = null;
  const result = await server.rooms.use(boardId, (board) =>
    board.submitChange((docs) => {
      filled = fillBoard(docs);
    }),
  );
  if (result?.value !== 'applied' || !filled) throw new Error('could not fill the board');
  return filled;
}

/**
 * `count` cards written on top of the content document `base`, as one content update (the
 * document itself is not changed).
 */
export function cardsUpdate(base: Y.Doc, count: number): Uint8Array {
  const board = { content: new Y.Doc(), control: new Y.Doc() };
  const doc = board.content;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      addCard(board, { kind: 'note', x: i * 10, y: 0, text: `Card ${i}: what we learned`, authorId: 'a', authorName: 'A' });
    }
  });
  const update = Y.encodeStateAsUpdate(doc, before);
  board.content.destroy();
  board.control.destroy();
  return update;
}

/** An editor's connection as a room sees it, that sends nowhere. */
export const SILENT_EDITOR: RoomPeer = { role: 'editor', send: () => {}, close: () => {} };

/**
 * A server on a fresh data folder with one new board held (`room` is its content room);
 * `cleanups` gets what undoes it.
 */
export async function serverWithRoom(
  cleanups: (() => Promise<void> | void)[],
): Promise<{ server: TestServer; board: LoadedBoard; room: Room; boardId: string }> {
  const server = await startServer({ dataDir: tempDataDir() });
  cleanups.push(() => server.stop());
  const created = await createBoard(server);
  const board = (await server.rooms.hold(created.id))!;
  cleanups.push(() => server.rooms.release(board));
  return { server, board, room: board.content, boardId: created.id };
}

/**
 * A content document seen as a board (with an empty control document), for tests that read or
 * write cards, links and votes of one document (a room's, or a stock client's).
 */
export function contentBoard(content: Y.Doc): BoardDocs {
  return { content, control: new Y.Doc() };
}
