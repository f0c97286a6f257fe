import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newBoardDocs, SCHEMA_VERSION, type BoardDocs } from './doc';
import { initBoard } from './create';
import { addCard, replaceCardText, setCardKind } from './cards';
import { linkCards } from './links';
import { boardMaps } from './doc';
import { readCards, readCardSource } from './read';
import { cloneBoard, syncBoards } from './testing';
import { exportBoard, importBoardText, exportBoardJson, parseBoardExport } from '../export/json';
import { migrateBoard } from '../migrate';
import type { CardSource } from '../model/schemas';

const SOURCE: CardSource = { entryId: 'entry-1', version: 2, networkId: 'net-1', boardTitle: 'Zwolle, maart', evidence: 3 };
const author = { authorId: 'u1', authorName: 'Anna' };

function boardWithSource(): { board: BoardDocs; lesson: string; problem: string } {
  const board = newBoardDocs();
  initBoard(board, { title: 'Delft, juni', template: 'blank', locale: 'nl' });
  const lesson = addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Begin klein', ...author, source: SOURCE });
  const problem = addCard(board, { kind: 'problem', x: 300, y: 0, text: 'Vrijwilligers haken af', ...author });
  expect(linkCards(board, problem, lesson, 'u1').ok).toBe(true);
  return { board, lesson, problem };
}

/** A board as the version before stored it (schema 2, no card source), straight from its document. */
function storedBeforeSources(): BoardDocs {
  const board = newBoardDocs();
  initBoard(board, { title: 'Oud bord', template: 'blank', locale: 'nl' });
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries({ kind: 'lesson', x: 1, y: 2, w: 240, h: 150, z: 'a0', authorId: 'u1', authorName: 'Anna', createdAt: 5 }))
    map.set(key, value);
  map.set('text', new Y.Text('Samen fietsen'));
  boardMaps(board).cards.set('less1less1less1less1l', map);
  return board;
}

describe('card source (a lesson placed from the library)', () => {
  it('is kept in the card and read back whole', () => {
    const { board, lesson } = boardWithSource();
    expect(readCards(board).find((card) => card.id === lesson)?.source).toEqual(SOURCE);
  });

  it('survives sync to another replica and concurrent edits of the text and kind', () => {
    const { board, lesson } = boardWithSource();
    const other = cloneBoard(board, newBoardDocs());
    replaceCardText(board, lesson, 'Begin klein, met twee');
    setCardKind(other, lesson, 'lesson');
    syncBoards(board, other);
    expect(readCards(other).find((card) => card.id === lesson)?.source).toEqual(SOURCE);
  });

  it('reads a value of the wrong shape as absent, and keeps it in the document', () => {
    for (const bad of [null, 'x', [], { ...SOURCE, version: 0 }, { ...SOURCE, entryId: '' }, { ...SOURCE, evidence: -1 }, { ...SOURCE, boardTitle: 7 }]) {
      expect(readCardSource(bad)).toBeNull();
    }
    const { board, lesson } = boardWithSource();
    boardMaps(board).cards.get(lesson)!.set('source', { entryId: 5 });
    expect(readCards(board).find((card) => card.id === lesson)?.source).toBeUndefined();
    expect(boardMaps(board).cards.get(lesson)!.get('source')).toEqual({ entryId: 5 });
  });

  it('round-trips through the JSON export and import, and a file without it still imports', () => {
    const { board } = boardWithSource();
    const text = exportBoardJson(board, 1);
    expect(exportBoard(board, 1).cards.find((card) => card.kind === 'lesson')?.source).toEqual(SOURCE);
    const copy = newBoardDocs();
    importBoardText(copy, text);
    expect(readCards(copy).find((card) => card.kind === 'lesson')?.source).toEqual(SOURCE);
    const plain = storedBeforeSources();
    expect(parseBoardExport(exportBoardJson(plain, 1)).cards[0]?.source).toBeUndefined();
  });

  it('refuses a file whose source is not the model shape', () => {
    const data = JSON.parse(exportBoardJson(boardWithSource().board, 1)) as { cards: { kind: string; source?: unknown }[] };
    data.cards.find((card) => card.kind === 'lesson')!.source = { ...SOURCE, extra: true };
    expect(() => parseBoardExport(JSON.stringify(data))).toThrow(/source/);
  });

  it('needs no migration: a board stored before reads as it did, at the same schema', () => {
    const board = storedBeforeSources();
    expect(migrateBoard(board)).toBe(false);
    const [card] = readCards(board);
    expect(card).toMatchObject({ kind: 'lesson', text: 'Samen fietsen' });
    expect(card?.source).toBeUndefined();
    expect(SCHEMA_VERSION).toBe(2);
  });
});
