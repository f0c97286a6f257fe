import { describe, expect, it } from 'vitest';
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
import { MAX_CARD_TEXT } from '../protocol/limits';

const author = { authorId: 'u1', authorName: 'Ann' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('initBoard', () => {
  it('writes meta and the benchlearning frames in the board language', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'SPARK', template: 'benchlearning', locale: 'nl', createdAt: 5 });
    expect(readMeta(doc)).toEqual({ schema: 1, title: 'SPARK', template: 'benchlearning', createdAt: 5, locale: 'nl' });
    expect(readFrames(doc).map((f) => f.title)).toEqual(['Successen', 'Problemen', 'Lessen']);
    const en = new Y.Doc();
    initBoard(en, { title: 'x', template: 'benchlearning', locale: 'en' });
    expect(readFrames(en).map((f) => f.title)).toEqual(['Successes', 'Problems', 'Lessons']);
  });

  it('writes no frames for the blank template', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'x', template: 'blank', locale: 'en' });
    expect(readFrames(doc)).toEqual([]);
  });
});

describe('cards', () => {
  it('adds a card with a Y.Text, a valid id and a z above the others', () => {
    const doc = new Y.Doc();
    const a = addCard(doc, { kind: 'success', x: 1, y: 2, text: 'hello', ...author });
    const b = addCard(doc, { kind: 'problem', x: 3, y: 4, ...author });
    expect(isId(a)).toBe(true);
    expect(boardMaps(doc).cards.get(a)?.get('text')).toBeInstanceOf(Y.Text);
    const cards = readCards(doc);
    expect(cards.map((c) => c.id)).toEqual([a, b]);
    expect(cards[0]).toMatchObject({ kind: 'success', text: 'hello', x: 1, y: 2, authorName: 'Ann' });
  });

  it('clamps text to the limit and rejects non-finite coordinates', () => {
    const doc = new Y.Doc();
    const id = addCard(doc, { kind: 'note', x: 0, y: 0, text: 'x'.repeat(MAX_CARD_TEXT + 10), ...author });
    expect(readCards(doc)[0]?.text.length).toBe(MAX_CARD_TEXT);
    expect(() => addCard(doc, { kind: 'note', x: Number.NaN, y: 0, ...author })).toThrow(RangeError);
    expect(() => setCardBounds(doc, [{ id, x: Infinity, y: 0 }])).toThrow(RangeError);
    expect(readCards(doc)).toHaveLength(1);
  });

  it('moves several cards in one transaction, and resizes with a minimum', () => {
    const doc = new Y.Doc();
    const a = addCard(doc, { kind: 'success', x: 0, y: 0, ...author });
    const b = addCard(doc, { kind: 'success', x: 10, y: 10, ...author });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    moveCardsBy(doc, [a, b, 'missing'], 5, -5);
    expect(transactions).toBe(1);
    expect(readCards(doc).map((c) => [c.x, c.y])).toEqual([[5, -5], [15, 5]]);
    setCardBounds(doc, [{ id: a, x: 0, y: 0, w: 1, h: 300 }]);
    expect(readCards(doc)[0]).toMatchObject({ w: MIN_CARD_W, h: 300 });
  });

  it('replaces text with a minimal edit so concurrent typing merges', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addCard(a, { kind: 'lesson', x: 0, y: 0, text: 'share early', ...author });
    sync(a, b);
    replaceCardText(a, id, 'share problems early'); // inserts in the middle
    replaceCardText(b, id, 'share early!'); // appends at the end
    sync(a, b);
    expect(cardText(a, id)?.toString()).toBe('share problems early!');
    expect(cardText(b, id)?.toString()).toBe('share problems early!');
  });

  it('deletes cards with their links in one transaction', () => {
    const doc = new Y.Doc();
    const s = addCard(doc, { kind: 'success', x: 0, y: 0, ...author });
    const p = addCard(doc, { kind: 'problem', x: 0, y: 0, ...author });
    const l = addCard(doc, { kind: 'lesson', x: 0, y: 0, ...author });
    linkCards(doc, s, l, 'u1');
    linkCards(doc, p, l, 'u1');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    deleteCards(doc, [l]);
    expect(transactions).toBe(1);
    expect(readLinks(doc)).toEqual([]);
    expect(readCards(doc).map((c) => c.id).sort()).toEqual([s, p].sort());
  });

  it('brings cards to the front keeping their relative order', () => {
    const doc = new Y.Doc();
    const a = addCard(doc, { kind: 'note', x: 0, y: 0, ...author });
    const b = addCard(doc, { kind: 'note', x: 0, y: 0, ...author });
    const c = addCard(doc, { kind: 'note', x: 0, y: 0, ...author });
    bringCardsToFront(doc, [b, a]);
    expect(readCards(doc).map((card) => card.id)).toEqual([c, a, b]);
  });
});

describe('links', () => {
  it('links success, problem and note cards to lessons only, once per pair', () => {
    const doc = new Y.Doc();
    const s = addCard(doc, { kind: 'success', x: 0, y: 0, ...author });
    const n = addCard(doc, { kind: 'note', x: 0, y: 0, ...author });
    const l = addCard(doc, { kind: 'lesson', x: 0, y: 0, ...author });
    const l2 = addCard(doc, { kind: 'lesson', x: 0, y: 0, ...author });
    expect(linkCards(doc, s, l, 'u1')).toEqual({ ok: true, id: `${s}>${l}`, created: true });
    expect(linkCards(doc, s, l, 'u2')).toEqual({ ok: true, id: `${s}>${l}`, created: false });
    expect(linkCards(doc, n, l, 'u1').ok).toBe(true);
    expect(linkCards(doc, l, s, 'u1')).toEqual({ ok: false, reason: 'not-to-lesson' });
    expect(linkCards(doc, l2, l, 'u1')).toEqual({ ok: false, reason: 'not-from-linkable' });
    expect(linkCards(doc, l, l, 'u1')).toEqual({ ok: false, reason: 'self-link' });
    expect(linkCards(doc, s, 'nope', 'u1')).toEqual({ ok: false, reason: 'missing-card' });
    expect(readLinks(doc)).toHaveLength(2);
    expect(boardCounts(doc)).toEqual({ success: 1, problem: 0, lesson: 2, note: 1, links: 2 });
    unlink(doc, [`${s}>${l}`]);
    expect(readLinks(doc).map((link) => link.from)).toEqual([n]);
  });

  it('two people linking the same pair at once make one link', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
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
    const doc = new Y.Doc();
    const s = addCard(doc, { kind: 'success', x: 0, y: 0, ...author });
    const l = addCard(doc, { kind: 'lesson', x: 0, y: 0, ...author });
    linkCards(doc, s, l, 'u1');
    setCardKind(doc, s, 'problem');
    expect(readLinks(doc)).toHaveLength(1);
    setCardKind(doc, l, 'note');
    expect(readLinks(doc)).toHaveLength(0);
  });

  it('does not draw a link whose card was deleted concurrently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
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
    const doc = new Y.Doc();
    const { cards } = boardMaps(doc);
    const bogus = new Y.Map<unknown>();
    bogus.set('kind', 'rocket');
    cards.set('x'.repeat(21), bogus);
    const id = addCard(doc, { kind: 'note', x: 0, y: 0, ...author });
    cards.get(id)?.set('future', 42);
    expect(readCards(doc).map((c) => c.id)).toEqual([id]);
    expect(cards.get(id)?.get('future')).toBe(42);
  });
});
