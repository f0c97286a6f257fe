import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_DOCUMENTS, newBoardDocs, SCHEMA_VERSION, type BoardDocs } from '../board/doc';
import { initBoard } from '../board/create';
import { readCards, readFrames, readLinks, readMeta } from '../board/read';
import { readSession } from '../board/session';
import { cloneBoard, syncBoards } from '../board/testing';
import { exportBoard } from '../export/json';
import { migrateBoard, storedSchema, UnsupportedSchemaError } from './index';

/**
 * A board as schema 1 stored it: everything in one document, which is what a v2 server loads
 * as the content document (with an empty control document beside it).
 */
function v1Board(): BoardDocs {
  const board = newBoardDocs();
  const doc = board.content;
  doc.transact(() => {
    const meta = doc.getMap<unknown>('meta');
    meta.set('schema', 1);
    meta.set('title', 'Zwolle maart');
    meta.set('template', 'benchlearning');
    meta.set('createdAt', 1_700_000_000_000);
    meta.set('locale', 'nl');
    const frame = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ title: 'Successen', x: 0, y: 0, w: 760, h: 980, z: 'a0', color: '#e8f5e9' })) frame.set(key, value);
    doc.getMap('frames').set('frameframeframeframe1', frame);
    doc.getMap<unknown>('session').set('voting', { round: 'r1', kinds: ['lesson'], dots: 3, stack: false, open: true, revealed: false });
    doc.getMap<unknown>('session').set('timer', { durationMs: 300_000, remainingMs: 300_000, startedAt: null });
    const card = (kind: string, text: string, votes?: Record<string, number>) => {
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({ kind, x: 10, y: 20, w: 220, h: 140, z: 'a0', authorId: 'u1', authorName: 'Anna', createdAt: 5 }))
        map.set(key, value);
      map.set('text', new Y.Text(text));
      if (votes) map.set('votes', new Y.Map<number>(Object.entries(votes)));
      return map;
    };
    doc.getMap('cards').set('succ1succ1succ1succ1s', card('success', 'Vrijwilligers fietsen samen'));
    doc.getMap('cards').set('less1less1less1less1l', card('lesson', 'Begin klein', { u1: 1 }));
    const link = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ from: 'succ1succ1succ1succ1s', to: 'less1less1less1less1l', authorId: 'u1', createdAt: 6 }))
      link.set(key, value);
    doc.getMap('links').set('succ1succ1succ1succ1s>less1less1less1less1l', link);
  });
  return board;
}

describe('migrateBoard: schema 1 -> 2 (the board becomes two documents)', () => {
  it('moves meta, frames and the session into the control document and leaves cards, links and votes', () => {
    const board = v1Board();
    expect(storedSchema(board)).toBe(1);
    expect(migrateBoard(board)).toBe(true);
    expect(readMeta(board)).toEqual({ schema: SCHEMA_VERSION, title: 'Zwolle maart', template: 'benchlearning', createdAt: 1_700_000_000_000, locale: 'nl' });
    expect(readFrames(board)).toEqual([{ id: 'frameframeframeframe1', title: 'Successen', x: 0, y: 0, w: 760, h: 980, z: 'a0', color: '#e8f5e9' }]);
    expect(readSession(board).voting).toMatchObject({ round: 'r1', dots: 3 });
    expect(readSession(board).timer).toEqual({ durationMs: 300_000, remainingMs: 300_000, startedAt: null });
    expect(readCards(board).map((card) => [card.kind, card.text, card.votes])).toEqual([
      ['lesson', 'Begin klein', { u1: 1 }],
      ['success', 'Vrijwilligers fietsen samen', undefined],
    ]);
    expect(readLinks(board)).toHaveLength(1);
    // No stale copy of the facilitator's state stays where editors write.
    for (const name of ['meta', 'frames', 'session']) expect(board.content.getMap(name).size).toBe(0);
    expect(storedSchema(board)).toBe(SCHEMA_VERSION);
  });

  it('changes nothing the second time, nor on a new board, nor on two empty documents', () => {
    const migrated = v1Board();
    migrateBoard(migrated);
    const fresh = newBoardDocs();
    initBoard(fresh, { title: 'Nieuw', template: 'benchlearning', locale: 'nl' });
    for (const board of [migrated, fresh, newBoardDocs()]) {
      const updates: Uint8Array[] = [];
      for (const name of BOARD_DOCUMENTS) board[name].on('update', (update: Uint8Array) => updates.push(update));
      expect(migrateBoard(board)).toBe(false);
      expect(updates).toEqual([]);
    }
  });

  it('converges when two servers migrate the same stored board at once', () => {
    const stored = v1Board();
    const a = cloneBoard(stored, newBoardDocs());
    const b = cloneBoard(stored, newBoardDocs());
    migrateBoard(a);
    migrateBoard(b);
    syncBoards(a, b);
    expect(exportBoard(a, 1)).toEqual(exportBoard(b, 1));
    expect(readFrames(a)).toHaveLength(1);
    expect(exportBoard(a, 1)).toEqual(exportBoard(cloneBoard(a, newBoardDocs()), 1));
    expect(migrateBoard(a)).toBe(false);
  });

  it('refuses a board of a newer schema than it understands, and leaves it as it is', () => {
    const board = newBoardDocs();
    board.control.getMap('meta').set('schema', SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(board.control);
    expect(() => migrateBoard(board)).toThrow(UnsupportedSchemaError);
    expect(Y.encodeStateAsUpdate(board.control)).toEqual(before);
  });
});
