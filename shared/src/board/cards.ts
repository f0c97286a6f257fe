import * as Y from 'yjs';
import { MAX_CARD_TEXT } from '../protocol/limits';
import { LINKABLE_FROM_KINDS, type CardKind, type CardSource } from '../model/schemas';
import { newId } from '../model/ids';
import { boardMaps, isFiniteNumber, type CardMap, type BoardDocs } from './doc';
import { keyAbove, keysAbove } from './order';
import { topZ } from './read';
import { isVoteCount } from './votes';

export const DEFAULT_CARD_SIZE: Readonly<Record<CardKind, { w: number; h: number }>> = {
  success: { w: 220, h: 140 },
  problem: { w: 220, h: 140 },
  lesson: { w: 240, h: 150 },
  note: { w: 200, h: 120 },
};
export const MIN_CARD_W = 80;
export const MIN_CARD_H = 50;

export interface NewCard {
  kind: CardKind;
  x: number;
  y: number;
  w?: number;
  h?: number;
  text?: string;
  authorId: string;
  authorName: string;
  org?: string;
  /** A stacking key to keep (an import, a restore); default: on top of the others. */
  z?: string;
  /** Dots per voter (an import, a restore); zero and invalid counts are left out. */
  votes?: Readonly<Record<string, number>>;
  /** The library entry a lesson was placed from (docs/model.md, "Card source"). */
  source?: CardSource;
}

function assertFinite(...values: number[]): void {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError('card coordinates must be finite numbers');
  }
}

/** Adds a card on top of the others and returns its id. */
export function addCard(board: BoardDocs, input: NewCard, id: string = newId(), now: number = Date.now()): string {
  const size = DEFAULT_CARD_SIZE[input.kind];
  const w = Math.max(MIN_CARD_W, input.w ?? size.w);
  const h = Math.max(MIN_CARD_H, input.h ?? size.h);
  assertFinite(input.x, input.y, w, h);
  const { cards } = boardMaps(board);
  board.content.transact(() => {
    const card: CardMap = new Y.Map<unknown>();
    card.set('kind', input.kind);
    card.set('text', new Y.Text((input.text ?? '').slice(0, MAX_CARD_TEXT)));
    card.set('x', input.x);
    card.set('y', input.y);
    card.set('w', w);
    card.set('h', h);
    card.set('z', input.z ?? keyAbove(topZ(cards)));
    card.set('authorId', input.authorId);
    card.set('authorName', input.authorName);
    if (input.org) card.set('org', input.org);
    card.set('createdAt', now);
    const votes = Object.entries(input.votes ?? {}).filter(([, count]) => isVoteCount(count) && count > 0);
    if (votes.length > 0) card.set('votes', new Y.Map<number>(votes));
    // One plain value, written whole: nobody edits a source, so nothing needs to merge.
    if (input.source) card.set('source', { ...input.source });
    cards.set(id, card);
  });
  return id;
}

export interface CardBounds {
  id: string;
  x: number;
  y: number;
  w?: number;
  h?: number;
}

/** Moves and/or resizes several cards in one transaction (one undo step, one update). */
export function setCardBounds(board: BoardDocs, changes: readonly CardBounds[]): void {
  const { cards } = boardMaps(board);
  board.content.transact(() => {
    for (const change of changes) {
      const card = cards.get(change.id);
      if (!(card instanceof Y.Map)) continue;
      assertFinite(change.x, change.y);
      if (card.get('x') !== change.x) card.set('x', change.x);
      if (card.get('y') !== change.y) card.set('y', change.y);
      if (change.w !== undefined) {
        assertFinite(change.w);
        const w = Math.max(MIN_CARD_W, change.w);
        if (card.get('w') !== w) card.set('w', w);
      }
      if (change.h !== undefined) {
        assertFinite(change.h);
        const h = Math.max(MIN_CARD_H, change.h);
        if (card.get('h') !== h) card.set('h', h);
      }
    }
  });
}

/** Moves cards by an offset (a drag dropped): one transaction. */
export function moveCardsBy(board: BoardDocs, ids: readonly string[], dx: number, dy: number): void {
  const { cards } = boardMaps(board);
  const changes: CardBounds[] = [];
  for (const id of ids) {
    const card = cards.get(id);
    const x = card?.get('x');
    const y = card?.get('y');
    if (isFiniteNumber(x) && isFiniteNumber(y)) changes.push({ id, x: x + dx, y: y + dy });
  }
  setCardBounds(board, changes);
}

/** The card's shared text, for binding an editor to it (concurrent typing merges). */
export function cardText(board: BoardDocs, id: string): Y.Text | null {
  const text = boardMaps(board).cards.get(id)?.get('text');
  return text instanceof Y.Text ? text : null;
}

/**
 * Turns the card's text into `value` with the smallest edit (common prefix and suffix kept),
 * so that someone typing elsewhere in the same card keeps their characters.
 */
export function replaceCardText(board: BoardDocs, id: string, value: string): void {
  const text = cardText(board, id);
  if (!text) return;
  const next = value.slice(0, MAX_CARD_TEXT);
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const maxStart = Math.min(current.length, next.length);
  while (start < maxStart && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endCurrent = current.length;
  let endNext = next.length;
  while (endCurrent > start && endNext > start && current.charCodeAt(endCurrent - 1) === next.charCodeAt(endNext - 1)) {
    endCurrent--;
    endNext--;
  }
  board.content.transact(() => {
    if (endCurrent > start) text.delete(start, endCurrent - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  });
}

/** Deletes links of `cardIds` that `keep` rejects; runs inside the caller's transaction. */
function deleteLinksOf(board: BoardDocs, cardIds: ReadonlySet<string>, keep: (from: string, to: string) => boolean): void {
  const { links } = boardMaps(board);
  const doomed: string[] = [];
  links.forEach((link, key) => {
    const from = link instanceof Y.Map ? link.get('from') : undefined;
    const to = link instanceof Y.Map ? link.get('to') : undefined;
    if (typeof from !== 'string' || typeof to !== 'string') return;
    if ((cardIds.has(from) || cardIds.has(to)) && !keep(from, to)) doomed.push(key);
  });
  for (const key of doomed) links.delete(key);
}

/** Changes a card's kind; links that the new kind cannot have go in the same transaction. */
export function setCardKind(board: BoardDocs, id: string, kind: CardKind): void {
  const { cards } = boardMaps(board);
  const card = cards.get(id);
  if (!(card instanceof Y.Map) || card.get('kind') === kind) return;
  board.content.transact(() => {
    card.set('kind', kind);
    const canBeFrom = LINKABLE_FROM_KINDS.includes(kind);
    const canBeTo = kind === 'lesson';
    deleteLinksOf(board, new Set([id]), (from, to) => (from === id ? canBeFrom : true) && (to === id ? canBeTo : true));
  });
}

export function setCardOrg(board: BoardDocs, id: string, org: string): void {
  const card = boardMaps(board).cards.get(id);
  if (!(card instanceof Y.Map)) return;
  const value = org.trim().slice(0, 200);
  board.content.transact(() => {
    if (value) card.set('org', value);
    else card.delete('org');
  });
}

/** Deletes cards and, in the same transaction, every link that touches them. */
export function deleteCards(board: BoardDocs, ids: readonly string[]): void {
  const { cards } = boardMaps(board);
  const doomed = new Set(ids.filter((id) => cards.has(id)));
  if (doomed.size === 0) return;
  board.content.transact(() => {
    deleteLinksOf(board, doomed, () => false);
    for (const id of doomed) cards.delete(id);
  });
}

/** Puts cards on top of all others, keeping their order among themselves. */
export function bringCardsToFront(board: BoardDocs, ids: readonly string[]): void {
  const { cards } = boardMaps(board);
  const present = ids
    .map((id) => ({ id, map: cards.get(id) }))
    .filter((entry): entry is { id: string; map: CardMap } => entry.map instanceof Y.Map)
    .sort((a, b) => {
      const za = String(a.map.get('z'));
      const zb = String(b.map.get('z'));
      return za < zb ? -1 : za > zb ? 1 : a.id < b.id ? -1 : 1;
    });
  if (present.length === 0) return;
  board.content.transact(() => {
    const keys = keysAbove(topZ(cards), present.length);
    present.forEach((entry, i) => entry.map.set('z', keys[i]));
  });
}
