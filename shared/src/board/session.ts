import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import * as Y from 'yjs';
import { newId } from '../model/ids';
import { CARD_KINDS, CardKind, type Card, type Locale } from '../model/schemas';
import { MAX_TITLE_LENGTH } from '../protocol/limits';
import { boardMaps, transactBoard, type BoardDocs } from './doc';
import { readCards } from './read';
import { MAX_VOTES_PER_VOTER, setVote } from './votes';

/**
 * The workshop's running state (docs/model.md): a top-level `session` Y.Map beside meta,
 * cards, links and frames. Each key holds one plain JSON value, written whole by the
 * facilitator's web app (last writer wins), so everyone sees the same round, timer, phase
 * and anonymity. A board without the map (older, or never run as a workshop) reads as the
 * defaults; clients that do not know the map ignore it.
 */
export const SESSION_MAP = 'session';

export const MAX_DOTS = 50;
export const MAX_PHASES = 20;
export const MAX_TIMER_MS = 24 * 60 * 60 * 1000;
/** The session key of the results view (docs/model.md): `true` or absent. */
export const RESULTS_KEY = 'results';

const Kinds = Type.Array(CardKind, { maxItems: CARD_KINDS.length });

/** A dot-voting round. `open`: dots can be placed; `revealed`: everyone sees the counts. */
export const VotingRound = Type.Object({
  round: Type.String({ maxLength: 100 }),
  kinds: Kinds,
  dots: Type.Integer({ minimum: 1, maximum: MAX_DOTS }),
  stack: Type.Boolean(),
  open: Type.Boolean(),
  revealed: Type.Boolean(),
});
export type VotingRound = Static<typeof VotingRound>;

/**
 * A countdown. Running while `startedAt` is a number: remaining = `remainingMs` - (now -
 * `startedAt`). Times are the server's clock as the facilitator's browser estimates it.
 */
export const Timer = Type.Object({
  durationMs: Type.Number({ minimum: 0, maximum: MAX_TIMER_MS }),
  remainingMs: Type.Number({ minimum: 0, maximum: MAX_TIMER_MS }),
  startedAt: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
});
export type Timer = Static<typeof Timer>;

/**
 * A phase of the agenda; `kinds`: what may be added during it (null: any kind); `action`: what
 * the web app opens for the facilitator when the phase starts ('publish': "Publish to the
 * network", issue 16). Optional, so a web app from before reads such an agenda as it did.
 */
export const Phase = Type.Object({
  title: Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH }),
  kinds: Type.Union([Kinds, Type.Null()]),
  action: Type.Optional(Type.Literal('publish')),
});
export type Phase = Static<typeof Phase>;

/** `current`: -1 before the first phase, `phases.length` once the last one has ended. */
export const Agenda = Type.Object({
  phases: Type.Array(Phase, { minItems: 1, maxItems: MAX_PHASES }),
  current: Type.Integer({ minimum: -1, maximum: MAX_PHASES }),
});
export type Agenda = Static<typeof Agenda>;

export interface Session {
  anonymous: boolean;
  voting: VotingRound | null;
  timer: Timer | null;
  agenda: Agenda | null;
  /** The projector shows the round's ranked results instead of the board (only while there is a round). */
  results: boolean;
}

export const EMPTY_SESSION: Session = { anonymous: false, voting: null, timer: null, agenda: null, results: false };

export function sessionMap(board: BoardDocs): Y.Map<unknown> {
  return board.control.getMap<unknown>(SESSION_MAP);
}

function checked<T>(schema: Parameters<typeof Value.Check>[0], value: unknown): T | null {
  return Value.Check(schema, value) ? (value as T) : null;
}

/** The session as plain data; a value a foreign client wrote wrong reads as absent. */
export function readSession(board: BoardDocs): Session {
  const map = sessionMap(board);
  const agenda = checked<Agenda>(Agenda, map.get('agenda'));
  const voting = checked<VotingRound>(VotingRound, map.get('voting'));
  return {
    anonymous: map.get('anonymous') === true,
    voting,
    timer: checked<Timer>(Timer, map.get('timer')),
    agenda: agenda && agenda.current <= agenda.phases.length ? agenda : null,
    // A board stored before this key (or a round cleared by an older client) reads as "not shown".
    results: voting !== null && map.get(RESULTS_KEY) === true,
  };
}

// ---- anonymous mode ---------------------------------------------------------------------

export function setAnonymous(board: BoardDocs, on: boolean): void {
  const map = sessionMap(board);
  if (map.get('anonymous') === on) return;
  if (on) map.set('anonymous', true);
  else map.delete('anonymous');
}

// ---- voting -----------------------------------------------------------------------------

export interface RoundSettings {
  kinds: readonly CardKind[];
  dots: number;
  stack: boolean;
}

function clearAllVotes(board: BoardDocs): void {
  boardMaps(board).cards.forEach((card) => {
    if (card instanceof Y.Map && card.has('votes')) card.delete('votes');
  });
}

/** Starts a round: the dots of any earlier round go, so every round counts from zero. */
export function startVoting(board: BoardDocs, settings: RoundSettings, round: string = newId()): VotingRound {
  const kinds = CARD_KINDS.filter((kind) => settings.kinds.includes(kind));
  if (kinds.length === 0) throw new RangeError('a round needs at least one kind of card to vote on');
  if (!Number.isInteger(settings.dots) || settings.dots < 1 || settings.dots > MAX_DOTS) {
    throw new RangeError(`dots per person is a whole number from 1 to ${MAX_DOTS}`);
  }
  const value: VotingRound = { round, kinds, dots: settings.dots, stack: settings.stack, open: true, revealed: false };
  // The dots (content) and the round (control): one transaction in each document.
  transactBoard(board, () => {
    clearAllVotes(board);
    sessionMap(board).set('voting', value);
    sessionMap(board).delete(RESULTS_KEY);
  });
  return value;
}

function updateRound(board: BoardDocs, change: Partial<Pick<VotingRound, 'open' | 'revealed'>>): void {
  const current = readSession(board).voting;
  if (!current) return;
  sessionMap(board).set('voting', { ...current, ...change });
}

/** Everyone sees the counts; dots can still be moved while the round is open. */
export function revealVotes(board: BoardDocs): void {
  updateRound(board, { revealed: true });
}

/** No more dots; the counts stay on the cards (revealed), and the projector shows the ranking. */
export function endVoting(board: BoardDocs): void {
  board.control.transact(() => {
    updateRound(board, { open: false, revealed: true });
    if (readSession(board).voting) sessionMap(board).set(RESULTS_KEY, true);
  });
}

/**
 * The projector shows the round's ranked results (`true`, which reveals the counts) or the
 * board again (`false`). Nothing without a round.
 */
export function showResults(board: BoardDocs, on: boolean): void {
  board.control.transact(() => {
    if (on && !readSession(board).voting) return;
    if (on) {
      updateRound(board, { revealed: true });
      sessionMap(board).set(RESULTS_KEY, true);
    } else if (sessionMap(board).has(RESULTS_KEY)) sessionMap(board).delete(RESULTS_KEY);
  });
}

/** The round and every dot go (and with them the results view). */
export function clearVoting(board: BoardDocs): void {
  transactBoard(board, () => {
    clearAllVotes(board);
    sessionMap(board).delete('voting');
    sessionMap(board).delete(RESULTS_KEY);
  });
}

/** The votes that count: per card, and per voter and card. */
export interface VoteCount {
  totals: Map<string, number>;
  byVoter: Map<string, Map<string, number>>;
}

/**
 * The dots that count in a round, the same on every client for the same document. Dots on
 * cards of other kinds do not count; without stacking, one dot per card per voter; and a
 * voter's dots beyond the round's budget are dropped in card id order. The document can hold
 * more than this: two tabs of one person voting at the same moment each see dots left, and
 * the CRDT merges both writes. Counting the same way everywhere keeps the result within the
 * rules whatever the merge brought (docs/model.md).
 */
export function countVotes(cards: readonly Card[], round: Pick<VotingRound, 'kinds' | 'dots' | 'stack'>): VoteCount {
  const perVoter = new Map<string, Array<[string, number]>>();
  const ordered = [...cards].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const card of ordered) {
    if (!round.kinds.includes(card.kind) || !card.votes) continue;
    for (const [voter, raw] of Object.entries(card.votes)) {
      const count = round.stack ? raw : Math.min(raw, 1);
      if (count <= 0) continue;
      const list = perVoter.get(voter) ?? [];
      list.push([card.id, count]);
      perVoter.set(voter, list);
    }
  }
  const totals = new Map<string, number>();
  const byVoter = new Map<string, Map<string, number>>();
  for (const [voter, entries] of perVoter) {
    let budget = round.dots;
    const mine = new Map<string, number>();
    for (const [cardId, count] of entries) {
      const kept = Math.min(count, budget);
      if (kept <= 0) break;
      budget -= kept;
      mine.set(cardId, kept);
      totals.set(cardId, (totals.get(cardId) ?? 0) + kept);
    }
    byVoter.set(voter, mine);
  }
  return { totals, byVoter };
}

export function dotsLeft(count: VoteCount, round: Pick<VotingRound, 'dots'>, voter: string): number {
  let used = 0;
  for (const n of count.byVoter.get(voter)?.values() ?? []) used += n;
  return Math.max(0, round.dots - used);
}

export type VoteRefusal = 'no-round' | 'closed' | 'kind' | 'no-dots-left' | 'no-stacking' | 'none-to-remove' | 'missing-card';
export type VoteResult = { ok: true; count: number } | { ok: false; reason: VoteRefusal };

/** Why this voter may not add (`delta` 1) or take away (-1) a dot on the card now, or null. */
export function voteRefusal(board: BoardDocs, cards: readonly Card[], cardId: string, voter: string, delta: 1 | -1): VoteRefusal | null {
  const round = readSession(board).voting;
  if (!round) return 'no-round';
  if (!round.open) return 'closed';
  const card = cards.find((c) => c.id === cardId);
  if (!card) return 'missing-card';
  if (!round.kinds.includes(card.kind)) return 'kind';
  const counted = countVotes(cards, round).byVoter.get(voter)?.get(cardId) ?? 0;
  if (delta < 0) return counted > 0 ? null : 'none-to-remove';
  if (!round.stack && counted >= 1) return 'no-stacking';
  if (dotsLeft(countVotes(cards, round), round, voter) < 1) return 'no-dots-left';
  return null;
}

/**
 * Adds or takes away one of this voter's dots on a card, within the round's rules as this
 * document sees them. The new count is the counted one plus `delta`, so a dot the rules had
 * dropped is cleaned away by the next click.
 */
export function castVote(board: BoardDocs, cards: readonly Card[], cardId: string, voter: string, delta: 1 | -1): VoteResult {
  const refusal = voteRefusal(board, cards, cardId, voter, delta);
  if (refusal) return { ok: false, reason: refusal };
  const round = readSession(board).voting!;
  const counted = countVotes(cards, round).byVoter.get(voter)?.get(cardId) ?? 0;
  const count = Math.min(MAX_VOTES_PER_VOTER, Math.max(0, counted + delta));
  setVote(board, cardId, voter, count);
  return { ok: true, count };
}

/**
 * Writes that bring this voter's dots in the document back to what counts (after a merge of
 * two of their tabs put more than the budget on the board): [cardId, count] pairs. Every tab
 * computes the same pairs from the same document, so fixing it twice changes nothing more.
 */
export function excessVotes(cards: readonly Card[], round: Pick<VotingRound, 'kinds' | 'dots' | 'stack'>, voter: string): Array<[string, number]> {
  const counted = countVotes(cards, round).byVoter.get(voter) ?? new Map<string, number>();
  const fixes: Array<[string, number]> = [];
  for (const card of cards) {
    const raw = card.votes?.[voter];
    if (raw === undefined || !round.kinds.includes(card.kind)) continue;
    const want = counted.get(card.id) ?? 0;
    if (raw !== want) fixes.push([card.id, want]);
  }
  return fixes;
}

/** Whether a person other than the facilitator may see the counts of this round. */
export function votesHidden(session: Pick<Session, 'voting'>): boolean {
  return session.voting !== null && !session.voting.revealed;
}

// ---- timer ------------------------------------------------------------------------------

function writeTimer(board: BoardDocs, timer: Timer): void {
  sessionMap(board).set('timer', timer);
}

/** Sets the countdown to `durationMs`, stopped. */
export function setTimer(board: BoardDocs, durationMs: number): void {
  if (!Number.isFinite(durationMs) || durationMs <= 0 || durationMs > MAX_TIMER_MS) throw new RangeError('a timer runs from 1 ms up to 24 hours');
  const ms = Math.round(durationMs);
  writeTimer(board, { durationMs: ms, remainingMs: ms, startedAt: null });
}

/** Time left at `now` (ms, never below 0). */
export function timerRemaining(timer: Timer, now: number): number {
  if (timer.startedAt === null) return timer.remainingMs;
  return Math.max(0, timer.remainingMs - Math.max(0, now - timer.startedAt));
}

export function startTimer(board: BoardDocs, now: number): void {
  const timer = readSession(board).timer;
  if (!timer || timer.startedAt !== null) return;
  // Started at zero: begin again from the full duration.
  const remainingMs = timer.remainingMs > 0 ? timer.remainingMs : timer.durationMs;
  writeTimer(board, { ...timer, remainingMs, startedAt: Math.max(0, Math.round(now)) });
}

export function pauseTimer(board: BoardDocs, now: number): void {
  const timer = readSession(board).timer;
  if (!timer || timer.startedAt === null) return;
  writeTimer(board, { ...timer, remainingMs: Math.round(timerRemaining(timer, now)), startedAt: null });
}

export function resetTimer(board: BoardDocs): void {
  const timer = readSession(board).timer;
  if (!timer) return;
  writeTimer(board, { ...timer, remainingMs: timer.durationMs, startedAt: null });
}

export function clearTimer(board: BoardDocs): void {
  sessionMap(board).delete('timer');
}

// ---- agenda -----------------------------------------------------------------------------

const AGENDA_TITLES = {
  en: ['Collect successes', 'Collect problems', 'Link to lessons', 'Vote', 'Read the report'],
  nl: ['Successen verzamelen', 'Problemen verzamelen', 'Koppelen aan lessen', 'Stemmen', 'Het verslag lezen'],
} as const satisfies Record<Locale, readonly string[]>;

const PUBLISH_TITLE: Record<Locale, string> = { en: 'Publish to the network', nl: 'Publiceren in het netwerk' };

/**
 * The benchlearning agenda, its titles in the board's language (board content). A board of a
 * network (`inNetwork`) ends with publishing its lessons to the network's library.
 */
export function benchlearningAgenda(locale: Locale, options: { inNetwork?: boolean } = {}): Phase[] {
  const [successes, problems, lessons, vote, report] = AGENDA_TITLES[locale];
  return [
    { title: successes, kinds: ['success', 'note'] },
    { title: problems, kinds: ['problem', 'note'] },
    { title: lessons, kinds: ['lesson', 'note'] },
    { title: vote, kinds: [] },
    { title: report, kinds: [] },
    ...(options.inNetwork ? [{ title: PUBLISH_TITLE[locale], kinds: [], action: 'publish' as const }] : []),
  ];
}

/** Sets the phases, before the first (the facilitator starts it with goToPhase(0)). */
export function setAgenda(board: BoardDocs, phases: readonly Phase[]): void {
  const value: Agenda = {
    phases: phases.slice(0, MAX_PHASES).map((phase) => ({
      title: phase.title.trim().slice(0, MAX_TITLE_LENGTH) || '…',
      kinds: phase.kinds === null ? null : CARD_KINDS.filter((kind) => phase.kinds!.includes(kind)),
      ...(phase.action ? { action: phase.action } : {}),
    })),
    current: -1,
  };
  if (value.phases.length === 0) throw new RangeError('an agenda has at least one phase');
  sessionMap(board).set('agenda', value);
}

/** Moves to phase `index` (-1: before the first, phases.length: all done). */
export function goToPhase(board: BoardDocs, index: number): void {
  const agenda = readSession(board).agenda;
  if (!agenda) return;
  const current = Math.max(-1, Math.min(agenda.phases.length, Math.trunc(index)));
  if (current !== agenda.current) sessionMap(board).set('agenda', { ...agenda, current });
}

export function clearAgenda(board: BoardDocs): void {
  sessionMap(board).delete('agenda');
}

export function currentPhase(agenda: Agenda | null): Phase | null {
  return agenda && agenda.current >= 0 ? (agenda.phases[agenda.current] ?? null) : null;
}

/** The kinds that may be added now: the current phase's, or every kind outside the agenda. */
export function addableKinds(session: Pick<Session, 'agenda'>): readonly CardKind[] {
  return currentPhase(session.agenda)?.kinds ?? CARD_KINDS;
}

// ---- what everyone may see ----------------------------------------------------------------

/** The author's name as shown to everyone: none while the board is anonymous. */
export function shownAuthor(card: Pick<Card, 'authorName'>, session: Pick<Session, 'anonymous'>): string {
  return session.anonymous ? '' : card.authorName;
}

/**
 * The vote count of each card as everyone may see it: nothing while a round is hidden, the
 * counted dots of a round (countVotes), or every dot on the board outside a round.
 */
export function shownVoteTotals(session: Pick<Session, 'voting'>, cards: readonly Card[]): (card: Card) => number {
  const round = session.voting;
  if (round && !round.revealed) return () => 0;
  if (round) {
    const { totals } = countVotes(cards, round);
    return (card) => totals.get(card.id) ?? 0;
  }
  return (card) => {
    let total = 0;
    for (const n of Object.values(card.votes ?? {})) total += n;
    return total;
  };
}

/**
 * The cards as everyone may see them, for the reports (Markdown, CSV, SVG): no author names
 * while the board is anonymous; no dots while a round is hidden; in a round, only the dots that
 * count (countVotes). The JSON export keeps everything: it is the board's backup.
 */
export function readShownCards(board: BoardDocs, cards: readonly Card[] = readCards(board)): Card[] {
  const session = readSession(board);
  const round = session.voting;
  const counted = round && round.revealed ? countVotes(cards, round).byVoter : null;
  return cards.map((card) => {
    const shown: Card = { ...card, authorName: shownAuthor(card, session) };
    delete shown.votes;
    if (!round && card.votes) shown.votes = card.votes;
    if (counted) {
      const votes: Record<string, number> = {};
      for (const [voter, byCard] of counted) {
        const n = byCard.get(card.id);
        if (n) votes[voter] = n;
      }
      if (Object.keys(votes).length > 0) shown.votes = votes;
    }
    return shown;
  });
}
