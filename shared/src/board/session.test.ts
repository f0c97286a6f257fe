import { describe, expect, it } from 'vitest';
import { newBoardDocs, type BoardDocs } from '../board/doc';
import { syncBoards } from './testing';
import fc from 'fast-check';
import * as Y from 'yjs';
import { exportCsv } from '../export/csv';
import { exportMarkdown } from '../export/markdown';
import { exportSvg } from '../export/svg';
import { initBoard } from './create';
import { addCard } from './cards';
import { readCards } from './read';
import {
  addableKinds,
  benchlearningAgenda,
  currentPhase,
  castVote,
  clearVoting,
  countVotes,
  dotsLeft,
  endVoting,
  excessVotes,
  goToPhase,
  pauseTimer,
  readSession,
  readShownCards,
  resetTimer,
  revealVotes,
  sessionMap,
  setAgenda,
  setAnonymous,
  setTimer,
  showResults,
  startTimer,
  startVoting,
  timerRemaining,
} from './session';
import { setVote } from './votes';

function sessionBoard(): BoardDocs {
  const board = newBoardDocs();
  initBoard(board, { title: 'Session', template: 'blank', locale: 'en' });
  return board;
}

function cardsOf(board: BoardDocs, kinds: Array<'success' | 'problem' | 'lesson' | 'note'>): string[] {
  return kinds.map((kind, i) => addCard(board, { kind, x: i * 300, y: 0, text: `${kind} ${i}`, authorId: 'ann-id', authorName: 'Ann' }));
}

const sync = syncBoards;

describe('the session map', () => {
  it('reads as the defaults on a board without it, and ignores values a foreign client wrote wrong', () => {
    const board = sessionBoard();
    expect(readSession(board)).toEqual({ anonymous: false, voting: null, timer: null, agenda: null, results: false });
    sessionMap(board).set('voting', { dots: 'many' });
    sessionMap(board).set('timer', { durationMs: -5 });
    sessionMap(board).set('agenda', { phases: [], current: 0 });
    sessionMap(board).set('anonymous', 'yes');
    expect(readSession(board)).toEqual({ anonymous: false, voting: null, timer: null, agenda: null, results: false });
  });

  it('anonymous mode is on and off', () => {
    const board = sessionBoard();
    setAnonymous(board, true);
    expect(readSession(board).anonymous).toBe(true);
    setAnonymous(board, false);
    expect(readSession(board).anonymous).toBe(false);
  });
});

describe('dot voting', () => {
  it('starts a round that clears earlier dots; counts per person; refuses past the budget, stacking and other kinds', () => {
    const board = sessionBoard();
    const [s, p, l] = cardsOf(board, ['success', 'problem', 'lesson']);
    setVote(board, l!, 'old', 3);
    startVoting(board, { kinds: ['lesson', 'success'], dots: 2, stack: false });
    expect(readCards(board).find((c) => c.id === l)?.votes).toBeUndefined();

    expect(castVote(board, readCards(board), l!, 'ann', 1)).toEqual({ ok: true, count: 1 });
    expect(castVote(board, readCards(board), l!, 'ann', 1)).toEqual({ ok: false, reason: 'no-stacking' });
    expect(castVote(board, readCards(board), p!, 'ann', 1)).toEqual({ ok: false, reason: 'kind' });
    expect(castVote(board, readCards(board), s!, 'ann', 1)).toEqual({ ok: true, count: 1 });
    expect(castVote(board, readCards(board), s!, 'bob', 1)).toEqual({ ok: true, count: 1 });
    const cards = readCards(board);
    const round = readSession(board).voting!;
    expect(dotsLeft(countVotes(cards, round), round, 'ann')).toBe(0);
    expect(dotsLeft(countVotes(cards, round), round, 'bob')).toBe(1);
    expect(countVotes(cards, round).totals.get(s!)).toBe(2);
    expect(castVote(board, readCards(board), l!, 'ann', -1)).toEqual({ ok: true, count: 0 });
    expect(castVote(board, readCards(board), l!, 'ann', -1)).toEqual({ ok: false, reason: 'none-to-remove' });
  });

  it('stacks dots on one card when the round allows it', () => {
    const board = sessionBoard();
    const [l] = cardsOf(board, ['lesson']);
    startVoting(board, { kinds: ['lesson'], dots: 3, stack: true });
    for (let i = 0; i < 3; i++) expect(castVote(board, readCards(board), l!, 'ann', 1).ok).toBe(true);
    expect(castVote(board, readCards(board), l!, 'ann', 1)).toEqual({ ok: false, reason: 'no-dots-left' });
    expect(readCards(board)[0]!.votes).toEqual({ ann: 3 });
  });

  it('reveal, end (no more dots, counts stay) and clear (every dot goes)', () => {
    const board = sessionBoard();
    const [l] = cardsOf(board, ['lesson']);
    startVoting(board, { kinds: ['lesson'], dots: 1, stack: false });
    castVote(board, readCards(board), l!, 'ann', 1);
    expect(readSession(board).voting).toMatchObject({ open: true, revealed: false });
    revealVotes(board);
    expect(readSession(board).voting).toMatchObject({ open: true, revealed: true });
    endVoting(board);
    expect(readSession(board).voting).toMatchObject({ open: false, revealed: true });
    expect(castVote(board, readCards(board), l!, 'bob', 1)).toEqual({ ok: false, reason: 'closed' });
    clearVoting(board);
    expect(readSession(board).voting).toBeNull();
    expect(readCards(board)[0]!.votes).toBeUndefined();
    expect(castVote(board, readCards(board), l!, 'bob', 1)).toEqual({ ok: false, reason: 'no-round' });
  });

  it('the results view: ending a round shows it, the facilitator hides or shows it, a new round or clearing removes it', () => {
    const board = sessionBoard();
    const [l] = cardsOf(board, ['lesson']);
    showResults(board, true);
    expect(sessionMap(board).has('results')).toBe(false);
    startVoting(board, { kinds: ['lesson'], dots: 1, stack: false });
    expect(readSession(board).results).toBe(false);
    // "Show results" during an open, hidden round reveals the counts with it.
    showResults(board, true);
    expect(readSession(board)).toMatchObject({ results: true, voting: { open: true, revealed: true } });
    showResults(board, false);
    expect(readSession(board).results).toBe(false);
    castVote(board, readCards(board), l!, 'ann', 1);
    endVoting(board);
    expect(readSession(board)).toMatchObject({ results: true, voting: { open: false } });
    startVoting(board, { kinds: ['lesson'], dots: 1, stack: false });
    expect(readSession(board).results).toBe(false);
    endVoting(board);
    clearVoting(board);
    expect(sessionMap(board).has('results')).toBe(false);
    // A stray key without a round (a foreign client) shows nothing.
    sessionMap(board).set('results', true);
    expect(readSession(board).results).toBe(false);
  });

  it('a board stored before the results key loads with its round, results not shown', () => {
    const old = sessionBoard();
    cardsOf(old, ['lesson']);
    // What an older web app wrote: a round that ended, and no `results` key.
    sessionMap(old).set('voting', { round: 'r1', kinds: ['lesson'], dots: 3, stack: false, open: false, revealed: true });
    const stored = { content: Y.encodeStateAsUpdate(old.content), control: Y.encodeStateAsUpdate(old.control) };
    const loaded = newBoardDocs();
    Y.applyUpdate(loaded.content, stored.content);
    Y.applyUpdate(loaded.control, stored.control);
    expect(readSession(loaded)).toMatchObject({ voting: { round: 'r1', open: false }, results: false });
    expect(readCards(loaded)).toHaveLength(1);
    showResults(loaded, true);
    expect(readSession(loaded).results).toBe(true);
  });

  it('two tabs of one person voting at once can put more dots in the document than the budget; the count never does, and the fix converges', () => {
    const a = sessionBoard();
    const b = newBoardDocs();
    sync(a, b);
    const [x, y] = cardsOf(a, ['lesson', 'lesson']);
    startVoting(a, { kinds: ['lesson'], dots: 1, stack: false });
    sync(a, b);
    // Offline from each other, each tab sees one dot left.
    expect(castVote(a, readCards(a), x!, 'ann', 1).ok).toBe(true);
    expect(castVote(b, readCards(b), y!, 'ann', 1).ok).toBe(true);
    sync(a, b);
    const round = readSession(a).voting!;
    const raw = readCards(a).reduce((sum, card) => sum + (card.votes?.ann ?? 0), 0);
    expect(raw).toBe(2);
    const counted = countVotes(readCards(a), round);
    expect([...counted.byVoter.get('ann')!.values()].reduce((s, n) => s + n, 0)).toBe(1);
    // Both tabs clean up the same way.
    const fixA = excessVotes(readCards(a), round, 'ann');
    expect(fixA).toEqual(excessVotes(readCards(b), round, 'ann'));
    for (const [card, n] of fixA) setVote(a, card, 'ann', n);
    for (const [card, n] of excessVotes(readCards(b), round, 'ann')) setVote(b, card, 'ann', n);
    sync(a, b);
    expect(excessVotes(readCards(a), round, 'ann')).toEqual([]);
    expect(readCards(a).map((c) => c.votes)).toEqual(readCards(b).map((c) => c.votes));
  });

  it('property: whatever two tabs of one voter do concurrently, the counted dots stay within the rules on every replica', () => {
    const click = fc.record({ tab: fc.nat({ max: 1 }), card: fc.nat({ max: 3 }), delta: fc.constantFrom<1 | -1>(1, 1, -1), sync: fc.boolean() });
    fc.assert(
      fc.property(fc.array(click, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (clicks, dots, stack) => {
        const a = sessionBoard();
        const ids = cardsOf(a, ['lesson', 'success', 'lesson', 'problem']);
        startVoting(a, { kinds: ['lesson', 'success'], dots, stack });
        const b = newBoardDocs();
        sync(a, b);
        const tabs = [a, b];
        for (const c of clicks) {
          const board = tabs[c.tab]!;
          castVote(board, readCards(board), ids[c.card]!, 'ann', c.delta);
          if (c.sync) sync(a, b);
        }
        sync(a, b);
        const round = readSession(a).voting!;
        for (const board of tabs) {
          const counted = countVotes(readCards(board), round);
          const mine = counted.byVoter.get('ann') ?? new Map<string, number>();
          const used = [...mine.values()].reduce((s, n) => s + n, 0);
          expect(used).toBeLessThanOrEqual(dots);
          if (!stack) for (const n of mine.values()) expect(n).toBe(1);
          for (const card of [ids[3]!]) expect(mine.has(card)).toBe(false);
        }
        expect([...countVotes(readCards(a), round).totals]).toEqual([...countVotes(readCards(b), round).totals]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the timer', () => {
  it('counts down from when it started, pauses, resumes and resets', () => {
    const board = sessionBoard();
    setTimer(board, 60_000);
    expect(timerRemaining(readSession(board).timer!, 5_000)).toBe(60_000);
    startTimer(board, 10_000);
    expect(timerRemaining(readSession(board).timer!, 25_000)).toBe(45_000);
    pauseTimer(board, 30_000);
    expect(readSession(board).timer).toEqual({ durationMs: 60_000, remainingMs: 40_000, startedAt: null });
    expect(timerRemaining(readSession(board).timer!, 99_000)).toBe(40_000);
    startTimer(board, 100_000);
    expect(timerRemaining(readSession(board).timer!, 200_000)).toBe(0);
    resetTimer(board);
    expect(readSession(board).timer).toEqual({ durationMs: 60_000, remainingMs: 60_000, startedAt: null });
    expect(() => setTimer(board, 0)).toThrow(RangeError);
  });

  it('a clock behind the start time shows the full remaining time, never more', () => {
    expect(timerRemaining({ durationMs: 1000, remainingMs: 1000, startedAt: 5000 }, 4000)).toBe(1000);
  });
});

describe('the agenda', () => {
  it('steps through phases that restrict the kinds that may be added', () => {
    const board = sessionBoard();
    expect(addableKinds(readSession(board))).toEqual(['success', 'problem', 'lesson', 'note']);
    setAgenda(board, benchlearningAgenda('nl'));
    expect(readSession(board).agenda?.phases.map((p) => p.title)[0]).toBe('Successen verzamelen');
    expect(addableKinds(readSession(board))).toHaveLength(4);
    goToPhase(board, 0);
    expect(addableKinds(readSession(board))).toEqual(['success', 'note']);
    goToPhase(board, 3);
    expect(addableKinds(readSession(board))).toEqual([]);
    goToPhase(board, 99);
    expect(readSession(board).agenda?.current).toBe(5);
    expect(addableKinds(readSession(board))).toHaveLength(4);
  });

  it('ends with "Publish to the network" on a board of a network, and only there', () => {
    const board = sessionBoard();
    expect(benchlearningAgenda('en').some((phase) => phase.action !== undefined)).toBe(false);
    setAgenda(board, benchlearningAgenda('nl', { inNetwork: true }));
    const phases = readSession(board).agenda?.phases ?? [];
    expect(phases).toHaveLength(6);
    expect(phases.at(-1)).toEqual({ title: 'Publiceren in het netwerk', kinds: [], action: 'publish' });
    goToPhase(board, 5);
    expect(currentPhase(readSession(board).agenda)?.action).toBe('publish');
  });
});

describe('what the reports show', () => {
  it('anonymous mode leaves names out of Markdown, CSV and SVG; a hidden round leaves its dots out', () => {
    const board = sessionBoard();
    const [l] = cardsOf(board, ['lesson']);
    startVoting(board, { kinds: ['lesson'], dots: 2, stack: true });
    castVote(board, readCards(board), l!, 'bob', 1);
    castVote(board, readCards(board), l!, 'bob', 1);
    expect(exportCsv(board)).toContain('Ann');
    expect(exportMarkdown(board, { now: 0 })).toContain('0 votes');
    expect(readShownCards(board)[0]!.votes).toBeUndefined();
    revealVotes(board);
    expect(exportMarkdown(board, { now: 0 })).toContain('2 votes');
    expect(readShownCards(board)[0]!.votes).toEqual({ bob: 2 });
    setAnonymous(board, true);
    expect(exportCsv(board)).not.toContain('Ann');
    expect(exportMarkdown(board, { now: 0 })).not.toContain('Ann');
    expect(exportSvg(board)).not.toContain('Ann');
  });
});
