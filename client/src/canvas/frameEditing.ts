import type Konva from 'konva';
import { addFrame, cardsInFrame, deleteFrames, freeAreaSpot, moveFrame, updateFrame, type BoardDocs } from '@benchlearn/shared';
import type { BoardStore } from '../editor/boardStore';
import type { LiveMove } from './liveMove';
import { Signal } from '../editor/stores';
import type { Point, Rect } from '../editor/viewport';

/** The smallest frame a resize leaves (board units). */
export const MIN_FRAME_SIZE = 120;
const NEW_FRAME = { w: 640, h: 480 };

export interface FrameEditingDeps {
  board: BoardDocs;
  store: BoardStore;
  move: LiveMove;
  /** A facilitator on an editable board. */
  canEdit(): boolean;
  /** Writes as this person (controller.write). */
  write<T>(fn: () => T, merge?: boolean): T;
  /** A frame and cards are not selected together: the frame panel and the card tools would both show. */
  clearCardSelection(): void;
  stopEditing(): void;
  /** The part of the board on screen, where a new frame goes if there is room (board units). */
  viewRect(): Rect;
  /** Brings an area wholly into view (a new frame placed beside the view). */
  reveal(area: Rect): void;
}

/** Frames as facilitators edit them: select, add, rename, delete, drag with their cards, resize. */
export class FrameEditing {
  readonly selectedFrame = new Signal<string | null>(null);
  /** A frame being dragged (its cards move along through the live offsets). */
  readonly frameDrag = new Signal<{ id: string; dx: number; dy: number } | null>(null);
  /** A frame being resized, its live size. */
  readonly frameResize = new Signal<{ id: string; w: number; h: number } | null>(null);
  private session: { id: string; cards: string[]; start: Point } | null = null;

  constructor(private readonly deps: FrameEditingDeps) {}

  private frame(id: string) {
    return this.deps.store.getFrames().find((frame) => frame.id === id);
  }

  selectFrame(id: string | null): void {
    if (!this.deps.canEdit()) return;
    if (id) this.deps.clearCardSelection();
    this.selectedFrame.set(id);
    this.deps.stopEditing();
  }

  /**
   * A new frame in free space (placement.ts: the middle of the view when empty, else beside or
   * below what is there, never over cards it would then carry along), shown and selected so it
   * can be named at once.
   */
  addFrame(title: string): string | null {
    if (!this.deps.canEdit()) return null;
    const { store } = this.deps;
    const spot = freeAreaSpot(this.deps.viewRect(), NEW_FRAME, [...store.getFrames(), ...store.getCards()]);
    const id = this.deps.write(() => addFrame(this.deps.board, { title, ...spot, ...NEW_FRAME }));
    this.deps.reveal({ ...spot, ...NEW_FRAME });
    this.selectFrame(id);
    return id;
  }

  renameFrame(id: string, title: string, merge: boolean): void {
    if (!this.deps.canEdit()) return;
    this.deps.write(() => updateFrame(this.deps.board, id, { title }), merge);
  }

  /** Deletes the selected frame; the cards in it stay where they are. */
  deleteSelectedFrame(): void {
    const id = this.selectedFrame.get();
    if (!id || !this.deps.canEdit()) return;
    this.deps.write(() => deleteFrames(this.deps.board, [id]));
    this.selectedFrame.set(null);
  }

  onFrameDragStart(id: string, node: Konva.Node): void {
    const frame = this.frame(id);
    if (!frame || !this.deps.canEdit()) return;
    this.selectFrame(id);
    this.session = { id, cards: cardsInFrame(frame, this.deps.store.getCards()), start: { x: node.x(), y: node.y() } };
  }

  onFrameDragMove(id: string, node: Konva.Node): void {
    const session = this.session;
    if (!session || session.id !== id) return;
    const dx = node.x() - session.start.x;
    const dy = node.y() - session.start.y;
    this.frameDrag.set({ id, dx, dy });
    // Others see the cards travel live, as with a card drag; the frame lands on drop.
    this.deps.move.show(session.cards, dx, dy);
  }

  /** One write on drop: the frame and its cards move in one transaction (one undo step). */
  onFrameDragEnd(id: string, node: Konva.Node): void {
    const session = this.session;
    if (!session || session.id !== id) return;
    this.onFrameDragMove(id, node);
    this.session = null;
    const drag = this.frameDrag.get();
    const dx = Math.round(drag?.dx ?? 0);
    const dy = Math.round(drag?.dy ?? 0);
    if (dx !== 0 || dy !== 0) this.deps.write(() => moveFrame(this.deps.board, id, dx, dy));
    this.frameDrag.set(null);
    this.deps.move.end();
  }

  /** The resize handle at the frame's bottom-right corner moved to `corner` (board units). */
  onFrameResize(id: string, corner: Point, done: boolean): void {
    const frame = this.frame(id);
    if (!frame || !this.deps.canEdit()) return;
    const w = Math.max(MIN_FRAME_SIZE, Math.round(corner.x - frame.x));
    const h = Math.max(MIN_FRAME_SIZE, Math.round(corner.y - frame.y));
    if (!done) {
      this.frameResize.set({ id, w, h });
      return;
    }
    this.frameResize.set(null);
    if (w !== frame.w || h !== frame.h) this.deps.write(() => updateFrame(this.deps.board, id, { w, h }));
  }
}
