import type { BoardStore } from './boardStore';
import { topmostAt } from './geometry';
import type { KeyedStore, Offset } from './stores';
import { rectsIntersect, type Point, type Rect } from './viewport';

/**
 * Cards found by the board geometry as drawn now, live drag offsets included: in low detail
 * most cards have no Konva node to hit, and a link or a marquee ends where no node is asked.
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

  /** The cards touching `rect`, in stacking order. */
  cardsIn(rect: Rect): string[] {
    return this.store.getOrder().filter((id) => {
      const r = this.rectOf(id);
      return r !== null && rectsIntersect(r, rect);
    });
  }
}
