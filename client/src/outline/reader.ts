import type * as Y from 'yjs';
import { boardMaps, isDrawnLink, readCard, readLinks, type BoardDocs, type Card, type Link } from '@benchlearn/shared';
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
 * Reads the outline's model from a board document, re-reading only what changed: the cards the
 * last events touched (a move or a keystroke re-reads one card, not thousands) and the links
 * only after the links changed. Feed it the deep events of the cards map and the link changes.
 * The cards are kept in reading order as they change: a moved card is taken out and put back in
 * its place (a binary search), where sorting a 5,000-card board again took most of a read.
 */
export class OutlineReader {
  private readonly cards = new Map<string, Card>();
  /** The cards in reading order. */
  private ordered: Card[] = [];
  private readonly touched = new Set<string>();
  private all = true;
  private links: Link[] | null = null;
  /** The links drawn at the last read: the same while no link changed and no card came, went or changed kind. */
  private drawn: Link[] | null = null;

  constructor(
    private readonly board: BoardDocs,
    private readonly compare: (a: Card, b: Card) => number = compareReadingOrder,
  ) {}

  /** Deep events of the cards map (`cardsMap`): remembers which cards to read again. */
  noteCardEvents(events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>, cardsMap: object): void {
    for (const event of events) {
      if (event.target === cardsMap) {
        for (const key of event.changes.keys.keys()) this.touched.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') this.touched.add(id);
        else this.all = true;
      }
    }
  }

  noteLinksChanged(): void {
    this.links = null;
    this.drawn = null;
  }

  read(): OutlineModel {
    const maps = boardMaps(this.board);
    if (this.all) {
      this.cards.clear();
      maps.cards.forEach((map, id) => {
        const card = readCard(id, map);
        if (card) this.cards.set(id, card);
      });
      this.ordered = [...this.cards.values()].sort(this.compare);
      this.all = false;
      this.drawn = null;
    } else {
      for (const id of this.touched) {
        const before = this.cards.get(id);
        if (before) this.ordered.splice(positionOf(this.ordered, before, this.compare), 1);
        const card = readCard(id, maps.cards.get(id));
        if (card?.kind !== before?.kind) this.drawn = null;
        if (card) {
          this.cards.set(id, card);
          this.ordered.splice(positionOf(this.ordered, card, this.compare), 0, card);
        } else this.cards.delete(id);
      }
    }
    this.touched.clear();
    this.links ??= readLinks(this.board);
    // Whether a link is drawn depends on its cards (present, kinds), not on where they are.
    const links = this.links;
    this.drawn ??= links.filter((link) => isDrawnLink(link, this.cards));
    return outlineModelOfSorted(this.ordered, this.drawn);
  }
}
