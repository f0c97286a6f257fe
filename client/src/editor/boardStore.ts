import * as Y from 'yjs';
import { boardMaps, compareStacking, isDrawnLink, readCard, readFrame, readLink, type BoardDocs, type Card, type Frame, type Link } from '@benchlearn/shared';

type Listener = () => void;
/**
 * Told which cards a change touched (`null`: any may have, read them all), whether links
 * changed, and whether this browser made the change (`local`; the announcements tell others'
 * changes from one's own).
 */
export type ChangeListener = (cards: ReadonlySet<string> | null, links: boolean, local: boolean) => void;

/**
 * A read model of one board (cards and links in its content document, frames in its control
 * document) with narrow subscriptions: one deep observer on the cards map dispatches each
 * change to the listeners of the card it touched, so a moved card re-renders that card and its
 * links, and the card list re-renders only when cards are added, removed or restacked. All
 * reads go through shared/'s readers.
 */
export class BoardStore {
  private cards = new Map<string, Card>();
  private cardListeners = new Map<string, Set<Listener>>();
  private orderListeners = new Set<Listener>();
  private linkListeners = new Set<Listener>();
  private frameListeners = new Set<Listener>();
  private anyCardListeners = new Set<Listener>();
  private changeListeners = new Set<ChangeListener>();
  /** The cards in stacking order, as one array until any card changes (the workshop's and export's view). */
  private list: readonly Card[] | null = null;
  private order: string[] | null = null;
  private links: Link[] | null = null;
  private frames: Frame[] | null = null;
  private readonly maps;
  private readonly disposers: Array<() => void> = [];

  constructor(readonly board: BoardDocs) {
    this.maps = boardMaps(board);
    this.maps.cards.forEach((map, id) => {
      const card = readCard(id, map);
      if (card) this.cards.set(id, card);
    });
  }

  /**
   * Starts observing the documents (idempotent). Between stop() and start() changes are not
   * seen, so start() re-reads everything and tells listeners what differs.
   */
  start(): void {
    if (this.disposers.length > 0) return;
    const onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => this.onCardEvents(events);
    const onLinks = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      this.invalidateLinks();
      this.emitChange(new Set(), true, events[0]?.transaction.local ?? false);
    };
    const onFrames = () => {
      this.frames = null;
      emit(this.frameListeners);
    };
    this.maps.cards.observeDeep(onCards);
    this.maps.links.observeDeep(onLinks);
    this.maps.frames.observeDeep(onFrames);
    this.disposers.push(
      () => this.maps.cards.unobserveDeep(onCards),
      () => this.maps.links.unobserveDeep(onLinks),
      () => this.maps.frames.unobserveDeep(onFrames),
    );
    this.reload();
  }

  stop(): void {
    for (const dispose of this.disposers) dispose();
    this.disposers.length = 0;
  }

  /** Same as stop(); the store can be started again. */
  destroy(): void {
    this.stop();
  }

  private reload(): void {
    const ids = new Set<string>([...this.cards.keys(), ...this.maps.cards.keys()]);
    const changed: string[] = [];
    for (const id of ids) {
      const prev = this.cards.get(id);
      const next = readCard(id, this.maps.cards.get(id));
      if (next) this.cards.set(id, next);
      else this.cards.delete(id);
      if (JSON.stringify(prev) !== JSON.stringify(next)) changed.push(id);
    }
    // Every derived view is stale before any listener runs (a listener may read them).
    if (changed.length > 0) {
      this.list = null;
      this.order = null;
    }
    for (const id of changed) {
      const listeners = this.cardListeners.get(id);
      if (listeners) emit(listeners);
    }
    if (changed.length > 0) {
      emit(this.anyCardListeners);
      emit(this.orderListeners);
    }
    this.frames = null;
    emit(this.frameListeners);
    this.invalidateLinks();
    for (const listener of [...this.changeListeners]) listener(null, true, false);
  }

  private onCardEvents(events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.maps.cards) {
        for (const key of event.changes.keys.keys()) touched.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') touched.add(id);
      }
    }
    let orderChanged = false;
    let linksChanged = false;
    const changed: string[] = [];
    for (const id of touched) {
      const prev = this.cards.get(id);
      const next = readCard(id, this.maps.cards.get(id));
      if (next) this.cards.set(id, next);
      else this.cards.delete(id);
      if (!prev && !next) continue;
      changed.push(id);
      if (!prev || !next || prev.z !== next.z) orderChanged = true;
      if (!prev || !next || prev.kind !== next.kind) linksChanged = true;
    }
    // Every derived view is stale before any listener runs (a listener may read them).
    if (changed.length > 0) this.list = null;
    if (orderChanged) this.order = null;
    for (const id of changed) {
      const listeners = this.cardListeners.get(id);
      if (listeners) emit(listeners);
    }
    if (changed.length > 0) emit(this.anyCardListeners);
    if (orderChanged) emit(this.orderListeners);
    if (linksChanged) this.invalidateLinks();
    if (changed.length > 0) this.emitChange(new Set(changed), false, events[0]?.transaction.local ?? false);
  }

  private emitChange(cards: ReadonlySet<string> | null, links: boolean, local: boolean): void {
    for (const listener of [...this.changeListeners]) listener(cards, links, local);
  }

  private invalidateLinks(): void {
    this.links = null;
    emit(this.linkListeners);
  }

  getCard = (id: string): Card | undefined => this.cards.get(id);

  get cardCount(): number {
    return this.cards.size;
  }

  subscribeCard(id: string, listener: Listener): () => void {
    let set = this.cardListeners.get(id);
    if (!set) this.cardListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.cardListeners.get(id) === set) this.cardListeners.delete(id);
    };
  }

  /** Listens to a change of any card (what draws every card at once: the low-detail shape). */
  subscribeAnyCard = (listener: Listener): (() => void) => subscribe(this.anyCardListeners, listener);

  /** Card ids in stacking order, bottom first; the same array until the order changes. */
  getOrder = (): readonly string[] => {
    if (!this.order) this.order = [...this.cards.values()].sort(compareStacking).map((card) => card.id);
    return this.order;
  };

  /** The cards in stacking order, bottom first; the same array until any card changes. */
  getCards = (): readonly Card[] => {
    if (!this.list) {
      const cards: Card[] = [];
      for (const id of this.getOrder()) {
        const card = this.cards.get(id);
        if (card) cards.push(card);
      }
      this.list = cards;
    }
    return this.list;
  };

  /** The cards by id (read only: the store's own map). */
  get cardsById(): ReadonlyMap<string, Card> {
    return this.cards;
  }

  /**
   * Listens to every change with what it touched, so a reader of its own (the outline, kept in
   * reading order) updates incrementally from this one read of the documents.
   */
  subscribeChanges = (listener: ChangeListener): (() => void) => {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  };

  subscribeOrder = (listener: Listener): (() => void) => subscribe(this.orderListeners, listener);

  /** Drawn links (both ends present, into a lesson), in id order. */
  getLinks = (): readonly Link[] => {
    if (!this.links) {
      const links: Link[] = [];
      this.maps.links.forEach((map, id) => {
        const link = readLink(id, map);
        if (link && isDrawnLink(link, this.cards)) links.push(link);
      });
      this.links = links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    return this.links;
  };

  subscribeLinks = (listener: Listener): (() => void) => subscribe(this.linkListeners, listener);

  getFrames = (): readonly Frame[] => {
    if (!this.frames) {
      const frames: Frame[] = [];
      this.maps.frames.forEach((map, id) => {
        const frame = readFrame(id, map);
        if (frame) frames.push(frame);
      });
      this.frames = frames.sort(compareStacking);
    }
    return this.frames;
  };

  subscribeFrames = (listener: Listener): (() => void) => subscribe(this.frameListeners, listener);

  /** Whether `ids` are already the topmost cards (then bringing them to front would be a needless write). */
  areOnTop(ids: readonly string[]): boolean {
    const wanted = new Set(ids.filter((id) => this.cards.has(id)));
    if (wanted.size === 0) return true;
    const order = this.getOrder();
    for (let i = order.length - 1; i >= order.length - wanted.size; i--) {
      if (!wanted.has(order[i]!)) return false;
    }
    return true;
  }
}

function subscribe(set: Set<Listener>, listener: Listener): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

function emit(set: Set<Listener>): void {
  for (const listener of [...set]) listener();
}
