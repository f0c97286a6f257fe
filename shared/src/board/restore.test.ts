import { describe, expect, it } from 'vitest';
import { BOARD_DOCUMENTS, newBoardDocs, type BoardDocs } from '../board/doc';
import { cloneBoard, syncBoards } from './testing';
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

function contentOf(board: BoardDocs): BoardContent {
  const data = exportBoard(board, NOW);
  return { title: data.board.title, cards: data.cards, links: data.links, frames: data.frames };
}

describe('restoreBoard', () => {
  it('brings every kind of change back, in one transaction per document, keeping ids', () => {
    const { board, ids } = sampleBoard();
    const before = exportBoard(board, NOW);
    setBoardTitle(board, 'Renamed');
    deleteCards(board, [ids.lesson1]);
    addCard(board, { kind: 'note', x: 5, y: 5, text: 'added later', authorId: 'z', authorName: 'Zed' });
    replaceCardText(board, ids.success2, 'edited');
    setCardKind(board, ids.note1, 'lesson');
    moveCardsBy(board, [ids.problem2], 30, 40);
    setVote(board, ids.lesson2, 'u-ann', 0);
    setVote(board, ids.lesson2, 'u-new', 4);
    setLinkLabel(board, `${ids.problem1}>${ids.lesson2}`, 'new label');
    unlink(board, [`${ids.problem1}>${ids.lesson2}`]);
    const frameId = [...boardMaps(board).frames.keys()][0]!;
    updateFrame(board, frameId, { title: 'Moved', x: 99, color: '' });
    deleteFrames(board, [[...boardMaps(board).frames.keys()][1]!]);
    addFrame(board, { title: 'Extra', x: 0, y: 0, w: 10, h: 10 });
    expect(exportBoard(board, NOW)).not.toEqual(before);

    const transactions = { content: 0, control: 0 };
    board.content.on('afterTransaction', () => transactions.content++);
    board.control.on('afterTransaction', () => transactions.control++);
    restoreBoard(board, { title: before.board.title, cards: before.cards, links: before.links, frames: before.frames });
    expect(transactions).toEqual({ content: 1, control: 1 });
    expect(exportBoard(board, NOW)).toEqual(before);
  });

  it('is a new change that reaches another copy of the board like any edit (history kept)', () => {
    const { board, ids } = sampleBoard();
    const target = contentOf(board);
    const other = cloneBoard(board, newBoardDocs());
    deleteCards(board, [ids.lesson2, ids.success1]);
    syncBoards(board, other);
    expect(readCards(other)).toHaveLength(6);

    const vectors = BOARD_DOCUMENTS.map((name) => Y.encodeStateVector(board[name]));
    const updates: Uint8Array[] = [];
    board.content.on('update', (update: Uint8Array) => updates.push(update));
    restoreBoard(board, target);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other.content, updates[0]!);
    expect(exportBoard(other, NOW)).toEqual(exportBoard(board, NOW));
    expect(readCards(other)).toHaveLength(8);
    // Nothing was rewound: the documents only grew.
    BOARD_DOCUMENTS.forEach((name, i) => {
      const decoded = Y.decodeStateVector(Y.encodeStateVector(board[name]));
      for (const [client, clock] of Y.decodeStateVector(vectors[i]!)) expect(decoded.get(client)!).toBeGreaterThanOrEqual(clock);
    });
  });

  it('changes nothing when the board already is in that state', () => {
    const { board } = sampleBoard();
    const updates: Uint8Array[] = [];
    board.content.on('update', (update: Uint8Array) => updates.push(update));
    board.control.on('update', (update: Uint8Array) => updates.push(update));
    restoreBoard(board, contentOf(board));
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
        const { board } = sampleBoard();
        const target = contentOf(board);
        const expected = exportBoard(board, NOW);
        for (const action of ops) {
          const cards = readCards(board);
          const pick = (i: number) => (cards.length > 0 ? cards[i % cards.length]!.id : 'none');
          switch (action.type) {
            case 'add':
              addCard(board, { kind: action.kind, x: 0, y: 0, authorId: 'p', authorName: 'P' });
              break;
            case 'delete':
              deleteCards(board, [pick(action.card)]);
              break;
            case 'kind':
              setCardKind(board, pick(action.card), action.kind);
              break;
            case 'text':
              replaceCardText(board, pick(action.card), action.text);
              break;
            case 'move':
              moveCardsBy(board, [pick(action.card)], action.dx, 0);
              break;
            case 'vote':
              setVote(board, pick(action.card), 'voter', action.count);
              break;
            case 'link':
              linkCards(board, pick(action.from), pick(action.to), 'p');
              break;
            case 'unlink': {
              const links = readLinks(board);
              if (links.length > 0) unlink(board, [links[action.link % links.length]!.id]);
              break;
            }
          }
        }
        restoreBoard(board, target);
        expect(exportBoard(board, NOW)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('votes', () => {
  it("sets, changes and takes away a voter's dots, and refuses bad counts", () => {
    const { board, ids } = sampleBoard();
    setVote(board, ids.success1, 'constructor', 2);
    expect(readCards(board).find((c) => c.id === ids.success1)?.votes).toEqual({ constructor: 2 });
    setVote(board, ids.success1, 'constructor', 0);
    expect(readCards(board).find((c) => c.id === ids.success1)?.votes).toBeUndefined();
    expect(() => setVote(board, ids.success1, 'a', -1)).toThrow(RangeError);
    expect(() => setVote(board, ids.success1, 'a', 1.5)).toThrow(RangeError);
  });
});
