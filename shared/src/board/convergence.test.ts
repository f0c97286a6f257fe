import { describe, expect, it } from 'vitest';
import { BOARD_DOCUMENTS, newBoardDocs, type BoardDocs } from '../board/doc';
import fc from 'fast-check';
import * as Y from 'yjs';
import { CARD_KINDS, LINKABLE_FROM_KINDS, type CardKind } from '../model/schemas';
import { addCard, cardsById, deleteCards, drawnLinks, linkCards, moveCardsBy, readCards, readLinks, replaceCardText, setCardKind, unlink } from './index';

/** One random user action; card references are indexes into what that board currently sees. */
type Op =
  | { type: 'add'; kind: CardKind; x: number }
  | { type: 'delete'; card: number }
  | { type: 'link'; from: number; to: number }
  | { type: 'unlink'; link: number }
  | { type: 'kind'; card: number; kind: CardKind }
  | { type: 'move'; card: number; dx: number }
  | { type: 'text'; card: number; text: string };

const kind = fc.constantFrom(...CARD_KINDS);
const index = fc.nat({ max: 20 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('add' as const), kind, x: fc.integer({ min: -500, max: 500 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('delete' as const), card: index }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('link' as const), from: index, to: index }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('unlink' as const), link: index }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('kind' as const), card: index, kind }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('move' as const), card: index, dx: fc.integer({ min: -50, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('text' as const), card: index, text: fc.string({ maxLength: 12 }) }) },
);

/** A step: one board acts, or two docs exchange what they have (a partial, random-order sync). */
type Step = { type: 'act'; board: number; op: Op } | { type: 'sync'; from: number; to: number };
const DOCS = 3;
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('act' as const), board: fc.nat({ max: DOCS - 1 }), op }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('sync' as const), from: fc.nat({ max: DOCS - 1 }), to: fc.nat({ max: DOCS - 1 }) }) },
);

function pick<T>(items: readonly T[], i: number): T | undefined {
  return items.length === 0 ? undefined : items[i % items.length];
}

function act(board: BoardDocs, action: Op): void {
  const cards = readCards(board);
  switch (action.type) {
    case 'add':
      addCard(board, { kind: action.kind, x: action.x, y: 0, authorId: String(board.content.clientID), authorName: 'p' });
      return;
    case 'delete': {
      const card = pick(cards, action.card);
      if (card) deleteCards(board, [card.id]);
      return;
    }
    case 'link': {
      // Mostly well-formed links (the refusals are unit-tested), so races with deletes and kind changes happen often.
      const from = pick(
        cards.filter((c) => c.kind !== 'lesson'),
        action.from,
      );
      const to = pick(
        cards.filter((c) => c.kind === 'lesson'),
        action.to,
      );
      if (from && to) linkCards(board, from.id, to.id, 'p');
      return;
    }
    case 'unlink': {
      const link = pick(readLinks(board), action.link);
      if (link) unlink(board, [link.id]);
      return;
    }
    case 'kind': {
      const card = pick(cards, action.card);
      if (card) setCardKind(board, card.id, action.kind);
      return;
    }
    case 'move': {
      const card = pick(cards, action.card);
      if (card) moveCardsBy(board, [card.id], action.dx, 0);
      return;
    }
    case 'text': {
      const card = pick(cards, action.card);
      if (card) replaceCardText(board, card.id, action.text);
      return;
    }
  }
}

function exchange(from: BoardDocs, to: BoardDocs): void {
  for (const name of BOARD_DOCUMENTS) Y.applyUpdate(to[name], Y.encodeStateAsUpdate(from[name], Y.encodeStateVector(to[name])));
}

function view(board: BoardDocs) {
  const cards = readCards(board);
  return { cards, links: readLinks(board), drawn: drawnLinks(board, cards) };
}

describe('concurrent edits', () => {
  it('converge in any merge order and keep the link invariants', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 20, maxLength: 80 }),
        fc.array(fc.nat({ max: DOCS - 1 }), { minLength: DOCS, maxLength: DOCS * 2 }),
        (steps, finalOrder) => {
          const docs = Array.from({ length: DOCS }, () => newBoardDocs());
          for (const s of steps) {
            if (s.type === 'act') act(docs[s.board]!, s.op);
            else if (s.from !== s.to) exchange(docs[s.from]!, docs[s.to]!);
          }
          // Deliver everything, in a random order, until every board has every update.
          for (const i of finalOrder) for (const d of docs) if (d !== docs[i]) exchange(docs[i]!, d);
          for (const a of docs) for (const b of docs) if (a !== b) exchange(a, b);

          const views = docs.map(view);
          for (const v of views) expect(v).toEqual(views[0]);

          const { cards, drawn } = views[0]!;
          const byId = cardsById(cards);
          const pairs = new Set<string>();
          for (const link of drawn) {
            const from = byId.get(link.from);
            const to = byId.get(link.to);
            expect(from && to).toBeTruthy(); // no dangling drawn link
            expect(to?.kind).toBe('lesson'); // no link into a non-lesson
            expect(LINKABLE_FROM_KINDS).toContain(from?.kind);
            expect(link.id).toBe(`${link.from}>${link.to}`);
            expect(pairs.has(link.id)).toBe(false); // no duplicate pair
            pairs.add(link.id);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
