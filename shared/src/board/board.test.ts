import { describe, expect, it } from 'vitest';
import { newBoardDocs } from '../board/doc';
import * as Y from 'yjs';
import {
  addCard,
  boardCounts,
  boardMaps,
  bringCardsToFront,
  cardText,
  deleteCards,
  drawnLinks,
  initBoard,
  linkCards,
  moveCardsBy,
  readCards,
  readFrames,
  readLinks,
  readMeta,
  replaceCardText,
  setCardBounds,
  setCardKind,
  unlink,
  MIN_CARD_W,
} from './index';
import { isId } from '../model/ids';
import { syncBoards } from './testing';
import { MAX_CARD_TEXT } from '../protocol/limits';

const author = { authorId: 'u1', authorName: 'Ann' };

const sync = syncBoards;

describe('initBoard', () => {
  it('writes meta and the benchlearning frames in the board language', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'SPARK', template: 'benchlearning', locale: 'nl', createdAt: 5 });
    expect(readMeta(board)).toEqual({ schema: 2, title: 'SPARK', template: 'benchlearning', createdAt: 5, locale: 'nl' });
    expect(readFrames(board).map((f) => f.title)).toEqual(['Successen', 'Problemen', 'Lessen']);
    const en = newBoardDocs();
    initBoard(en, { title: 'x', template: 'benchlearning', locale: 'en' });
    expect(readFrames(en).map((f) => f.title)).toEqual(['Successes', 'Problems', 'Lessons']);
  });

  it('writes no frames for the blank template', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'x', template: 'blank', locale: 'en' });
    expect(readFrames(board)).toEqual([]);
  });
});

describe('cards', () => {
  it('adds a card with a Y.Text, a valid id and a z above the others', () => {
    const board = newBoardDocs();
    const a = addCard(board, { kind: 'success', x: 1, y: 2, text: 'hello', ...author });
    const b = addCard(board, { kind: 'problem', x: 3, y: 4, ...author });
    expect(isId(a)).toBe(true);
    expect(boardMaps(board).cards.get(a)?.get('text')).toBeInstanceOf(Y.Text);
    const cards = readCards(board);
    expect(cards.map((c) => c.id)).toEqual([a, b]);
    expect(cards[0]).toMatchObject({ kind: 'success', text: 'hello', x: 1, y: 2, authorName: 'Ann' });
  });

  it('clamps text to the limit and rejects non-finite coordinates', () => {
    const board = newBoardDocs();
    const id = addCard(board, { kind: 'note', x: 0, y: 0, text: 'x'.repeat(MAX_CARD_TEXT + 10), ...author });
    expect(readCards(board)[0]?.text.length).toBe(MAX_CARD_TEXT);
    expect(() => addCard(board, { kind: 'note', x: Number.NaN, y: 0, ...author })).toThrow(RangeError);
    expect(() => setCardBounds(board, [{ id, x: Infinity, y: 0 }])).toThrow(RangeError);
    expect(readCards(board)).toHaveLength(1);
  });

  it('moves several cards in one transaction, and resizes with a minimum', () => {
    const board = newBoardDocs();
    const a = addCard(board, { kind: 'success', x: 0, y: 0, ...author });
    const b = addCard(board, { kind: 'success', x: 10, y: 10, ...author });
    let transactions = 0;
    board.content.on('afterTransaction', () => transactions++);
    moveCardsBy(board, [a, b, 'missing'], 5, -5);
    expect(transactions).toBe(1);
    expect(readCards(board).map((c) => [c.x, c.y])).toEqual([
      [5, -5],
      [15, 5],
    ]);
    setCardBounds(board, [{ id: a, x: 0, y: 0, w: 1, h: 300 }]);
    expect(readCards(board)[0]).toMatchObject({ w: MIN_CARD_W, h: 300 });
  });

  it('replaces text with a minimal edit so concurrent typing merges', () => {
    const a = newBoardDocs();
    const b = newBoardDocs();
    const id = addCard(a, { kind: 'lesson', x: 0, y: 0, text: 'share early', ...author });
    sync(a, b);
    replaceCardText(a, id, 'share problems early'); // inserts in the middle
    replaceCardText(b, id, 'share early!'); // appends at the end
    sync(a, b);
    expect(cardText(a, id)?.toString()).toBe('share problems early!');
    expect(cardText(b, id)?.toString()).toBe('share problems early!');
  });

  it('deletes cards with their links in one transaction', () => {
    const board = newBoardDocs();
    const s = addCard(board, { kind: 'success', x: 0, y: 0, ...author });
    const p = addCard(board, { kind: 'problem', x: 0, y: 0, ...author });
    const l = addCard(board, { kind: 'lesson', x: 0, y: 0, ...author });
    linkCards(board, s, l, 'u1');
    linkCards(board, p, l, 'u1');
    let transactions = 0;
    board.content.on('afterTransaction', () => transactions++);
    deleteCards(board, [l]);
    expect(transactions).toBe(1);
    expect(readLinks(board)).toEqual([]);
    expect(
      readCards(board)
        .map((c) => c.id)
        .sort(),
    ).toEqual([s, p].sort());
  });

  it('brings cards to the front keeping their relative order', () => {
    const board = newBoardDocs();
    const a = addCard(board, { kind: 'note', x: 0, y: 0, ...author });
    const b = addCard(board, { kind: 'note', x: 0, y: 0, ...author });
    const c = addCard(board, { kind: 'note', x: 0, y: 0, ...author });
    bringCardsToFront(board, [b, a]);
    expect(readCards(board).map((card) => card.id)).toEqual([c, a, b]);
  });
});

describe('links', () => {
  it('links success, problem and note cards to lessons only, once per pair', () => {
    const board = newBoardDocs();
    const s = addCard(board, { kind: 'success', x: 0, y: 0, ...author });
    const n = addCard(board, { kind: 'note', x: 0, y: 0, ...author });
    const l = addCard(board, { kind: 'lesson', x: 0, y: 0, ...author });
    const l2 = addCard(board, { kind: 'lesson', x: 0, y: 0, ...author });
    expect(linkCards(board, s, l, 'u1')).toEqual({ ok: true, id: `${s}>${l}`, created: true });
    expect(linkCards(board, s, l, 'u2')).toEqual({ ok: true, id: `${s}>${l}`, created: false });
    expect(linkCards(board, n, l, 'u1').ok).toBe(true);
    expect(linkCards(board, l, s, 'u1')).toEqual({ ok: false, reason: 'not-to-lesson' });
    expect(linkCards(board, l2, l, 'u1')).toEqual({ ok: false, reason: 'not-from-linkable' });
    expect(linkCards(board, l, l, 'u1')).toEqual({ ok: false, reason: 'self-link' });
    expect(linkCards(board, s, 'nope', 'u1')).toEqual({ ok: false, reason: 'missing-card' });
    expect(readLinks(board)).toHaveLength(2);
    expect(boardCounts(board)).toEqual({ success: 1, problem: 0, lesson: 2, note: 1, links: 2 });
    unlink(board, [`${s}>${l}`]);
    expect(readLinks(board).map((link) => link.from)).toEqual([n]);
  });

  it('two people linking the same pair at once make one link', () => {
    const a = newBoardDocs();
    const b = newBoardDocs();
    const s = addCard(a, { kind: 'success', x: 0, y: 0, ...author });
    const l = addCard(a, { kind: 'lesson', x: 0, y: 0, ...author });
    sync(a, b);
    linkCards(a, s, l, 'u1');
    linkCards(b, s, l, 'u2');
    sync(a, b);
    expect(readLinks(a)).toHaveLength(1);
    expect(readLinks(b)).toEqual(readLinks(a));
  });

  it('changing a kind drops the links the new kind cannot have', () => {
    const board = newBoardDocs();
    const s = addCard(board, { kind: 'success', x: 0, y: 0, ...author });
    const l = addCard(board, { kind: 'lesson', x: 0, y: 0, ...author });
    linkCards(board, s, l, 'u1');
    setCardKind(board, s, 'problem');
    expect(readLinks(board)).toHaveLength(1);
    setCardKind(board, l, 'note');
    expect(readLinks(board)).toHaveLength(0);
  });

  it('does not draw a link whose card was deleted concurrently', () => {
    const a = newBoardDocs();
    const b = newBoardDocs();
    const s = addCard(a, { kind: 'success', x: 0, y: 0, ...author });
    const l = addCard(a, { kind: 'lesson', x: 0, y: 0, ...author });
    sync(a, b);
    linkCards(a, s, l, 'u1');
    deleteCards(b, [l]);
    sync(a, b);
    expect(readLinks(a)).toHaveLength(1); // kept in the document, harmless
    expect(drawnLinks(a)).toEqual([]);
    expect(boardCounts(a).links).toBe(0);
  });
});

describe('reading foreign data', () => {
  it('skips entries that are not drawable cards and keeps unknown keys', () => {
    const board = newBoardDocs();
    const { cards } = boardMaps(board);
    const bogus = new Y.Map<unknown>();
    bogus.set('kind', 'rocket');
    cards.set('x'.repeat(21), bogus);
    const id = addCard(board, { kind: 'note', x: 0, y: 0, ...author });
    cards.get(id)?.set('future', 42);
    expect(readCards(board).map((c) => c.id)).toEqual([id]);
    expect(cards.get(id)?.get('future')).toBe(42);
  });
});
