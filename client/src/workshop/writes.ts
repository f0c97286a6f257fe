import { castVote, excessVotes, readCards, setVote, transactBoard, type BoardDocs, type VoteResult, type VotingRound } from '@benchlearn/shared';

/**
 * The origin of session writes and dots. The undo manager tracks only the person's own board
 * edits (tools/undo.ts), so Ctrl+Z never takes back a dot or a phase.
 */
export const SESSION_ORIGIN: unique symbol = Symbol('benchlearn:session');

/** Session writes touch both documents (a round is in the control, its dots on the cards in the content). */
export function sessionWrite(board: BoardDocs, fn: () => void): void {
  transactBoard(board, fn, SESSION_ORIGIN);
}

/** Adds (1) or takes away (-1) one of the person's dots, by the round's rules as the document stands. */
export function vote(board: BoardDocs, cardId: string, voter: string, delta: 1 | -1): VoteResult {
  let result: VoteResult = { ok: false, reason: 'no-round' };
  sessionWrite(board, () => {
    result = castVote(board, readCards(board), cardId, voter, delta);
  });
  return result;
}

/** Two tabs of this person voted at once past the budget: bring the document back to what counts. */
export function fixOwnVotes(board: BoardDocs, round: VotingRound, voter: string): number {
  const fixes = excessVotes(readCards(board), round, voter);
  if (fixes.length === 0) return 0;
  sessionWrite(board, () => {
    for (const [cardId, count] of fixes) setVote(board, cardId, voter, count);
  });
  return fixes.length;
}
