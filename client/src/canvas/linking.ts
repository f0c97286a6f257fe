import { linkCards, type BoardDocs } from '@benchlearn/shared';
import type { BoardStore } from '../editor/boardStore';
import type { Signal } from '../editor/stores';
import type { Toasts } from './toasts';
import type { Point } from '../editor/viewport';

export interface LinkingDeps {
  board: BoardDocs;
  store: BoardStore;
  readOnly(): boolean;
  /** Who draws the link (it records its author). */
  userId(): string;
  /** Writes as this person (controller.write). */
  write<T>(fn: () => T): T;
  select(ids: string[]): void;
  toasts: Toasts;
  editing: Signal<string | null>;
  /** The link tool is on: clicks on cards link them instead of selecting. */
  linkTool: Signal<boolean>;
  /** The card the link tool picked first. */
  linkFrom: Signal<string | null>;
  /** The link being drawn, from a card to the pointer. */
  rubberBand: Signal<{ from: string; to: Point } | null>;
}

/** Linking cards: by the link tool (two clicks) or by dragging a card's link handle (gestures.ts). */
export class Linking {
  constructor(private readonly deps: LinkingDeps) {}

  toggleLinkTool(): void {
    const { readOnly, linkTool, linkFrom, rubberBand, editing } = this.deps;
    if (readOnly()) return;
    const on = !linkTool.get();
    linkTool.set(on);
    linkFrom.set(null);
    rubberBand.set(null);
    if (on) editing.set(null);
  }

  /** With the link tool on: the first click picks a success, problem or note, the second a lesson. */
  linkToolClick(id: string): void {
    const { store, linkFrom, rubberBand, toasts } = this.deps;
    const card = store.getCard(id);
    if (!card) return;
    const from = linkFrom.get();
    if (card.kind !== 'lesson') {
      linkFrom.set(id);
      this.deps.select([id]);
      toasts.show({ kind: 'pick-lesson' });
      return;
    }
    if (!from) {
      toasts.show({ kind: 'refusal', reason: 'not-from-linkable' });
      return;
    }
    this.link(from, id);
    linkFrom.set(null);
    rubberBand.set(null);
  }

  /** Links two cards, or says why not; the new link is selected. */
  link(from: string, to: string): void {
    const { board, toasts } = this.deps;
    if (this.deps.readOnly()) return;
    const result = this.deps.write(() => linkCards(board, from, to, this.deps.userId()));
    if (!result.ok) toasts.show({ kind: 'refusal', reason: result.reason });
    else if (!result.created) toasts.show({ kind: 'already-linked' });
    else {
      toasts.hide();
      this.deps.select([result.id]);
    }
  }
}
