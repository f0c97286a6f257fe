import type * as Y from 'yjs';
import { boardMaps, isDrawnLink, readCard, readLinks, type Card, type Link } from '@benchlearn/shared';
import { outlineModel, type OutlineModel } from './model';

/**
 * Reads the outline's model from a board document, re-reading only what changed: the cards the
 * last events touched (a move or a keystroke re-reads one card, not thousands) and the links
 * only after the links changed. Feed it the deep events of the cards map and the link changes.
 */
export class OutlineReader {
  private readonly cards = new Map<string, Card>();
  private readonly touched = new Set<string>();
  private all = true;
  private links: Link[] | null = null;

  constructor(private readonly doc: Y.Doc) {}

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
  }

  read(): OutlineModel {
    const maps = boardMaps(this.doc);
    if (this.all) {
      this.cards.clear();
      maps.cards.forEach((map, id) => {
        const card = readCard(id, map);
        if (card) this.cards.set(id, card);
      });
      this.all = false;
    } else {
      for (const id of this.touched) {
        const card = readCard(id, maps.cards.get(id));
        if (card) this.cards.set(id, card);
        else this.cards.delete(id);
      }
    }
    this.touched.clear();
    this.links ??= readLinks(this.doc);
    // Whether a link is drawn depends on its cards (present, kinds): checked on every read.
    const drawn = this.links.filter((link) => isDrawnLink(link, this.cards));
    return outlineModel([...this.cards.values()], drawn);
  }
}
