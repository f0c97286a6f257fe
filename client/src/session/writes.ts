import type * as Y from 'yjs';
import { castVote, excessVotes, readCards, setVote, type VoteResult, type VotingRound } from '@benchlearn/shared';

/**
 * The origin of session writes and dots. The undo manager tracks only the person's own board
 * edits (tools/undo.ts), so Ctrl+Z never takes back a dot or a phase.
 */
export const SESSION_ORIGIN: unique symbol = Symbol('benchlearn:session');

export function sessionWrite(doc: Y.Doc, fn: () => void): void {
  doc.transact(fn, SESSION_ORIGIN);
}

/** Adds (1) or takes away (-1) one of the person's dots, by the round's rules as the document stands. */
export function vote(doc: Y.Doc, cardId: string, voter: string, delta: 1 | -1): VoteResult {
  let result: VoteResult = { ok: false, reason: 'no-round' };
  sessionWrite(doc, () => {
    result = castVote(doc, readCards(doc), cardId, voter, delta);
  });
  return result;
}

/** Two tabs of this person voted at once past the budget: bring the document back to what counts. */
export function fixOwnVotes(doc: Y.Doc, round: VotingRound, voter: string): number {
  const fixes = excessVotes(readCards(doc), round, voter);
  if (fixes.length === 0) return 0;
  sessionWrite(doc, () => {
    for (const [cardId, count] of fixes) setVote(doc, cardId, voter, count);
  });
  return fixes.length;
}
