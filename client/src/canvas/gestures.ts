import type Konva from 'konva';
import type { CardDrag } from './cardDrag';
import { containsPoint, rectFromCorners, type LinkSegment } from '../editor/geometry';
import type { Detail } from './lod';
import type { CardPicker } from './picking';
import { round1, type PresencePublisher } from '../editor/presence';
import type { Signal } from '../editor/stores';
import { expandRect, screenToBoard, wheelPixels, wheelZoomFactor, zoomBy, type Point, type Rect, type View } from '../editor/viewport';

const CLICK_SLOP = 4;
/** A press this near a link drawn by the low-detail path (screen px) is on it, as its node's hit stroke in full detail. */
const LINK_REACH_PX = 6;

type Gesture =
  | { type: 'pan'; pointerId: number; start: Point; startView: View; moved: boolean; shift: boolean }
  | { type: 'marquee'; pointerId: number; start: Point; moved: boolean; additive: boolean }
  | { type: 'pinch'; startDist: number; startView: View; startCenter: Point }
  | { type: 'link'; pointerId: number; from: string }
  /** A press on a card drawn by the low-detail shape (no node of its own): click or drag by geometry. */
  | { type: 'card'; pointerId: number; id: string; start: Point; startView: View; moved: boolean };

/** What the gestures read and act on; the controller provides it. */
export interface GestureHost {
  container(): HTMLElement | null;
  stage(): Konva.Stage | null;
  view: Signal<View>;
  setView(view: View): void;
  detail: Signal<Detail>;
  readOnly(): boolean;
  editing: Signal<string | null>;
  hovered: Signal<string | null>;
  linkTool: Signal<boolean>;
  linkFrom: Signal<string | null>;
  rubberBand: Signal<{ from: string; to: Point } | null>;
  marquee: Signal<Rect | null>;
  picker: CardPicker;
  /** The links as the low-detail path draws them (board units). */
  lowDetailLinks(): readonly LinkSegment[];
  cardDrag: CardDrag;
  publisher: PresencePublisher;
  pressCard(id: string, e: PointerEvent): void;
  /** A press on a link: as on its node in full detail (select it, or toggle it with shift). */
  pressLink(id: string, e: PointerEvent): void;
  clickCard(id: string, e: PointerEvent): void;
  /** A click on empty space: nothing stays selected or half linked. */
  clickEmpty(): void;
  selectInRect(rect: Rect, additive: boolean): void;
  link(from: string, to: string): void;
}

/**
 * Pointer and wheel gestures on the canvas element, where Konva does not handle them: pan,
 * pinch, marquee, dragging a new link, and in low detail pressing and dragging cards of the
 * shape (found by board geometry).
 */
export class PointerGestures {
  private gesture: Gesture | null = null;
  private readonly pointers = new Map<number, Point>();

  constructor(private readonly host: GestureHost) {}

  /** A gesture is under way: hover and the link tool's rubber band wait for it to end. */
  get busy(): boolean {
    return this.gesture !== null;
  }

  /** Window listeners (a gesture goes on outside the canvas) and the wheel; returns the detach. */
  attach(container: HTMLElement): () => void {
    const win = container.ownerDocument.defaultView ?? window;
    const onMove = (e: PointerEvent) => this.onWindowPointerMove(e);
    const onUp = (e: PointerEvent) => this.onWindowPointerUp(e);
    const onWheel = (e: WheelEvent) => this.onWheel(e);
    win.addEventListener('pointermove', onMove);
    win.addEventListener('pointerup', onUp);
    win.addEventListener('pointercancel', onUp);
    container.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      win.removeEventListener('pointermove', onMove);
      win.removeEventListener('pointerup', onUp);
      win.removeEventListener('pointercancel', onUp);
      container.removeEventListener('wheel', onWheel);
    };
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const p = this.localPoint(e);
    if (!p) return;
    const view = this.host.view.get();
    // A trackpad pinch arrives as a wheel event with ctrlKey set.
    if (e.ctrlKey || e.metaKey) {
      this.host.setView(zoomBy(view, p, wheelZoomFactor(e.deltaY, e.deltaMode)));
      return;
    }
    let dx = wheelPixels(e.deltaX, e.deltaMode);
    let dy = wheelPixels(e.deltaY, e.deltaMode);
    if (e.shiftKey && dx === 0) [dx, dy] = [dy, 0];
    this.host.setView({ ...view, x: view.x - dx, y: view.y - dy });
  }

  /** The pointer in canvas element coordinates (CSS px). */
  private localPoint(e: { clientX: number; clientY: number }): Point | null {
    const el = this.host.container();
    if (!el) return null;
    const rect = el.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  private boardPoint(e: { clientX: number; clientY: number }): Point | null {
    const p = this.localPoint(e);
    return p ? screenToBoard(this.host.view.get(), p) : null;
  }

  /** Pointer down anywhere on the canvas element (after Konva handled cards and handles). */
  onContainerPointerDown(e: PointerEvent): void {
    const { host } = this;
    const p = this.localPoint(e);
    const stage = host.stage();
    if (!p || !stage) return;
    const container = host.container();
    if (container && container.ownerDocument.activeElement !== container && !host.editing.get()) {
      container.focus({ preventScroll: true });
    }
    this.pointers.set(e.pointerId, p);
    if (this.pointers.size === 2) {
      this.startPinch();
      return;
    }
    if (this.pointers.size > 2 || this.gesture) return;
    if (e.pointerType === 'mouse' && e.button !== 0 && e.button !== 1) return;
    if (stage.getIntersection(p)) return; // a card, a link or a handle: Konva handles it
    if (host.detail.get() === 'low' && this.pressDrawn(e, p)) return;
    const selecting = e.shiftKey && !host.readOnly() && e.button === 0;
    this.gesture = selecting
      ? { type: 'marquee', pointerId: e.pointerId, start: screenToBoard(host.view.get(), p), moved: false, additive: true }
      : { type: 'pan', pointerId: e.pointerId, start: p, startView: host.view.get(), moved: false, shift: e.shiftKey };
  }

  /**
   * Low detail: a press on a card of the low-detail shape or on a link of its path, found by
   * the board geometry (neither listens). Acts as a press on their node would: on a card
   * select, raise, then a click or a drag (gesture 'card'); on a link select it. False when
   * neither is under the pointer.
   */
  private pressDrawn(e: PointerEvent, p: Point): boolean {
    const { host } = this;
    const view = host.view.get();
    const hit = host.picker.pick(screenToBoard(view, p), host.lowDetailLinks(), LINK_REACH_PX / view.scale);
    if (!hit) return false;
    if (hit.type === 'link') {
      host.pressLink(hit.id, e);
      return true;
    }
    const id = hit.id;
    host.pressCard(id, e);
    if (host.linkTool.get() && !host.readOnly()) return true;
    this.gesture = { type: 'card', pointerId: e.pointerId, id, start: p, startView: host.view.get(), moved: false };
    return true;
  }

  private startPinch(): void {
    const { host } = this;
    const [a, b] = [...this.pointers.values()];
    if (!a || !b) return;
    host.cardDrag.stopNodeDrags();
    if (this.gesture?.type === 'card' && host.cardDrag.active) host.cardDrag.cancel();
    host.marquee.set(null);
    host.rubberBand.set(null);
    this.gesture = {
      type: 'pinch',
      startDist: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
      startView: host.view.get(),
      startCenter: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
    };
  }

  /** Starts dragging a new link from the handle of card `from`. */
  startLinkDrag(from: string, e: PointerEvent): void {
    if (this.host.readOnly()) return;
    const p = this.boardPoint(e);
    if (!p) return;
    this.gesture = { type: 'link', pointerId: e.pointerId, from };
    this.host.rubberBand.set({ from, to: p });
  }

  /** Pointer moves over the canvas element: presence cursor and hover bookkeeping. */
  onContainerPointerMove(e: PointerEvent): void {
    const { host } = this;
    const p = this.boardPoint(e);
    if (!p) return;
    host.publisher.set({ cursor: { x: round1(p.x), y: round1(p.y) } });
    const hovered = host.hovered.get();
    if (hovered) {
      const rect = host.picker.rectOf(hovered);
      const reach = 40 / Math.min(1, host.view.get().scale);
      if (!rect || !containsPoint(expandRect(rect, reach), p)) host.hovered.set(null);
    }
    // Low detail: no card node to enter, so the card under the pointer is found by geometry
    // (its link handle then shows as on a hovered node).
    // Not while over a node (a link handle reaching over the next card keeps its card hovered).
    const local = this.localPoint(e);
    if (host.detail.get() === 'low' && !this.gesture && !host.readOnly() && local && !host.stage()?.getIntersection(local)) {
      const over = host.picker.cardAt(p);
      if (over) host.hovered.set(over);
    }
    const from = host.linkFrom.get();
    if (from && host.linkTool.get() && !this.gesture) host.rubberBand.set({ from, to: p });
  }

  onContainerPointerLeave(): void {
    this.host.publisher.set({ cursor: null });
    this.host.publisher.flush();
  }

  /** The view moved by a drag of (dx, dy) screen px from where it started. */
  private panBy(startView: View, dx: number, dy: number): void {
    this.host.setView({ ...startView, x: startView.x + dx, y: startView.y + dy });
  }

  onWindowPointerMove(e: PointerEvent): void {
    const { host } = this;
    if (this.pointers.has(e.pointerId)) {
      const p = this.localPoint(e);
      if (p) this.pointers.set(e.pointerId, p);
    }
    const g = this.gesture;
    if (!g) return;
    if (g.type === 'pinch') {
      const [a, b] = [...this.pointers.values()];
      if (!a || !b) return;
      const dist = Math.max(1, Math.hypot(a.x - b.x, a.y - b.y));
      const center = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const zoomed = zoomBy(g.startView, g.startCenter, dist / g.startDist);
      host.setView({ ...zoomed, x: zoomed.x + center.x - g.startCenter.x, y: zoomed.y + center.y - g.startCenter.y });
      return;
    }
    if (e.pointerId !== g.pointerId) return;
    const local = this.localPoint(e);
    if (!local) return;
    if (g.type === 'pan') {
      const dx = local.x - g.start.x;
      const dy = local.y - g.start.y;
      if (!g.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
      g.moved = true;
      host.container()?.style.setProperty('cursor', 'grabbing');
      this.panBy(g.startView, dx, dy);
    } else if (g.type === 'marquee') {
      const p = screenToBoard(host.view.get(), local);
      g.moved = true;
      host.marquee.set(rectFromCorners(g.start, p));
    } else if (g.type === 'link') {
      host.rubberBand.set({ from: g.from, to: screenToBoard(host.view.get(), local) });
    } else if (g.type === 'card') {
      const dx = local.x - g.start.x;
      const dy = local.y - g.start.y;
      if (!g.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
      if (host.readOnly()) {
        // Nothing to move for a viewer, and zoomed out the view is mostly cards: the drag pans.
        this.gesture = { type: 'pan', pointerId: g.pointerId, start: g.start, startView: g.startView, moved: true, shift: false };
        this.panBy(g.startView, dx, dy);
        return;
      }
      g.moved = true;
      if (!host.cardDrag.active) host.cardDrag.begin(g.id, { x: 0, y: 0 });
      const scale = host.view.get().scale;
      host.cardDrag.to(g.id, dx / scale, dy / scale);
    }
  }

  onWindowPointerUp(e: PointerEvent): void {
    const { host } = this;
    this.pointers.delete(e.pointerId);
    const g = this.gesture;
    if (!g) return;
    if (g.type === 'pinch') {
      if (this.pointers.size < 2) this.gesture = null;
      return;
    }
    if (e.pointerId !== g.pointerId) return;
    this.gesture = null;
    if (g.type === 'pan') {
      host.container()?.style.removeProperty('cursor');
      // A click on empty space (no pan) clears the selection, as in every drawing tool.
      if (!g.moved && !g.shift) host.clickEmpty();
    } else if (g.type === 'marquee') {
      const rect = host.marquee.get();
      host.marquee.set(null);
      if (rect && g.moved) host.selectInRect(rect, g.additive);
    } else if (g.type === 'card') {
      if (g.moved && host.cardDrag.active) host.cardDrag.end(g.id);
      else host.clickCard(g.id, e);
    } else if (g.type === 'link') {
      host.rubberBand.set(null);
      const p = this.boardPoint(e);
      if (!p) return;
      const target = host.picker.cardAt(p);
      if (target && target !== g.from) host.link(g.from, target);
    }
  }
}
