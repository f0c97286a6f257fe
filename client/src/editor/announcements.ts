import type * as Y from 'yjs';
import { readSession, sessionMap, type Card, type CardKind, type Link, type VotingRound } from '@benchlearn/shared';
import type { BoardStore } from './boardStore';
import type { Signal } from './stores';

/**
 * What the live region says, as data: the words are the page's (ui/LiveRegion), in the
 * reader's language. `text` is a card's text, shortened.
 */
export type Announcement =
  | { type: 'card-added'; by: string; kind: CardKind; text: string }
  | { type: 'cards-added'; count: number }
  | { type: 'cards-deleted'; count: number }
  | { type: 'linked'; mine: boolean; from: string; to: string }
  | { type: 'links-made'; count: number }
  | { type: 'voted'; delta: 1 | -1; text: string }
  | { type: 'voting'; state: 'started' | 'revealed' | 'ended' }
  | { type: 'locked'; locked: boolean }
  | { type: 'timer-done' }
  /** The keyboard moved to a card on the canvas: said at once, even when others' activity is muted. */
  | { type: 'card-focused'; kind: CardKind; text: string; index: number; count: number }
  | { type: 'moved-to-frame'; title: string }
  /** One's own link taken back from the keyboard's "Link to…" list. */
  | { type: 'unlinked'; from: string; to: string };

export type AnnouncementListener = (batch: readonly Announcement[]) => void;

/** How long changes are gathered before they are said, at most once per window. */
export const ANNOUNCE_WINDOW_MS = 1500;
/** A card older than this when it arrives was there before (a first sync), not added now. */
const FRESH_MS = 2 * 60_000;
const TEXT_LENGTH = 80;
/** A new card is said once its words stop changing (its author typing), or after this long. */
const TEXT_WAIT_MS = 10_000;

export function shortenText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > TEXT_LENGTH ? `${flat.slice(0, TEXT_LENGTH - 1)}…` : flat;
}

interface Pending {
  /** Others' new cards, by id (their text is read when the batch is said). */
  added: string[];
  deleted: number;
  links: Link[];
  ownLinks: Link[];
  other: Announcement[];
}

const emptyPending = (): Pending => ({ added: [], deleted: 0, links: [], ownLinks: [], other: [] });

const voteTotal = (card: Card | undefined): number => Object.values(card?.votes ?? {}).reduce((sum, n) => sum + n, 0);

function votingState(round: VotingRound | null): 'started' | 'revealed' | 'ended' | null {
  if (!round) return null;
  if (round.revealed) return 'revealed';
  return round.open ? 'started' : 'ended';
}

/**
 * Turns the editor's change feed into a few polite sentences: others' new and deleted cards
 * and links, one's own links and dots, the voting round, the lock and the timer (pushed by the
 * workshop). Changes are gathered for a window and summarised ("3 new cards"), so a busy
 * board does not talk over itself.
 */
export class Announcer {
  private cards = new Map<string, Card>();
  private linkIds = new Set<string>();
  private pending = emptyPending();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<AnnouncementListener>();
  private disposers: Array<() => void> = [];
  private voting: ReturnType<typeof votingState> = null;
  /** The words a new card had at the last window, while its author may still be typing. */
  private typing = new Map<string, string>();

  constructor(
    private readonly store: BoardStore,
    private readonly locked: Signal<boolean>,
    private readonly windowMs = ANNOUNCE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts listening (idempotent); what is on the board now is not announced. */
  start(): void {
    if (this.disposers.length > 0) return;
    this.snapshot();
    const session = sessionMap(this.store.board);
    this.voting = votingState(readSession(this.store.board).voting);
    const onSession = () => this.onSession();
    session.observe(onSession);
    let wasLocked = this.locked.get();
    this.disposers.push(
      this.store.subscribeChanges((cards, links, local) => this.onChange(cards, links, local)),
      () => session.unobserve(onSession as (event: Y.YMapEvent<unknown>) => void),
      this.locked.subscribe(() => {
        const locked = this.locked.get();
        if (locked !== wasLocked) this.push({ type: 'locked', locked });
        wasLocked = locked;
      }),
    );
  }

  stop(): void {
    for (const dispose of this.disposers) dispose();
    this.disposers.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = emptyPending();
    this.typing.clear();
  }

  subscribe(listener: AnnouncementListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Says one thing now, outside the window (the card the keyboard moved to). */
  sayNow(announcement: Announcement): void {
    if (this.disposers.length === 0) return;
    for (const listener of [...this.listeners]) listener([announcement]);
  }

  /** Something the editor's feed does not carry (the timer running out); said with the next batch. */
  push(announcement: Announcement): void {
    if (this.disposers.length === 0) return;
    const same = this.pending.other.some((known) => JSON.stringify(known) === JSON.stringify(announcement));
    if (!same) this.pending.other.push(announcement);
    this.schedule();
  }

  private snapshot(): void {
    this.cards = new Map(this.store.cardsById);
    this.linkIds = new Set(this.store.getLinks().map((link) => link.id));
  }

  private onSession(): void {
    const next = votingState(readSession(this.store.board).voting);
    if (next === this.voting) return;
    this.voting = next;
    this.push({ type: 'voting', state: next ?? 'ended' });
  }

  private onChange(touched: ReadonlySet<string> | null, links: boolean, local: boolean): void {
    // A reload (back from offline, a restore): take the board as it is, say nothing.
    if (touched === null) return this.snapshot();
    let heard = false;
    for (const id of touched) heard = this.onCard(id, local) || heard;
    if (links) heard = this.onLinks(local) || heard;
    if (heard) this.schedule();
  }

  private onCard(id: string, local: boolean): boolean {
    const before = this.cards.get(id);
    const after = this.store.getCard(id);
    if (after) this.cards.set(id, after);
    else this.cards.delete(id);
    if (!before && after && !local && this.now() - after.createdAt < FRESH_MS) {
      this.pending.added.push(id);
      this.typing.set(id, after.text);
      return true;
    }
    if (before && !after && !local) {
      this.pending.deleted += 1;
      return true;
    }
    if (before && after && local && voteTotal(after) !== voteTotal(before)) {
      this.push({ type: 'voted', delta: voteTotal(after) > voteTotal(before) ? 1 : -1, text: shortenText(after.text) });
    }
    return false;
  }

  private onLinks(local: boolean): boolean {
    const links = this.store.getLinks();
    const fresh = links.filter((link) => !this.linkIds.has(link.id) && this.now() - link.createdAt < FRESH_MS);
    this.linkIds = new Set(links.map((link) => link.id));
    if (fresh.length === 0) return false;
    (local ? this.pending.ownLinks : this.pending.links).push(...fresh);
    return true;
  }

  private schedule(): void {
    if (this.timer || this.listeners.size === 0) {
      if (this.listeners.size === 0) this.pending = emptyPending();
      return;
    }
    this.timer = setTimeout(() => this.flush(), this.windowMs);
  }

  /** Whether a new card's words are still empty or changed since the last window (for a while). */
  private stillTyping(id: string): boolean {
    const card = this.store.getCard(id);
    const before = this.typing.get(id);
    this.typing.delete(id);
    if (!card || this.now() - card.createdAt >= TEXT_WAIT_MS) return false;
    if (card.text !== '' && card.text === before) return false;
    this.typing.set(id, card.text);
    return true;
  }

  /** Says what gathered in the window, summarised. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Another's new card is usually typed into at once: wait a little for its words (a count has none).
    const waiting = this.pending.added.length !== 1 ? [] : this.pending.added.filter((id) => this.stillTyping(id));
    const ready = { ...this.pending, added: this.pending.added.filter((id) => !waiting.includes(id)) };
    this.pending = { ...emptyPending(), added: waiting };
    for (const id of ready.added) this.typing.delete(id);
    if (waiting.length > 0) this.schedule();
    const batch = summarise(ready, this.store);
    if (batch.length === 0) return;
    for (const listener of [...this.listeners]) listener(batch);
  }
}

function linkAnnouncement(link: Link, mine: boolean, store: BoardStore): Announcement {
  return { type: 'linked', mine, from: shortenText(store.getCard(link.from)?.text ?? ''), to: shortenText(store.getCard(link.to)?.text ?? '') };
}

/** One sentence per kind of change: a single card or link by name, more as a count. */
export function summarise(pending: Pending, store: BoardStore): Announcement[] {
  const out: Announcement[] = [];
  const added = pending.added.map((id) => store.getCard(id)).filter((card): card is Card => !!card);
  if (added.length === 1) {
    const card = added[0]!;
    out.push({ type: 'card-added', by: card.authorName, kind: card.kind, text: shortenText(card.text) });
  } else if (added.length > 1) out.push({ type: 'cards-added', count: added.length });
  if (pending.deleted > 0) out.push({ type: 'cards-deleted', count: pending.deleted });
  for (const link of pending.ownLinks) out.push(linkAnnouncement(link, true, store));
  if (pending.links.length === 1) out.push(linkAnnouncement(pending.links[0]!, false, store));
  else if (pending.links.length > 1) out.push({ type: 'links-made', count: pending.links.length });
  out.push(...pending.other);
  return out;
}

const announcers = new WeakMap<object, Announcer>();

/** The one announcer of an editor (made on first use), so the workshop can push to it too. */
export function announcerOf(editor: { store: BoardStore; locked: Signal<boolean> }): Announcer {
  let announcer = announcers.get(editor);
  if (!announcer) announcers.set(editor, (announcer = new Announcer(editor.store, editor.locked)));
  return announcer;
}
