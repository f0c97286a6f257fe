import type Konva from 'konva';
import type { BoardStore } from '../editor/boardStore';
import { chooseDetail, countInRect, FULL_DETAIL_CAP, mountedCards, type Detail } from './lod';
import { Signal } from '../editor/stores';
import { boardCenter, cullingRect, expandRect, rectsIntersect, visibleRect, type Rect, type Size, type View } from '../editor/viewport';

/** Above this many cards only those near the view are mounted (the rest cost nothing). */
export const CULL_THRESHOLD = 400;
const LOW_DETAIL_SCALE = 0.3;
const LOW_DETAIL_MIN_CARDS = 200;
/** At most this many full card nodes are added per frame; the low-detail shape draws the rest meanwhile. */
const MOUNT_CHUNK = 80;

export interface CullingDeps {
  store: BoardStore;
  view: Signal<View>;
  size: Signal<Size>;
  rectOf(id: string): Rect | null;
  /** Kept shown outside the view: the transformer and the editor follow their nodes. */
  selected(id: string): boolean;
  editing: Signal<string | null>;
  /** Someone works on the card: it keeps its full node in low detail. */
  pinned(id: string): boolean;
  /** Before the canvas starts (and in tests without frames) everything mounts at once. */
  started(): boolean;
}

/**
 * Which cards have a full Konva node: those near the view on a big board, none but the pinned
 * ones in low detail, added over several frames when many come at once, and hidden when
 * mounted but outside the view itself.
 */
export class Culling {
  /** The culling rect as a string key ('all' below the threshold), so lists re-render on change only. */
  readonly cullKey = new Signal('all');
  /** Zoomed far out on a big board: cards drop their text, unreadable at that size and costly to draw. */
  readonly lowDetail = new Signal(false);
  /** Level of detail (lod.ts): 'low' draws the cards of the view as one shape, full nodes only for pinned cards. */
  readonly detail = new Signal<Detail>('full');
  /** The ids of the cards that have a full node, in stacking order; a new array only when it changes. */
  readonly mounted = new Signal<readonly string[]>([]);
  /** Some cards that should have a full node do not have it yet (mounting is spread over frames). */
  readonly mounting = new Signal(false);
  private mountedSet: ReadonlySet<string> = new Set();
  private readonly cardNodes = new Map<string, Konva.Node>();
  private mountFrame: number | null = null;

  constructor(private readonly deps: CullingDeps) {}

  stop(): void {
    if (this.mountFrame !== null) cancelAnimationFrame(this.mountFrame);
    this.mountFrame = null;
  }

  /** Registers (or with null forgets) the Konva node of a mounted card, for updateNodeVisibility. */
  registerCardNode(id: string, node: Konva.Node | null): void {
    if (node) {
      this.cardNodes.set(id, node);
      this.updateNodeVisibility(id);
    } else {
      this.cardNodes.delete(id);
    }
  }

  /**
   * While culling, cards are mounted around the view (half a screen each side) so a pan does not
   * remount them; those outside the view itself are hidden, so a frame draws only what is seen.
   */
  updateNodeVisibility(only?: string): void {
    const { view: viewSignal, size: sizeSignal, rectOf, selected, editing: editingSignal } = this.deps;
    const size = sizeSignal.get();
    const culling = this.cullKey.get() !== 'all' && size.width > 0;
    const view = viewSignal.get();
    const seen = culling ? expandRect(visibleRect(view, size), 24 / view.scale) : null;
    const editing = editingSignal.get();
    const update = (id: string, node: Konva.Node) => {
      const r = seen ? rectOf(id) : null;
      const show = !seen || !r || rectsIntersect(r, seen) || selected(id) || id === editing;
      if (node.visible() !== show) node.visible(show);
    };
    if (only !== undefined) {
      const node = this.cardNodes.get(only);
      if (node) update(only, node);
      return;
    }
    for (const [id, node] of this.cardNodes) update(id, node);
  }

  /** Culling and level of detail for the current view; `cardsChanged`: cards came, went or restacked. */
  updateCull(cardsChanged = false): void {
    const { store, rectOf } = this.deps;
    const view = this.deps.view.get();
    this.lowDetail.set(view.scale < LOW_DETAIL_SCALE && store.cardCount > LOW_DETAIL_MIN_CARDS);
    const size = this.deps.size.get();
    const prevKey = this.cullKey.get();
    const prevDetail = this.detail.get();
    if (store.cardCount <= CULL_THRESHOLD || size.width === 0) {
      // Every card is mounted (or, zoomed far out past LOD_MIN_CARDS cards, drawn by the shape).
      this.cullKey.set('all');
      const count = store.cardCount;
      this.detail.set(size.width === 0 ? 'full' : chooseDetail({ scale: view.scale, cardCount: count, cardsNearView: count }));
    } else {
      const r = cullingRect(view, size);
      const key = `${r.x},${r.y},${r.w},${r.h}`;
      // Counting the cards near the view is needed only when the area or the cards changed.
      if (key !== prevKey || cardsChanged) {
        const near = countInRect(store.getOrder(), rectOf, r, FULL_DETAIL_CAP);
        this.detail.set(chooseDetail({ scale: view.scale, cardCount: store.cardCount, cardsNearView: near }));
      }
      this.cullKey.set(key);
    }
    if (cardsChanged || prevKey !== this.cullKey.get() || prevDetail !== this.detail.get()) this.updateMounted();
    this.updateNodeVisibility();
  }

  /** Re-picks the cards with a full node (lod.ts mountedCards); sets `mounted` only when it differs. */
  updateMounted(): void {
    const { store, rectOf, pinned, selected } = this.deps;
    const editing = this.deps.editing.get();
    const detail = this.detail.get();
    const next = mountedCards(store.getOrder(), {
      detail,
      cull: this.cullRect(),
      rectOf,
      pinned,
      // The edited card always; the selection too in full detail (the transformer holds its nodes).
      always: (id) => id === editing || (detail === 'full' && selected(id)),
    });
    const prev = this.mounted.get();
    const shown = this.spreadMounting(next, prev);
    this.mounting.set(shown.length !== next.length);
    if (shown.length !== prev.length || shown.some((id, i) => id !== prev[i])) {
      this.mountedSet = new Set(shown);
      this.mounted.set(shown);
    }
  }

  /**
   * Mounting many full nodes at once (zooming in on a big board) would stall one frame: when
   * more than MOUNT_CHUNK cards are new, only the nearest MOUNT_CHUNK to the middle of the view
   * are added now and the rest in the following frames (the low-detail shape draws them meanwhile).
   */
  private spreadMounting(next: readonly string[], prev: readonly string[]): readonly string[] {
    const had = new Set(prev);
    const fresh = next.filter((id) => !had.has(id));
    if (fresh.length <= MOUNT_CHUNK || typeof requestAnimationFrame !== 'function' || !this.deps.started()) return next;
    const size = this.deps.size.get();
    const mid = boardCenter(this.deps.view.get(), size);
    const distance = (id: string) => {
      const r = this.deps.rectOf(id);
      return r ? Math.hypot(r.x + r.w / 2 - mid.x, r.y + r.h / 2 - mid.y) : Infinity;
    };
    const now = new Set(
      fresh
        .map((id) => ({ id, d: distance(id) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, MOUNT_CHUNK)
        .map((entry) => entry.id),
    );
    if (this.mountFrame === null) {
      this.mountFrame = requestAnimationFrame(() => {
        this.mountFrame = null;
        this.updateMounted();
      });
    }
    return next.filter((id) => had.has(id) || now.has(id));
  }

  /** Whether card `id` has its full node now. */
  isMounted(id: string): boolean {
    return this.mountedSet.has(id);
  }

  /** The rect whose cards are mounted, or null for all. */
  cullRect(): Rect | null {
    const key = this.cullKey.get();
    if (key === 'all') return null;
    const [x, y, w, h] = key.split(',').map(Number);
    return { x: x!, y: y!, w: w!, h: h! };
  }
}
