import type Konva from 'konva';
import type { BoardStore } from '../editor/boardStore';
import { linkSegments } from '../editor/geometry';
import { lodBatches, type LodCard, type LodScene } from './lod';
import type { CardDecor } from '../editor/types';
import type { KeyedStore, Offset, Signal } from '../editor/stores';
import { rectsIntersect, visibleRect, type Rect, type Size, type View } from '../editor/viewport';

export interface LowDetailDeps {
  store: BoardStore;
  localOffsets: KeyedStore<Offset>;
  remoteOffsets: KeyedStore<Offset>;
  decor: KeyedStore<CardDecor>;
  offsetOf(id: string): Offset | undefined;
  rectOf(id: string): Rect | null;
  /** The cards with a full node: drawn by that node, left out of the shape. */
  mounted: Signal<readonly string[]>;
  isMounted(id: string): boolean;
  stage(): Konva.Stage | null;
  view: Signal<View>;
  size: Signal<Size>;
}

/**
 * The low-detail drawing of the whole board (lod.ts): the cards without a full node, with live
 * drag offsets and the finder's fading, batched per kind, and the links as segments (also what a
 * press on a link is matched against, picking.ts). Made once and reused frame after frame
 * while only the view changes.
 */
export class LowDetailScene {
  /** The scene and the mounted cards it leaves out: new mounted cards make it stale too. */
  private scene: { of: readonly string[]; scene: LodScene } | null = null;
  /** What the low-detail shape painted last: its scene and the board rect it showed (for drawnCardIds). */
  private drawn: { scene: LodScene; rect: Rect } | null = null;

  constructor(private readonly deps: LowDetailDeps) {}

  /** Drops the scene when what it draws changes; the returned function stops listening. */
  start(): () => void {
    return this.subscribe(() => {
      this.scene = null;
    });
  }

  get(): LodScene {
    const { store, localOffsets, remoteOffsets, decor, offsetOf, rectOf, mounted, isMounted } = this.deps;
    const of = mounted.get();
    if (this.scene?.of === of) return this.scene.scene;
    const cards: LodCard[] = [];
    const noOffsets = localOffsets.size === 0 && remoteOffsets.size === 0;
    for (const id of store.getOrder()) {
      const card = store.getCard(id);
      // A card with its full node is drawn by that node.
      if (!card || isMounted(id)) continue;
      const off = noOffsets ? undefined : offsetOf(id);
      const match = decor.get(id)?.match;
      cards.push({
        id,
        kind: card.kind,
        x: card.x + (off?.dx ?? 0),
        y: card.y + (off?.dy ?? 0),
        w: card.w,
        h: card.h,
        faded: match === false,
        highlighted: match === true,
      });
    }
    const links = linkSegments(store.getLinks(), rectOf);
    const scene = { cards, links, ...lodBatches(cards) };
    this.scene = { of, scene };
    return scene;
  }

  /** The low-detail shape painted `scene` showing `rect` (board units); null: it is gone. */
  noteDrawn(drawn: { scene: LodScene; rect: Rect } | null): void {
    this.drawn = drawn;
  }

  /** Listens to what the low-detail shapes draw besides the view: any card, link, drag offset or decoration. */
  subscribe = (listener: () => void): (() => void) => {
    const { store, localOffsets, remoteOffsets, decor } = this.deps;
    const disposers = [
      store.subscribeAnyCard(listener),
      store.subscribeLinks(listener),
      localOffsets.subscribeAll(listener),
      remoteOffsets.subscribeAll(listener),
      decor.subscribeAll(listener),
    ];
    return () => disposers.forEach((dispose) => dispose());
  };

  /** Ids of the cards painted on screen now: those with a visible full node in the view and those of the low-detail shape. */
  drawnCardIds(): string[] {
    const stage = this.deps.stage();
    const drawn = this.drawn;
    const ids = new Set(drawn ? drawn.scene.cards.filter((card) => rectsIntersect(card, drawn.rect)).map((card) => card.id) : []);
    const size = this.deps.size.get();
    if (stage && size.width > 0) {
      const view = visibleRect(this.deps.view.get(), size);
      for (const node of stage.find('.card')) {
        const r = this.deps.rectOf(node.id());
        if (node.isVisible() && r && rectsIntersect(r, view)) ids.add(node.id());
      }
    }
    return [...ids];
  }
}
