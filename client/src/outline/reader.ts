import type { Card } from '@benchlearn/shared';
import type { BoardStore } from '../editor/boardStore';
import { compareReadingOrder, outlineModelOfSorted, type OutlineModel } from './model';
/** Where `card` is, or would go, in `ordered` (binary search by `compare`). */
function positionOf(ordered: readonly Card[], card: Card, compare: (a: Card, b: Card) => number): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(ordered[mid]!, card) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The outline's model from the editor's read model, re-sorting only what changed: the cards the
 * last changes touched (a move or a keystroke re-places one card, not thousands). Feed it the
 * store's change feed (`noteChanges`). The cards are kept in reading order as they change: a
 * moved card is taken out and put back in its place (a binary search), where sorting a
 * 5,000-card board again took most of a read. The links are the store's drawn links.
 */
export class OutlineReader {
  /** The cards as this reader last placed them (the store has moved on by the next read). */
  private readonly cards = new Map<string, Card>();
  /** The cards in reading order. */
  private ordered: Card[] = [];
  private readonly touched = new Set<string>();
  private all = true;

  constructor(
    private readonly store: BoardStore,
    private readonly compare: (a: Card, b: Card) => number = compareReadingOrder,
  ) {}

  /** A change of the store: which cards it touched (null: any). */
  noteChanges(cards: ReadonlySet<string> | null): void {
    if (cards === null) this.all = true;
    else for (const id of cards) this.touched.add(id);
  }

  read(): OutlineModel {
    if (this.all) {
      this.cards.clear();
      for (const [id, card] of this.store.cardsById) this.cards.set(id, card);
      this.ordered = [...this.cards.values()].sort(this.compare);
      this.all = false;
    } else {
      for (const id of this.touched) {
        const before = this.cards.get(id);
        if (before) this.ordered.splice(positionOf(this.ordered, before, this.compare), 1);
        const card = this.store.getCard(id);
        if (card) {
          this.cards.set(id, card);
          this.ordered.splice(positionOf(this.ordered, card, this.compare), 0, card);
        } else this.cards.delete(id);
      }
    }
    this.touched.clear();
    return outlineModelOfSorted(this.ordered, [...this.store.getLinks()]);
  }
}
