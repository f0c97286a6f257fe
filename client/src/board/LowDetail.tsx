import { useEffect, useRef, type RefObject } from 'react';
import { Shape } from 'react-konva';
import type Konva from 'konva';
import type { CanvasController } from './controller';
import { linkPoints } from './geometry';
import { HEADER_H, KIND_COLORS, KIND_FILLS, LINK_COLOR } from './kinds';
import { HIGHLIGHT_COLOR } from './CardView';
import { expandRect, visibleRect, type Rect } from './viewport';

/** What the low-detail shapes draw: the visible part of the board, a little wider (board units). */
function drawnRect(ctl: CanvasController): Rect {
  const view = ctl.view.get();
  return expandRect(visibleRect(view, ctl.size.get()), 8 / view.scale);
}

/** Redraws the shape's layer (batched to the next frame) when anything it draws changes. */
function useRedraw(ref: RefObject<Konva.Shape | null>, ctl: CanvasController): void {
  useEffect(() => {
    const redraw = () => ref.current?.getLayer()?.batchDraw();
    redraw();
    return ctl.subscribeDrawing(redraw);
  }, [ref, ctl]);
}

/**
 * Low detail (lod.ts): every card of the view as a rectangle in its kind's fill with a header
 * band in the kind's colour, drawn in a few fills by one shape that never listens (presses are
 * found through the board geometry by the controller). Redraws when a card, link, drag offset or
 * finder decoration changes; the stage redraws it on pan and zoom.
 * Konva `name: 'cards-lod'`.
 */
export function CardsLowDetail({ ctl }: { ctl: CanvasController }) {
  const ref = useRef<Konva.Shape>(null);
  useRedraw(ref, ctl);
  useEffect(() => () => ctl.clearLowDetailDrawn(), [ctl]);
  return (
    <Shape
      ref={ref}
      name="cards-lod"
      listening={false}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
      sceneFunc={(context) => {
        const c = context._context;
        const view = ctl.view.get();
        const { batches, highlighted } = ctl.lowDetailBatches(drawnRect(ctl));
        for (const batch of batches) {
          c.globalAlpha = batch.faded ? 0.25 : 1;
          c.fillStyle = KIND_FILLS[batch.kind];
          c.beginPath();
          for (const r of batch.rects) c.rect(r.x, r.y, r.w, r.h);
          c.fill();
          c.fillStyle = KIND_COLORS[batch.kind];
          c.beginPath();
          for (const r of batch.rects) c.rect(r.x, r.y, r.w, Math.min(r.h, HEADER_H));
          c.fill();
        }
        c.globalAlpha = 1;
        if (highlighted.length > 0) {
          c.strokeStyle = HIGHLIGHT_COLOR;
          c.lineWidth = Math.max(4, 2 / view.scale);
          c.beginPath();
          for (const r of highlighted) c.rect(r.x - 6, r.y - 6, r.w + 12, r.h + 12);
          c.stroke();
        }
      }}
    />
  );
}

/**
 * Low detail: every link of the view as one stroked path of plain lines (no arrow heads: at
 * this zoom they would be a pixel). Selected links keep their own Arrow node above it.
 * Konva `name: 'links-lod'`.
 */
export function LinksLowDetail({ ctl }: { ctl: CanvasController }) {
  const ref = useRef<Konva.Shape>(null);
  useRedraw(ref, ctl);
  return (
    <Shape
      ref={ref}
      name="links-lod"
      listening={false}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
      sceneFunc={(context) => {
        const c = context._context;
        const view = ctl.view.get();
        const rect = drawnRect(ctl);
        c.strokeStyle = LINK_COLOR;
        c.lineWidth = Math.max(2.5, 1 / view.scale);
        c.beginPath();
        for (const link of ctl.store.getLinks()) {
          const a = ctl.cardRect(link.from);
          const b = ctl.cardRect(link.to);
          if (!a || !b) continue;
          // Skip links whose span misses the view.
          if (Math.max(a.x + a.w, b.x + b.w) < rect.x || Math.min(a.x, b.x) > rect.x + rect.w) continue;
          if (Math.max(a.y + a.h, b.y + b.h) < rect.y || Math.min(a.y, b.y) > rect.y + rect.h) continue;
          const points = linkPoints(a, b);
          if (!points) continue;
          c.moveTo(points[0], points[1]);
          c.lineTo(points[2], points[3]);
        }
        c.stroke();
      }}
    />
  );
}
