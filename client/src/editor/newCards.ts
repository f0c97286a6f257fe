import { addCard, kindFrame, nextFreeSlot, phaseFrame, type BoardDocs, type Card, type CardKind, type Frame } from '@benchlearn/shared';
import { freeSpot } from './geometry';
import type { Point } from './viewport';

/** What decides where a new card goes: the board's frames and cards, and the middle of the view. */
export interface SpotContext {
  frames: readonly Frame[];
  cards: readonly Card[];
  /** The middle of this person's view (board units), if known. */
  center: Point | null;
  /** The kinds of the agenda phase under way (null: none): its area takes cards of kinds without a frame. */
  phaseKinds?: readonly CardKind[] | null;
}

/**
 * Where a new card of `kind` and `size` goes: the next free slot of the frame meant for its
 * kind (placement.ts), or else of the agenda phase's area (phaseFrame); without either, the
 * middle of the view beside (never over) the cards there; without a view, the origin.
 */
export function newCardSpot({ frames, cards, center, phaseKinds }: SpotContext, kind: CardKind, size: { w: number; h: number }, org = ''): Point {
  const frame = kindFrame(frames, kind, org) ?? phaseFrame(frames, phaseKinds, org);
  const slot = frame ? nextFreeSlot(frame, size, cards) : null;
  if (slot) return slot;
  const c = center ?? { x: size.w / 2, y: size.h / 2 };
  return freeSpot({ x: Math.round(c.x - size.w / 2), y: Math.round(c.y - size.h / 2) }, size, cards);
}

/** The middle of a presence viewport (when the canvas is not mounted: the phone's outline tab). */
export function presenceCenter(viewport: unknown): Point | null {
  if (typeof viewport !== 'object' || viewport === null) return null;
  const v = viewport as Record<string, unknown>;
  const [x, y, width, height] = [v.x, v.y, v.width, v.height];
  if (![x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  if ((width as number) <= 0) return null;
  return { x: (x as number) + (width as number) / 2, y: (y as number) + (height as number) / 2 };
}

/** A card as copied: what a paste makes again (not its votes, links, author or stacking). */
export interface CopiedCard {
  kind: CardKind;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  org?: string;
}

/** How far each paste of the same copy lands from the one before, so copies never hide each other. */
export const PASTE_STEP = 32;

let clipboard: { cards: CopiedCard[]; pastes: number } = { cards: [], pastes: 0 };

function copied(card: Card): CopiedCard {
  return { kind: card.kind, text: card.text, x: card.x, y: card.y, w: card.w, h: card.h, ...(card.org ? { org: card.org } : {}) };
}

/** Ctrl+C: the cards to paste later (in this tab, across boards). */
export function copyCards(cards: readonly Card[]): void {
  if (cards.length > 0) clipboard = { cards: cards.map(copied), pastes: 0 };
}

export function clipboardCards(): readonly CopiedCard[] {
  return clipboard.cards;
}

/**
 * Adds `cards` again, each moved by `offset` and by this person (`author`), on top; returns the
 * new ids. The caller writes it as one undo step.
 */
export function addCopies(board: BoardDocs, cards: readonly CopiedCard[], author: { authorId: string; authorName: string }, offset: number): string[] {
  return cards.map((card) => addCard(board, { ...card, x: card.x + offset, y: card.y + offset, ...author }));
}

/** The offset of the next paste of the clipboard (each one a step further). */
export function nextPasteOffset(): number {
  clipboard.pastes += 1;
  return clipboard.pastes * PASTE_STEP;
}

/** The part of the Editor that adding and pasting cards use (structural, to keep imports one way). */
export interface CardWriter {
  readonly board: BoardDocs;
  readonly store: { getCard(id: string): Card | undefined };
  write<T>(fn: () => T): T;
  select(ids: readonly string[]): void;
  selectedCardIds(): string[];
  newCardAuthor(): { authorId: string; authorName: string };
  addCard(kind: CardKind): string | null;
  readonly canvas: { get(): { openEditor(id: string, reveal?: boolean): void; focus(): void } | null };
}

/** Adds a card of `kind` (in its kind's frame) and opens its editor at once; Enter or Escape finishes. */
export function addAndEdit(editor: CardWriter, kind: CardKind): void {
  const id = editor.addCard(kind);
  const canvas = editor.canvas.get();
  if (id && canvas) canvas.openEditor(id, true);
  else canvas?.focus();
}

/** The selected cards, bottom first. */
export function selectedCards(editor: CardWriter): Card[] {
  return editor.selectedCardIds().flatMap((id) => editor.store.getCard(id) ?? []);
}

/** Adds copies of `cards` `offset` away, as one undo step, and selects them. */
export function pasteCopies(editor: CardWriter, cards: readonly CopiedCard[], offset: number): void {
  const { authorId, authorName } = editor.newCardAuthor();
  const ids = editor.write(() => addCopies(editor.board, cards, { authorId, authorName }, offset));
  editor.select(ids);
}
