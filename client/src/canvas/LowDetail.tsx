import { useEffect, useRef, type RefObject } from 'react';
import { Shape } from 'react-konva';
import type Konva from 'konva';
import type { CanvasController } from './controller';
import type { CardKind } from '@benchlearn/shared';
import { KIND_COLORS, KIND_FILLS, LINK_STYLE, lowDetailBands } from '@benchlearn/shared';
import { HIGHLIGHT_COLOR } from '../ui/kinds';
import type { LodScene } from './lod';
import { visibleRect } from '../editor/viewport';

/** Redraws the shape's layer (batched to the next frame) when anything it draws changes. */
function useRedraw(ref: RefObject<Konva.Shape | null>, ctl: CanvasController): void {
  useEffect(() => {
    const redraw = () => ref.current?.getLayer()?.batchDraw();
    redraw();
    return ctl.lodScene.subscribe(redraw);
  }, [ref, ctl]);
}

interface ScenePaths {
  /** Per batch: the cards' bodies and their header bands. */
  batches: Array<{ kind: CardKind; faded: boolean; bodies: Path2D; headers: Path2D }>;
  highlighted: Path2D | null;
  links: Path2D;
}

const pathsOf = new WeakMap<LodScene, ScenePaths>();

/**
 * The scene as canvas paths, made once per scene: a frame of pan or zoom then costs a few fills
 * whatever the number of cards (the canvas skips what lies outside the view).
 */
function scenePaths(scene: LodScene): ScenePaths {
  let paths = pathsOf.get(scene);
  if (paths) return paths;
  const batches = scene.batches.map((batch) => {
    const bodies = new Path2D();
    const headers = new Path2D();
    for (const r of batch.rects) {
      const { body, header } = lowDetailBands(r);
      bodies.rect(body.x, body.y, body.w, body.h);
      headers.rect(header.x, header.y, header.w, header.h);
    }
    return { kind: batch.kind, faded: batch.faded, bodies, headers };
  });
  let highlighted: Path2D | null = null;
  if (scene.highlighted.length > 0) {
    highlighted = new Path2D();
    for (const r of scene.highlighted) highlighted.rect(r.x - 6, r.y - 6, r.w + 12, r.h + 12);
  }
  const links = new Path2D();
  for (const {
    points: [x1, y1, x2, y2],
  } of scene.links) {
    links.moveTo(x1, y1);
    links.lineTo(x2, y2);
  }
  paths = { batches, highlighted, links };
  pathsOf.set(scene, paths);
  return paths;
}

/**
 * Low detail (lod.ts): every card without a full node as a rectangle in its kind's fill with a
 * header band in the kind's colour, drawn in a few fills by one shape that never listens
 * (presses are found through the board geometry by the controller). Redraws when a card, link,
 * drag offset or finder decoration changes; the stage redraws it on pan and zoom.
 * Konva `name: 'cards-lod'`.
 */
export function CardsLowDetail({ ctl }: { ctl: CanvasController }) {
  const ref = useRef<Konva.Shape>(null);
  useRedraw(ref, ctl);
  useEffect(() => () => ctl.lodScene.noteDrawn(null), [ctl]);
  return (
    <Shape
      ref={ref}
      name="cards-lod"
      listening={false}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
      sceneFunc={(context) => {
        const c = context._context;
        const scene = ctl.lodScene.get();
        const paths = scenePaths(scene);
        for (const batch of paths.batches) {
          c.globalAlpha = batch.faded ? 0.25 : 1;
          c.fillStyle = KIND_FILLS[batch.kind];
          c.fill(batch.bodies);
          c.fillStyle = KIND_COLORS[batch.kind];
          c.fill(batch.headers);
        }
        c.globalAlpha = 1;
        if (paths.highlighted) {
          c.strokeStyle = HIGHLIGHT_COLOR;
          c.lineWidth = Math.max(4, 2 / ctl.view.get().scale);
          c.stroke(paths.highlighted);
        }
        ctl.lodScene.noteDrawn({ scene, rect: visibleRect(ctl.view.get(), ctl.size.get()) });
      }}
    />
  );
}

/**
 * Low detail: every link as one stroked path of plain lines (no arrow heads: at this zoom they
 * would be a pixel). Selected links keep their own Arrow node above it.
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
        c.strokeStyle = LINK_STYLE.color;
        c.lineWidth = Math.max(2.5, 1 / ctl.view.get().scale);
        c.stroke(scenePaths(ctl.lodScene.get()).links);
      }}
    />
  );
}
