import type { BoardStore } from '../editor/boardStore';
import { distanceToSegment, topmostAt, type LinkSegment } from '../editor/geometry';
import type { KeyedStore, Offset } from '../editor/stores';
import { rectsIntersect, type Point, type Rect } from '../editor/viewport';

/** A card or a link found under the pointer by the board geometry. */
export type Picked = { type: 'card'; id: string } | { type: 'link'; id: string };

/**
 * The link of `segments` passing nearest `p`, if within `reach` (board units); on a tie the
 * later one, drawn over the earlier.
 */
export function linkNear(segments: readonly LinkSegment[], p: Point, reach: number): string | null {
  let best: string | null = null;
  let bestDistance = reach;
  for (const { id, points } of segments) {
    const d = distanceToSegment(p, points);
    if (d <= bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Cards found by the board geometry as drawn now, live drag offsets included: in low detail
 * most cards (and links) have no Konva node to hit, and a link or a marquee ends where no node
 * is asked.
 */
export class CardPicker {
  constructor(
    private readonly store: BoardStore,
    /** Ours win over others': a card we drag is where we put it, whatever arrives meanwhile. */
    private readonly offsets: { local: KeyedStore<Offset>; remote: KeyedStore<Offset> },
  ) {}

  offsetOf = (id: string): Offset | undefined => this.offsets.local.get(id) ?? this.offsets.remote.get(id);

  rectOf = (id: string): Rect | null => {
    const card = this.store.getCard(id);
    if (!card) return null;
    const off = this.offsetOf(id);
    return { x: card.x + (off?.dx ?? 0), y: card.y + (off?.dy ?? 0), w: card.w, h: card.h };
  };

  /** The card drawn on top at `p` (board units). */
  cardAt(p: Point): string | null {
    return topmostAt(this.store.getOrder(), this.rectOf, p);
  }

  /**
   * What a press at `p` (board units) meets: the card on top there, else the link of `links`
   * passing nearest within `reach` (board units). Cards are drawn over links, so they win.
   */
  pick(p: Point, links: readonly LinkSegment[], reach: number): Picked | null {
    const card = this.cardAt(p);
    if (card) return { type: 'card', id: card };
    const link = linkNear(links, p, reach);
    return link ? { type: 'link', id: link } : null;
  }

  /** The cards touching `rect`, in stacking order. */
  cardsIn(rect: Rect): string[] {
    return this.store.getOrder().filter((id) => {
      const r = this.rectOf(id);
      return r !== null && rectsIntersect(r, rect);
    });
  }
}
