import * as Y from 'yjs';
import { boardMaps, type BoardDocs } from './doc';

/** Dots one voter may put on one card (the model's limit). */
export const MAX_VOTES_PER_VOTER = 1000;

export function isVoteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_VOTES_PER_VOTER;
}

/** Sets how many dots `voterId` puts on a card; 0 takes the voter's dots away. */
export function setVote(board: BoardDocs, cardId: string, voterId: string, count: number): void {
  if (!isVoteCount(count)) throw new RangeError(`a vote count is a whole number from 0 to ${MAX_VOTES_PER_VOTER}`);
  const card = boardMaps(board).cards.get(cardId);
  if (!(card instanceof Y.Map)) return;
  board.content.transact(() => {
    let votes = card.get('votes');
    if (!(votes instanceof Y.Map)) {
      if (count === 0) return;
      votes = new Y.Map<number>();
      card.set('votes', votes);
    }
    const map = votes as Y.Map<number>;
    if (count === 0) map.delete(voterId);
    else if (map.get(voterId) !== count) map.set(voterId, count);
  });
}

/** The dots on a card, all voters together. */
export function votesTotal(votes: Readonly<Record<string, number>> | undefined): number {
  let total = 0;
  for (const count of Object.values(votes ?? {})) total += count;
  return total;
}
