import { describe, expect, it } from 'vitest';
import type { Card, VotingRound } from '@benchlearn/shared';
import { memoryStore } from '../platform/storage';
import { anonymousAuthorId, authorOfNewCards, forgetAnonymousAuthorId, peekAnonymousAuthorId } from './anonymity';
import { cardDecor, cardMatches, findMatches, NO_FILTER, organisationsOf, rankedResults, voteView } from './view';

function card(id: string, kind: Card['kind'], text: string, extra: Partial<Card> = {}): Card {
  return { id, kind, text, x: 0, y: 0, w: 100, h: 100, z: 'a0', authorId: 'a', authorName: 'Ann', createdAt: 0, ...extra };
}

const round = (revealed: boolean): VotingRound => ({ round: 'r', kinds: ['lesson'], dots: 2, stack: false, open: true, revealed });

describe('what a person sees of the votes', () => {
  const cards = [
    card('l1', 'lesson', 'a', { votes: { me: 1, bob: 1 } }),
    card('l2', 'lesson', 'b', { votes: { bob: 1 } }),
    card('s1', 'success', 'c', { votes: { me: 1 } }),
  ];

  it('while hidden: only their own dots, no totals; the dots left count only votable kinds', () => {
    const view = voteView(cards, { voting: round(false) }, 'me');
    expect(view.left).toBe(1);
    expect([...view.perCard]).toEqual([['l1', { mine: 1, total: null }]]);
  });

  it('once revealed: everyone’s counted dots', () => {
    const view = voteView(cards, { voting: round(true) }, 'me');
    expect(view.perCard.get('l1')).toEqual({ mine: 1, total: 2 });
    expect(view.perCard.get('l2')).toEqual({ mine: 0, total: 1 });
    expect(view.perCard.has('s1')).toBe(false);
  });

  it('outside a round: the dots a board already carries (an import), no dots left', () => {
    const view = voteView(cards, { voting: null }, 'me');
    expect(view.left).toBe(0);
    expect(view.perCard.get('s1')).toEqual({ mine: 0, total: 1 });
  });
});

describe('the finder', () => {
  const cards = [
    card('1', 'success', 'Daily stand-up works', { org: 'Utrecht' }),
    card('2', 'problem', 'No stand-up on Fridays', { org: 'utrecht ' }),
    card('3', 'lesson', 'Share early', { org: 'Zwolle' }),
  ];

  it('matches text case-insensitively, by kind and by organisation', () => {
    expect(findMatches(cards, NO_FILTER)).toBeNull();
    expect([...findMatches(cards, { ...NO_FILTER, query: 'STAND' })!]).toEqual(['1', '2']);
    expect([...findMatches(cards, { query: 'stand', kinds: ['problem'], org: '' })!]).toEqual(['2']);
    expect([...findMatches(cards, { ...NO_FILTER, org: 'Utrecht' })!]).toEqual(['1', '2']);
    expect(cardMatches(cards[2]!, { ...NO_FILTER, org: 'Utrecht' })).toBe(false);
    expect(organisationsOf(cards)).toEqual(['Utrecht', 'Zwolle']);
  });

  it('decorates matched and unmatched cards, and the outline lists only matches, most votes first once revealed', () => {
    const matches = findMatches(cards, { ...NO_FILTER, query: 'stand' });
    const decor = cardDecor(cards, { round: null, left: 0, perCard: new Map() }, matches);
    expect(decor.get('1')).toEqual({ votes: null, match: true });
    expect(decor.get('3')).toEqual({ votes: null, match: false });
  });
});

describe('anonymous authors', () => {
  it('a random author id per board, kept in this browser; new cards carry no name while anonymous', () => {
    const store = memoryStore();
    expect(peekAnonymousAuthorId(store, 'board-1')).toBeNull();
    const alias = anonymousAuthorId(store, 'board-1');
    expect(peekAnonymousAuthorId(store, 'board-1')).toBe(alias);
    expect(anonymousAuthorId(store, 'board-1')).toBe(alias);
    expect(anonymousAuthorId(store, 'board-2')).not.toBe(alias);
    const me = { id: 'me', name: 'Eve', color: '#000' };
    expect(authorOfNewCards(me, { anonymous: true }, alias)).toEqual({ authorId: alias, authorName: '' });
    expect(authorOfNewCards(me, { anonymous: false }, alias)).toEqual({ authorId: 'me', authorName: 'Eve' });
    forgetAnonymousAuthorId(store, 'board-1');
    expect(peekAnonymousAuthorId(store, 'board-1')).toBeNull();
  });
});

describe("a round's results", () => {
  it('most dots first, ties share a place in reading order; kinds outside the round and cards without dots are left out', () => {
    const r: VotingRound = { round: 'r', kinds: ['lesson'], dots: 3, stack: true, open: false, revealed: true };
    const cards = [
      card('low', 'lesson', 'one dot', { y: 0, votes: { ann: 1 } }),
      card('top', 'lesson', 'three dots', { y: 500, votes: { ann: 2, bob: 1 } }),
      card('tie-b', 'lesson', 'tie, lower', { y: 300, votes: { bob: 2 } }),
      card('tie-a', 'lesson', 'tie, higher', { y: 100, votes: { cas: 2 } }),
      card('none', 'lesson', 'no dots', { y: 50 }),
      card('other', 'success', 'not in the round', { votes: { cas: 1 } }),
    ];
    expect(rankedResults(cards, r).map(({ card: c, rank, count }) => [c.id, rank, count])).toEqual([
      ['top', 1, 3],
      ['tie-a', 2, 2],
      ['tie-b', 2, 2],
      ['low', 4, 1],
    ]);
  });
});
