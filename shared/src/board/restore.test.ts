import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { CARD_KINDS, type CardKind } from '../model/schemas';
import { exportBoard } from '../export/json';
import { sampleBoard } from '../export/testing';
import {
  addCard,
  addFrame,
  boardMaps,
  deleteCards,
  deleteFrames,
  linkCards,
  moveCardsBy,
  readCards,
  readLinks,
  replaceCardText,
  restoreBoard,
  setBoardTitle,
  setCardKind,
  setLinkLabel,
  setVote,
  unlink,
  updateFrame,
  type BoardContent,
} from './index';

const NOW = 1;

function contentOf(doc: Y.Doc): BoardContent {
  const data = exportBoard(doc, NOW);
  return { title: data.board.title, cards: data.cards, links: data.links, frames: data.frames };
}

describe('restoreBoard', () => {
  it('brings every kind of change back, in one transaction, keeping ids', () => {
    const { doc, ids } = sampleBoard();
    const before = exportBoard(doc, NOW);
    setBoardTitle(doc, 'Renamed');
    deleteCards(doc, [ids.lesson1]);
    addCard(doc, { kind: 'note', x: 5, y: 5, text: 'added later', authorId: 'z', authorName: 'Zed' });
    replaceCardText(doc, ids.success2, 'edited');
    setCardKind(doc, ids.note1, 'lesson');
    moveCardsBy(doc, [ids.problem2], 30, 40);
    setVote(doc, ids.lesson2, 'u-ann', 0);
    setVote(doc, ids.lesson2, 'u-new', 4);
    setLinkLabel(doc, `${ids.problem1}>${ids.lesson2}`, 'new label');
    unlink(doc, [`${ids.problem1}>${ids.lesson2}`]);
    const frameId = [...boardMaps(doc).frames.keys()][0]!;
    updateFrame(doc, frameId, { title: 'Moved', x: 99, color: '' });
    deleteFrames(doc, [[...boardMaps(doc).frames.keys()][1]!]);
    addFrame(doc, { title: 'Extra', x: 0, y: 0, w: 10, h: 10 });
    expect(exportBoard(doc, NOW)).not.toEqual(before);

    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    restoreBoard(doc, { title: before.board.title, cards: before.cards, links: before.links, frames: before.frames });
    expect(transactions).toBe(1);
    expect(exportBoard(doc, NOW)).toEqual(before);
  });

  it('is a new change that reaches another copy of the board like any edit (history kept)', () => {
    const { doc, ids } = sampleBoard();
    const target = contentOf(doc);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    deleteCards(doc, [ids.lesson2, ids.success1]);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
    expect(readCards(other)).toHaveLength(6);

    const vector = Y.encodeStateVector(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    restoreBoard(doc, target);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other, updates[0]!);
    expect(exportBoard(other, NOW)).toEqual(exportBoard(doc, NOW));
    expect(readCards(other)).toHaveLength(8);
    // Nothing was rewound: the document only grew.
    const decoded = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of Y.decodeStateVector(vector)) expect(decoded.get(client)!).toBeGreaterThanOrEqual(clock);
  });

  it('changes nothing when the board already is in that state', () => {
    const { doc } = sampleBoard();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    restoreBoard(doc, contentOf(doc));
    expect(updates).toHaveLength(0);
  });

  it('returns to the target after any random edits (property)', () => {
    type Op =
      | { type: 'add'; kind: CardKind }
      | { type: 'delete'; card: number }
      | { type: 'kind'; card: number; kind: CardKind }
      | { type: 'text'; card: number; text: string }
      | { type: 'move'; card: number; dx: number }
      | { type: 'vote'; card: number; count: number }
      | { type: 'link'; from: number; to: number }
      | { type: 'unlink'; link: number };
    const card = fc.nat({ max: 30 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ type: fc.constant('add' as const), kind: fc.constantFrom(...CARD_KINDS) }),
      fc.record({ type: fc.constant('delete' as const), card }),
      fc.record({ type: fc.constant('kind' as const), card, kind: fc.constantFrom(...CARD_KINDS) }),
      fc.record({ type: fc.constant('text' as const), card, text: fc.string({ maxLength: 10 }) }),
      fc.record({ type: fc.constant('move' as const), card, dx: fc.integer({ min: -50, max: 50 }) }),
      fc.record({ type: fc.constant('vote' as const), card, count: fc.nat({ max: 3 }) }),
      fc.record({ type: fc.constant('link' as const), from: card, to: card }),
      fc.record({ type: fc.constant('unlink' as const), link: card }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const { doc } = sampleBoard();
        const target = contentOf(doc);
        const expected = exportBoard(doc, NOW);
        for (const action of ops) {
          const cards = readCards(doc);
          const pick = (i: number) => (cards.length > 0 ? cards[i % cards.length]!.id : 'none');
          switch (action.type) {
            case 'add':
              addCard(doc, { kind: action.kind, x: 0, y: 0, authorId: 'p', authorName: 'P' });
              break;
            case 'delete':
              deleteCards(doc, [pick(action.card)]);
              break;
            case 'kind':
              setCardKind(doc, pick(action.card), action.kind);
              break;
            case 'text':
              replaceCardText(doc, pick(action.card), action.text);
              break;
            case 'move':
              moveCardsBy(doc, [pick(action.card)], action.dx, 0);
              break;
            case 'vote':
              setVote(doc, pick(action.card), 'voter', action.count);
              break;
            case 'link':
              linkCards(doc, pick(action.from), pick(action.to), 'p');
              break;
            case 'unlink': {
              const links = readLinks(doc);
              if (links.length > 0) unlink(doc, [links[action.link % links.length]!.id]);
              break;
            }
          }
        }
        restoreBoard(doc, target);
        expect(exportBoard(doc, NOW)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('votes', () => {
  it('sets, changes and takes away a voter\'s dots, and refuses bad counts', () => {
    const { doc, ids } = sampleBoard();
    setVote(doc, ids.success1, 'constructor', 2);
    expect(readCards(doc).find((c) => c.id === ids.success1)?.votes).toEqual({ constructor: 2 });
    setVote(doc, ids.success1, 'constructor', 0);
    expect(readCards(doc).find((c) => c.id === ids.success1)?.votes).toBeUndefined();
    expect(() => setVote(doc, ids.success1, 'a', -1)).toThrow(RangeError);
    expect(() => setVote(doc, ids.success1, 'a', 1.5)).toThrow(RangeError);
  });
});
