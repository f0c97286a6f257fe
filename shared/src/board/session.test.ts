import { describe, expect, it } from 'vitest';
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
  startTimer,
  startVoting,
  timerRemaining,
} from './session';
import { setVote } from './votes';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Session', template: 'blank', locale: 'en' });
  return doc;
}

function cardsOf(doc: Y.Doc, kinds: Array<'success' | 'problem' | 'lesson' | 'note'>): string[] {
  return kinds.map((kind, i) => addCard(doc, { kind, x: i * 300, y: 0, text: `${kind} ${i}`, authorId: 'ann-id', authorName: 'Ann' }));
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('the session map', () => {
  it('reads as the defaults on a board without it, and ignores values a foreign client wrote wrong', () => {
    const doc = board();
    expect(readSession(doc)).toEqual({ anonymous: false, voting: null, timer: null, agenda: null });
    sessionMap(doc).set('voting', { dots: 'many' });
    sessionMap(doc).set('timer', { durationMs: -5 });
    sessionMap(doc).set('agenda', { phases: [], current: 0 });
    sessionMap(doc).set('anonymous', 'yes');
    expect(readSession(doc)).toEqual({ anonymous: false, voting: null, timer: null, agenda: null });
  });

  it('anonymous mode is on and off', () => {
    const doc = board();
    setAnonymous(doc, true);
    expect(readSession(doc).anonymous).toBe(true);
    setAnonymous(doc, false);
    expect(readSession(doc).anonymous).toBe(false);
  });
});

describe('dot voting', () => {
  it('starts a round that clears earlier dots; counts per person; refuses past the budget, stacking and other kinds', () => {
    const doc = board();
    const [s, p, l] = cardsOf(doc, ['success', 'problem', 'lesson']);
    setVote(doc, l!, 'old', 3);
    startVoting(doc, { kinds: ['lesson', 'success'], dots: 2, stack: false });
    expect(readCards(doc).find((c) => c.id === l)?.votes).toBeUndefined();

    expect(castVote(doc, readCards(doc), l!, 'ann', 1)).toEqual({ ok: true, count: 1 });
    expect(castVote(doc, readCards(doc), l!, 'ann', 1)).toEqual({ ok: false, reason: 'no-stacking' });
    expect(castVote(doc, readCards(doc), p!, 'ann', 1)).toEqual({ ok: false, reason: 'kind' });
    expect(castVote(doc, readCards(doc), s!, 'ann', 1)).toEqual({ ok: true, count: 1 });
    expect(castVote(doc, readCards(doc), s!, 'bob', 1)).toEqual({ ok: true, count: 1 });
    const cards = readCards(doc);
    const round = readSession(doc).voting!;
    expect(dotsLeft(countVotes(cards, round), round, 'ann')).toBe(0);
    expect(dotsLeft(countVotes(cards, round), round, 'bob')).toBe(1);
    expect(countVotes(cards, round).totals.get(s!)).toBe(2);
    expect(castVote(doc, readCards(doc), l!, 'ann', -1)).toEqual({ ok: true, count: 0 });
    expect(castVote(doc, readCards(doc), l!, 'ann', -1)).toEqual({ ok: false, reason: 'none-to-remove' });
  });

  it('stacks dots on one card when the round allows it', () => {
    const doc = board();
    const [l] = cardsOf(doc, ['lesson']);
    startVoting(doc, { kinds: ['lesson'], dots: 3, stack: true });
    for (let i = 0; i < 3; i++) expect(castVote(doc, readCards(doc), l!, 'ann', 1).ok).toBe(true);
    expect(castVote(doc, readCards(doc), l!, 'ann', 1)).toEqual({ ok: false, reason: 'no-dots-left' });
    expect(readCards(doc)[0]!.votes).toEqual({ ann: 3 });
  });

  it('reveal, end (no more dots, counts stay) and clear (every dot goes)', () => {
    const doc = board();
    const [l] = cardsOf(doc, ['lesson']);
    startVoting(doc, { kinds: ['lesson'], dots: 1, stack: false });
    castVote(doc, readCards(doc), l!, 'ann', 1);
    expect(readSession(doc).voting).toMatchObject({ open: true, revealed: false });
    revealVotes(doc);
    expect(readSession(doc).voting).toMatchObject({ open: true, revealed: true });
    endVoting(doc);
    expect(readSession(doc).voting).toMatchObject({ open: false, revealed: true });
    expect(castVote(doc, readCards(doc), l!, 'bob', 1)).toEqual({ ok: false, reason: 'closed' });
    clearVoting(doc);
    expect(readSession(doc).voting).toBeNull();
    expect(readCards(doc)[0]!.votes).toBeUndefined();
    expect(castVote(doc, readCards(doc), l!, 'bob', 1)).toEqual({ ok: false, reason: 'no-round' });
  });

  it('two tabs of one person voting at once can put more dots in the document than the budget; the count never does, and the fix converges', () => {
    const a = board();
    const b = new Y.Doc();
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
        const a = board();
        const ids = cardsOf(a, ['lesson', 'success', 'lesson', 'problem']);
        startVoting(a, { kinds: ['lesson', 'success'], dots, stack });
        const b = new Y.Doc();
        sync(a, b);
        const tabs = [a, b];
        for (const c of clicks) {
          const doc = tabs[c.tab]!;
          castVote(doc, readCards(doc), ids[c.card]!, 'ann', c.delta);
          if (c.sync) sync(a, b);
        }
        sync(a, b);
        const round = readSession(a).voting!;
        for (const doc of tabs) {
          const counted = countVotes(readCards(doc), round);
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
    const doc = board();
    setTimer(doc, 60_000);
    expect(timerRemaining(readSession(doc).timer!, 5_000)).toBe(60_000);
    startTimer(doc, 10_000);
    expect(timerRemaining(readSession(doc).timer!, 25_000)).toBe(45_000);
    pauseTimer(doc, 30_000);
    expect(readSession(doc).timer).toEqual({ durationMs: 60_000, remainingMs: 40_000, startedAt: null });
    expect(timerRemaining(readSession(doc).timer!, 99_000)).toBe(40_000);
    startTimer(doc, 100_000);
    expect(timerRemaining(readSession(doc).timer!, 200_000)).toBe(0);
    resetTimer(doc);
    expect(readSession(doc).timer).toEqual({ durationMs: 60_000, remainingMs: 60_000, startedAt: null });
    expect(() => setTimer(doc, 0)).toThrow(RangeError);
  });

  it('a clock behind the start time shows the full remaining time, never more', () => {
    expect(timerRemaining({ durationMs: 1000, remainingMs: 1000, startedAt: 5000 }, 4000)).toBe(1000);
  });
});

describe('the agenda', () => {
  it('steps through phases that restrict the kinds that may be added', () => {
    const doc = board();
    expect(addableKinds(readSession(doc))).toEqual(['success', 'problem', 'lesson', 'note']);
    setAgenda(doc, benchlearningAgenda('nl'));
    expect(readSession(doc).agenda?.phases.map((p) => p.title)[0]).toBe('Successen verzamelen');
    expect(addableKinds(readSession(doc))).toHaveLength(4);
    goToPhase(doc, 0);
    expect(addableKinds(readSession(doc))).toEqual(['success', 'note']);
    goToPhase(doc, 3);
    expect(addableKinds(readSession(doc))).toEqual([]);
    goToPhase(doc, 99);
    expect(readSession(doc).agenda?.current).toBe(5);
    expect(addableKinds(readSession(doc))).toHaveLength(4);
  });
});

describe('what the reports show', () => {
  it('anonymous mode leaves names out of Markdown, CSV and SVG; a hidden round leaves its dots out', () => {
    const doc = board();
    const [l] = cardsOf(doc, ['lesson']);
    startVoting(doc, { kinds: ['lesson'], dots: 2, stack: true });
    castVote(doc, readCards(doc), l!, 'bob', 1);
    castVote(doc, readCards(doc), l!, 'bob', 1);
    expect(exportCsv(doc)).toContain('Ann');
    expect(exportMarkdown(doc, { now: 0 })).toContain('0 votes');
    expect(readShownCards(doc)[0]!.votes).toBeUndefined();
    revealVotes(doc);
    expect(exportMarkdown(doc, { now: 0 })).toContain('2 votes');
    expect(readShownCards(doc)[0]!.votes).toEqual({ bob: 2 });
    setAnonymous(doc, true);
    expect(exportCsv(doc)).not.toContain('Ann');
    expect(exportMarkdown(doc, { now: 0 })).not.toContain('Ann');
    expect(exportSvg(doc)).not.toContain('Ann');
  });
});
