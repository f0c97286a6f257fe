import type * as Y from 'yjs';
import {
  DEFAULT_CARD_SIZE,
  addCard,
  readCards,
  replaceCardText,
  setCardKind,
  setCardOrg,
  type CardKind,
} from '@benchlearn/shared';
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
export function formCardSpot(doc: Y.Doc, viewport: unknown, kind: CardKind): { x: number; y: number } {
  const { w, h } = DEFAULT_CARD_SIZE[kind];
  const center = isViewport(viewport) && viewport.width > 0 ? { x: viewport.x + viewport.width / 2, y: viewport.y + viewport.height / 2 } : { x: w / 2, y: h / 2 };
  return freeSpot({ x: Math.round(center.x - w / 2), y: Math.round(center.y - h / 2) }, { w, h }, readCards(doc));
}

/** Who a card from the form names: the person, or (anonymous mode) nobody by name. */
export type FormAuthor = Identity | { authorId: string; authorName: string };

/** Adds a card of any kind with its text (and organisation), through the board API (one undo step). */
export function addCardFromForm(doc: Y.Doc, author: FormAuthor, kind: CardKind, text: string, viewport: unknown, org = ''): string {
  const spot = formCardSpot(doc, viewport, kind);
  const who = 'authorId' in author ? author : { authorId: author.id, authorName: author.name };
  const trimmed = org.trim().slice(0, 200);
  return localWrite(doc, () => addCard(doc, { kind, text, ...spot, ...who, ...(trimmed ? { org: trimmed } : {}) }));
}

/** Changes the text, the kind (and the organisation, when given) of a card from the form, in one transaction. */
export function editCardFromForm(doc: Y.Doc, id: string, kind: CardKind, text: string, org?: string): void {
  localWrite(doc, () => {
    replaceCardText(doc, id, text);
    setCardKind(doc, id, kind);
    if (org !== undefined) setCardOrg(doc, id, org);
  });
}
