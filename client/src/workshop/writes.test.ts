import { describe, expect, it } from 'vitest';
import { readCards, readSession, setVote, startVoting } from '@benchlearn/shared';
import { testEditor } from '../editor/testEditor';
import { fixOwnVotes, sessionWrite, vote } from './writes';

const dotsOf = (board: Parameters<typeof readCards>[0], voter: string) =>
  Object.fromEntries(readCards(board).map((card) => [card.id, card.votes?.[voter] ?? 0]));

describe('voting writes', () => {
  it('adds and takes away one dot by the round’s rules', () => {
    const { board, add } = testEditor();
    const lesson = add('lesson');
    startVoting(board, { kinds: ['lesson'], dots: 2, stack: true });
    expect(vote(board, lesson, 'u1', 1)).toEqual({ ok: true, count: 1 });
    expect(vote(board, lesson, 'u1', 1)).toEqual({ ok: true, count: 2 });
    expect(vote(board, lesson, 'u1', 1)).toMatchObject({ ok: false });
    expect(dotsOf(board, 'u1')[lesson]).toBe(2);
    expect(vote(board, lesson, 'u1', -1)).toEqual({ ok: true, count: 1 });
    expect(dotsOf(board, 'u1')[lesson]).toBe(1);
  });

  it('refuses without a round, and on a kind the round does not vote on', () => {
    const { board, add } = testEditor();
    const lesson = add('lesson');
    const note = add('note');
    expect(vote(board, lesson, 'u1', 1)).toEqual({ ok: false, reason: 'no-round' });
    startVoting(board, { kinds: ['lesson'], dots: 3, stack: false });
    expect(vote(board, note, 'u1', 1)).toMatchObject({ ok: false });
    expect(dotsOf(board, 'u1')[note]).toBe(0);
  });

  it('Ctrl+Z takes back the person’s own edit, never a dot or a round', () => {
    const { board, editor, add } = testEditor();
    const lesson = add('lesson');
    editor.write(() => add('note', 500, 0));
    expect(readCards(board)).toHaveLength(2);
    sessionWrite(board, () => void startVoting(board, { kinds: ['lesson'], dots: 3, stack: false }));
    expect(vote(board, lesson, 'u1', 1)).toMatchObject({ ok: true });
    editor.undo();
    // The note the person added is gone; the dot and the round stay.
    expect(readCards(board)).toHaveLength(1);
    expect(dotsOf(board, 'u1')[lesson]).toBe(1);
    expect(readSession(board).voting?.open).toBe(true);
    expect(editor.canUndo.get()).toBe(false);
  });

  it('brings the person’s dots back within the budget after two tabs voted at once', () => {
    const { board, add } = testEditor();
    const ids = [add('lesson', 0), add('lesson', 300), add('lesson', 600)];
    const round = startVoting(board, { kinds: ['lesson'], dots: 2, stack: false });
    // Both tabs saw room for a dot and wrote: three dots, one of them stacked.
    setVote(board, ids[0]!, 'u1', 2);
    setVote(board, ids[1]!, 'u1', 1);
    setVote(board, ids[2]!, 'u1', 1);
    setVote(board, ids[2]!, 'someone-else', 1);
    expect(fixOwnVotes(board, round, 'u1')).toBeGreaterThan(0);
    const mine = dotsOf(board, 'u1');
    const counts = ids.map((id) => mine[id]!);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
    expect(Math.max(...counts)).toBeLessThanOrEqual(1);
    // Others' dots are not touched, and a second pass finds nothing to fix.
    expect(dotsOf(board, 'someone-else')[ids[2]!]).toBe(1);
    expect(fixOwnVotes(board, round, 'u1')).toBe(0);
  });

  it('a person within the budget has nothing fixed', () => {
    const { board, add } = testEditor();
    const lesson = add('lesson');
    const round = startVoting(board, { kinds: ['lesson'], dots: 2, stack: false });
    vote(board, lesson, 'u1', 1);
    expect(fixOwnVotes(board, round, 'u1')).toBe(0);
    expect(dotsOf(board, 'u1')[lesson]).toBe(1);
  });
});
