import { CARD_KINDS, countVotes, dotsLeft, shownVoteTotals, type Card, type CardKind, type Session, type VotingRound } from '@benchlearn/shared';
import type { CardDecor, CardVotes } from '../editor/types';

export interface VoteView {
  round: VotingRound | null;
  /** Dots this person has left in the open round (0 outside one). */
  left: number;
  /** Cards with dots to show (this person's, or counts once revealed). */
  perCard: ReadonlyMap<string, CardVotes>;
}

/**
 * What one person sees of the votes. While a round is hidden they see only their own dots:
 * a rule of the web app, since the document (which every participant holds) has them all.
 */
export function voteView(cards: readonly Card[], session: Pick<Session, 'voting'>, voter: string): VoteView {
  const round = session.voting;
  const perCard = new Map<string, CardVotes>();
  const shown = shownVoteTotals(session, cards);
  const counted = round ? countVotes(cards, round) : null;
  const mine = counted?.byVoter.get(voter);
  const hidden = round !== null && !round.revealed;
  for (const card of cards) {
    const own = mine?.get(card.id) ?? 0;
    const total = hidden ? null : shown(card);
    if (own > 0 || (total !== null && total > 0)) perCard.set(card.id, { mine: own, total });
  }
  const left = round && round.open && counted ? dotsLeft(counted, round, voter) : 0;
  return { round, left, perCard };
}

export function canVoteOn(round: VotingRound | null, kind: CardKind): boolean {
  return round !== null && round.open && round.kinds.includes(kind);
}

/** What the finder looks for: text (case-insensitive), kinds (none chosen: all), an organisation ('' all). */
export interface FindFilter {
  query: string;
  kinds: readonly CardKind[];
  org: string;
}

export const NO_FILTER: FindFilter = { query: '', kinds: [], org: '' };

export function isFiltering(filter: FindFilter): boolean {
  return filter.query.trim() !== '' || filter.kinds.length > 0 || filter.org !== '';
}

export function cardMatches(card: Pick<Card, 'kind' | 'text' | 'org'>, filter: FindFilter): boolean {
  if (filter.kinds.length > 0 && !filter.kinds.includes(card.kind)) return false;
  if (filter.org !== '' && (card.org ?? '').trim().toLocaleLowerCase() !== filter.org.toLocaleLowerCase()) return false;
  const query = filter.query.trim().toLocaleLowerCase();
  return query === '' || card.text.toLocaleLowerCase().includes(query);
}

/** The ids of the cards that match, or null when nothing is filtered. */
export function findMatches(cards: readonly Card[], filter: FindFilter): ReadonlySet<string> | null {
  if (!isFiltering(filter)) return null;
  return new Set(cards.filter((card) => cardMatches(card, filter)).map((card) => card.id));
}

/** The organisations on the board, once each (ignoring case), sorted. */
export function organisationsOf(cards: readonly Pick<Card, 'org'>[]): string[] {
  const seen = new Map<string, string>();
  for (const card of cards) {
    const org = card.org?.trim();
    if (org && !seen.has(org.toLocaleLowerCase())) seen.set(org.toLocaleLowerCase(), org);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** Decorations of every card that has one. */
export function cardDecor(cards: readonly Card[], votes: VoteView, matches: ReadonlySet<string> | null): Map<string, CardDecor> {
  const decor = new Map<string, CardDecor>();
  for (const card of cards) {
    const v = votes.perCard.get(card.id) ?? null;
    const match = matches ? matches.has(card.id) : null;
    if (v || match !== null) decor.set(card.id, { votes: v, match });
  }
  return decor;
}

/** Kinds that may be added, in the usual order (a phase of the agenda may narrow them). */
export function orderedKinds(kinds: readonly CardKind[]): CardKind[] {
  return CARD_KINDS.filter((kind) => kinds.includes(kind));
}

/** One card of a round's results: its place (ties share one), its counted dots. */
export interface RankedCard {
  card: Card;
  rank: number;
  count: number;
}

/**
 * A round's results, most dots first: the cards of the round's kinds that got a dot, by the one
 * count (countVotes), ties sharing a place and kept in reading order (top to bottom, then left
 * to right), as the outline sorts them.
 */
export function rankedResults(cards: readonly Card[], round: Pick<VotingRound, 'kinds' | 'dots' | 'stack'>): RankedCard[] {
  const { totals } = countVotes(cards, round);
  const voted = cards.filter((card) => (totals.get(card.id) ?? 0) > 0);
  voted.sort((a, b) => totals.get(b.id)! - totals.get(a.id)! || a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1));
  let rank = 0;
  let last = -1;
  return voted.map((card, i) => {
    const count = totals.get(card.id)!;
    if (count !== last) rank = i + 1;
    last = count;
    return { card, rank, count };
  });
}
