import type Konva from 'konva';
import type { LiveMove } from './liveMove';
import type { Point } from '../editor/viewport';

export interface CardDragDeps {
  move: LiveMove;
  /** The cards a drag of `id` takes along: the selection when `id` is in it. */
  companions(id: string): string[];
  readOnly(): boolean;
  /** A card being dragged is no longer hovered (its link handle would trail behind). */
  unhover(): void;
  /** Writes the drop, whole board units. */
  drop(ids: string[], dx: number, dy: number): void;
  stage(): Konva.Stage | null;
}

interface DragSession {
  leader: string;
  ids: string[];
  start: Point;
  dx: number;
  dy: number;
}

/**
 * A drag of cards, led by one card: by its Konva node in full detail, or by the pointer over the
 * low-detail shape (gestures.ts). Live offsets while it lasts, one write on the drop.
 */
export class CardDrag {
  private drag: DragSession | null = null;
  private justDragged = false;

  constructor(private readonly deps: CardDragDeps) {}

  get active(): boolean {
    return this.drag !== null;
  }

  /** A drop happened in this task: the click Konva sends after it is no click. */
  get justDropped(): boolean {
    return this.justDragged;
  }

  onDragStart(id: string, node: Konva.Node): void {
    if (this.drag || this.deps.readOnly()) return; // others moved along by the transformer follow the leader
    this.begin(id, { x: node.x(), y: node.y() });
  }

  onDragMove(id: string, node: Konva.Node): void {
    const drag = this.drag;
    if (!drag || drag.leader !== id) return;
    this.to(id, node.x() - drag.start.x, node.y() - drag.start.y);
  }

  onDragEnd(id: string, node: Konva.Node): void {
    const drag = this.drag;
    if (!drag || drag.leader !== id) return;
    this.onDragMove(id, node);
    this.end(id);
  }

  /** A drag of card `id` (with the selection when it is selected) starts from `start`. */
  begin(id: string, start: Point): void {
    this.drag = { leader: id, ids: this.deps.companions(id), start, dx: 0, dy: 0 };
    this.deps.unhover();
  }

  /** The dragged cards are (dx, dy) from where they were: live offsets, shown to others too. */
  to(id: string, dx: number, dy: number): void {
    const drag = this.drag;
    if (!drag || drag.leader !== id) return;
    drag.dx = dx;
    drag.dy = dy;
    this.deps.move.show(drag.ids, dx, dy);
  }

  /** A geometry drag interrupted (a second finger): the cards go back, nothing is written. */
  cancel(): void {
    this.drag = null;
    this.deps.move.end();
  }

  /** The drop: one write for the whole drag. */
  end(id: string): void {
    const drag = this.drag;
    if (!drag || drag.leader !== id) return;
    this.drag = null;
    // Whole board units keep positions readable in exports; the node snaps by under half a unit.
    const dx = Math.round(drag.dx);
    const dy = Math.round(drag.dy);
    // One write for the whole drop: the document's history gets one change, not one per frame.
    if (dx !== 0 || dy !== 0) this.deps.drop(drag.ids, dx, dy);
    this.deps.move.end();
    this.justDragged = true;
    setTimeout(() => {
      this.justDragged = false;
    }, 0);
  }

  /** Konva's own drag of the dragged nodes stops (a pinch takes over). */
  stopNodeDrags(): void {
    const stage = this.deps.stage();
    if (!stage || !this.drag) return;
    for (const id of this.drag.ids) {
      const node = stage.findOne(`#${id}`);
      if (node?.isDragging()) node.stopDrag();
    }
  }
}
