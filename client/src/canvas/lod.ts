import type { CardKind } from '@benchlearn/shared';
import type { LinkSegment } from '../editor/geometry';
import { rectsIntersect, type Rect } from '../editor/viewport';

/**
 * Level of detail of the canvas. Zoomed far out on a big board, a card is a few pixels tall and
 * its text cannot be read: all cards of the view are then drawn by one shape as plain
 * rectangles in their kind's colours (and the links as one path), and only the cards someone
 * works on (selected, edited, linked from, dotted, selected by others) get their full Konva
 * node with text, icons and handles. Close up, every card near the view has its full node.
 */
export type Detail = 'full' | 'low';

/** Below this zoom a card's body text is under ~5 px on screen: not legible. */
export const LOD_SCALE = 0.35;
/** Boards this small are always drawn in full: a few hundred nodes cost little. */
export const LOD_MIN_CARDS = 200;
/** At most this many cards in the mounting area get full nodes; more and the view is low detail. */
export const FULL_DETAIL_CAP = 600;

export interface DetailInput {
  scale: number;
  /** Cards on the board. */
  cardCount: number;
  /** Cards in the area whose nodes would be mounted (the culling rect). */
  cardsNearView: number;
}

/** Full detail when the board is small, or the text is legible and the nodes to mount are few. */
export function chooseDetail({ scale, cardCount, cardsNearView }: DetailInput): Detail {
  if (cardCount <= LOD_MIN_CARDS) return 'full';
  return scale >= LOD_SCALE && cardsNearView <= FULL_DETAIL_CAP ? 'full' : 'low';
}

export interface MountInput {
  detail: Detail;
  /** The culling rect (board units), or null when every card is mounted. */
  cull: Rect | null;
  rectOf(id: string): Rect | null;
  /** Cards that keep a full node in low detail too, when near the view (selected, dotted, ...). */
  pinned(id: string): boolean;
  /** Cards mounted wherever they are (the one being edited, the selection while in full detail). */
  always(id: string): boolean;
}

/**
 * The cards that get a full node, in stacking order. Full detail: those near the view (all
 * when not culling) and the `always` ones. Low detail: only the pinned cards near the view and
 * the `always` ones; the low-detail shape draws the rest.
 */
export function mountedCards(order: readonly string[], input: MountInput): string[] {
  const { detail, cull, rectOf, pinned, always } = input;
  if (detail === 'full' && !cull) return [...order];
  return order.filter((id) => {
    if (always(id)) return true;
    if (detail === 'low' && !pinned(id)) return false;
    if (!cull) return true;
    const r = rectOf(id);
    return r !== null && rectsIntersect(r, cull);
  });
}

/** How many of `ids` meet `rect`, stopping once `limit` is passed (enough to decide). */
export function countInRect(ids: Iterable<string>, rectOf: (id: string) => Rect | null, rect: Rect, limit = Infinity): number {
  let n = 0;
  for (const id of ids) {
    const r = rectOf(id);
    if (r && rectsIntersect(r, rect) && ++n > limit) break;
  }
  return n;
}

export interface LodCard extends Rect {
  id: string;
  kind: CardKind;
  /** Drawn faded (the finder filters it out). */
  faded: boolean;
  /** Outlined (the finder matched it). */
  highlighted: boolean;
}

/** What the low-detail shapes draw, in board units. */
export interface LodScene extends LodBatches {
  cards: LodCard[];
  /** Each link with its segment x1, y1, x2, y2 (geometry.ts linkSegments): drawn by the path, matched by a press. */
  links: LinkSegment[];
}

export interface LodBatches {
  /** Cards per kind and fading, bottom first, so each batch is one fill. */
  batches: Array<{ kind: CardKind; faded: boolean; rects: Rect[] }>;
  highlighted: Rect[];
}

/**
 * The cards grouped for drawing in a few fills. One batch per run of equal kind in stacking
 * order would keep the exact stacking but cost a fill per run; cards of one kind rarely overlap
 * cards of another on a big board, so there is one batch per kind and fading, in the order the
 * kinds first appear, faded ones first (a filtered view shows its matches on top).
 */
export function lodBatches(cards: Iterable<LodCard>): LodBatches {
  const byKey = new Map<string, { kind: CardKind; faded: boolean; rects: Rect[] }>();
  const highlighted: Rect[] = [];
  for (const card of cards) {
    const key = `${card.kind}${card.faded ? '-' : '+'}`;
    let batch = byKey.get(key);
    if (!batch) byKey.set(key, (batch = { kind: card.kind, faded: card.faded, rects: [] }));
    batch.rects.push(card);
    if (card.highlighted) highlighted.push(card);
  }
  const batches = [...byKey.values()].sort((a, b) => Number(b.faded) - Number(a.faded));
  return { batches, highlighted };
}
