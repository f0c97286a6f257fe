import { DEFAULT_CARD_SIZE, addCard, readCards, replaceCardText, setCardKind, setCardOrg, type CardKind, type BoardDocs } from '@benchlearn/shared';
import { freeSpot } from '../board/geometry';
import { localWrite } from '../tools/undo';
import type { Identity } from '../types';

interface Viewport {
  x: number;
  y: number;
  width: number;
  height: number;
}

function isViewport(value: unknown): value is Viewport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof v[key] === 'number' && Number.isFinite(v[key]));
}

/**
 * Where a card added from the form goes: the middle of what this person sees (their presence
 * viewport), beside the cards already there; the board's origin before the canvas has measured.
 */
export function formCardSpot(board: BoardDocs, viewport: unknown, kind: CardKind): { x: number; y: number } {
  const { w, h } = DEFAULT_CARD_SIZE[kind];
  const center =
    isViewport(viewport) && viewport.width > 0 ? { x: viewport.x + viewport.width / 2, y: viewport.y + viewport.height / 2 } : { x: w / 2, y: h / 2 };
  return freeSpot({ x: Math.round(center.x - w / 2), y: Math.round(center.y - h / 2) }, { w, h }, readCards(board));
}

/** Who a card from the form names: the person, or (anonymous mode) nobody by name. */
export type FormAuthor = Identity | { authorId: string; authorName: string };

/** Adds a card of any kind with its text (and organisation), through the board API (one undo step). */
export function addCardFromForm(board: BoardDocs, author: FormAuthor, kind: CardKind, text: string, viewport: unknown, org = ''): string {
  const spot = formCardSpot(board, viewport, kind);
  const who = 'authorId' in author ? author : { authorId: author.id, authorName: author.name };
  const trimmed = org.trim().slice(0, 200);
  return localWrite(board, () => addCard(board, { kind, text, ...spot, ...who, ...(trimmed ? { org: trimmed } : {}) }));
}

/** Changes the text, the kind (and the organisation, when given) of a card from the form, in one transaction. */
export function editCardFromForm(board: BoardDocs, id: string, kind: CardKind, text: string, org?: string): void {
  localWrite(board, () => {
    replaceCardText(board, id, text);
    setCardKind(board, id, kind);
    if (org !== undefined) setCardOrg(board, id, org);
  });
}
