import { useEffect, useRef, useSyncExternalStore } from 'react';
import { Circle, Group, Line, Rect, Transformer } from 'react-konva';
import type Konva from 'konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { MIN_CARD_H, MIN_CARD_W } from '@benchlearn/shared';
import type { CanvasController } from './controller';
import { useCard, useOffset } from './CardView';
import { RubberBand } from './LinkView';
import { LINK_HANDLE_GAP, LINK_HANDLE_RADIUS, SELECTION_COLOR } from '../ui/kinds';
import { useViewScale } from './PresenceLayer';
import { useKeys, useSignal } from '../editor/stores';

/** A resize handle as drawn (screen pixels, at any zoom). */
export const HANDLE_SIZE = 12;
/**
 * What a pointer can hit around it: at least 24 x 24 CSS pixels (WCAG 2.5.8), the drawn square
 * plus an invisible band of its stroke's hit width.
 */
export const HANDLE_HIT_SIZE = 26;

/** The link handle's invisible band to hit around its circle. */
const LINK_HIT_STROKE = 10;
/** A resize handle's hit size (CSS px) on a card whose smallest side on screen is `side` (see roomyAnchor). */
function resizeHitSize(side: number): number {
  return Math.max(HANDLE_SIZE, Math.min(HANDLE_HIT_SIZE, side / 3));
}

/**
 * The link handle's distance from the card's edge (CSS px): on a selected card, clear of the
 * resize handle's hit area there, so each keeps its size; else as close as it is drawn (zoomed
 * out, farther would put it over the next card).
 */
function linkGap(selected: boolean, side: number): number {
  if (!selected) return LINK_HANDLE_GAP;
  return Math.max(LINK_HANDLE_GAP, resizeHitSize(side) / 2 + LINK_HANDLE_RADIUS + LINK_HIT_STROKE / 2 + 1);
}

/**
 * Every anchor's hit area grows to HANDLE_HIT_SIZE (Konva draws the stroke's hit band on both
 * sides), but never past a third of the smallest selected card on screen: zoomed out, a card of
 * 35 px would be all handle, and a double click or a link drag on it would resize it instead.
 * Such a card keeps its drawn handles; Alt+Shift+arrows and Bigger/Smaller resize it too.
 */
function roomyAnchor(anchor: Konva.Rect): void {
  anchor.hitStrokeWidth(resizeHitSize(smallestSideOnScreen(anchor.getParent())) - HANDLE_SIZE);
}

/** The smallest side, in CSS px, of the cards a transformer holds (Infinity when none). */
function smallestSideOnScreen(parent: Konva.Node | null): number {
  if (parent?.getClassName() !== 'Transformer') return Infinity;
  let side = Infinity;
  for (const node of (parent as Konva.Transformer).nodes()) {
    const rect = node.getClientRect({ skipStroke: true, skipShadow: true });
    side = Math.min(side, rect.width, rect.height);
  }
  return side;
}

/** Resize handles around the selected cards (no rotation); one write when a resize ends. */
function CardTransformer({ ctl }: { ctl: CanvasController }) {
  const ref = useRef<Konva.Transformer>(null);
  const selection = useKeys(ctl.selection);
  const order = useSyncExternalStore(ctl.store.subscribeOrder, ctl.store.getOrder, ctl.store.getOrder);
  const linkTool = useSignal(ctl.linkTool);
  const editing = useSignal(ctl.editing);
  useEffect(() => {
    const tr = ref.current;
    const stage = tr?.getStage();
    if (!tr || !stage) return;
    const ids = linkTool || editing ? [] : ctl.selectedCardIds();
    const nodes = ids.map((id) => stage.findOne(`#${id}`)).filter((n): n is Konva.Node => n !== undefined && n.hasName('card'));
    tr.nodes(nodes);
    tr.getLayer()?.batchDraw();
    // A selected card resized or moved elsewhere: redraw the handles around it.
    const refresh = () =>
      requestAnimationFrame(() => {
        tr.forceUpdate();
        tr.getLayer()?.batchDraw();
      });
    const unsubscribe = ids.map((id) => ctl.store.subscribeCard(id, refresh));
    return () => unsubscribe.forEach((u) => u());
  }, [ctl, selection, order, linkTool, editing]);
  return (
    <Transformer
      ref={ref}
      rotateEnabled={false}
      flipEnabled={false}
      keepRatio={false}
      ignoreStroke
      anchorSize={HANDLE_SIZE}
      anchorStyleFunc={roomyAnchor}
      // Square corners: a rounded path's hit band would cut the 24 px square's corners.
      anchorCornerRadius={0}
      borderStroke={SELECTION_COLOR}
      anchorStroke={SELECTION_COLOR}
      boundBoxFunc={(oldBox, newBox) => {
        const scale = ctl.view.get().scale;
        return newBox.width < MIN_CARD_W * scale || newBox.height < MIN_CARD_H * scale ? oldBox : newBox;
      }}
      onTransformEnd={() => {
        const tr = ref.current;
        if (tr) ctl.onTransformEnd(tr.nodes());
      }}
    />
  );
}

/** The circle to drag a link from, on the right of a success, problem or note card. */
function LinkHandle({ ctl, id }: { ctl: CanvasController; id: string }) {
  const card = useCard(ctl, id);
  const offset = useOffset(ctl, id);
  const scale = useViewScale(ctl);
  const selected = useKeys(ctl.selection).split(' ').includes(id);
  if (!card || card.kind === 'lesson') return null;
  // Stays a comfortable size on screen when zoomed out.
  const k = Math.max(1, 1 / scale);
  const gap = linkGap(selected, Math.min(card.w, card.h) * scale);
  const x = card.x + (offset?.dx ?? 0) + card.w + gap * k;
  const y = card.y + (offset?.dy ?? 0) + card.h / 2;
  return (
    <Group
      name="link-handle"
      id={`link-handle-${id}`}
      x={x}
      y={y}
      onPointerDown={(e: KonvaEventObject<PointerEvent>) => {
        e.cancelBubble = true;
        ctl.gestures.startLinkDrag(id, e.evt);
      }}
      onMouseEnter={() => ctl.onCardHover(id)}
    >
      <Line points={[-gap * k, 0, -LINK_HANDLE_RADIUS * k, 0]} stroke={SELECTION_COLOR} strokeWidth={2 * k} listening={false} />
      <Circle
        radius={LINK_HANDLE_RADIUS * k}
        fill="#ffffff"
        stroke={SELECTION_COLOR}
        strokeWidth={2 * k}
        hitStrokeWidth={LINK_HIT_STROKE}
        perfectDrawEnabled={false}
      />
      <Circle radius={3 * k} fill={SELECTION_COLOR} listening={false} perfectDrawEnabled={false} />
    </Group>
  );
}

function LinkHandles({ ctl }: { ctl: CanvasController }) {
  const readOnly = useSignal(ctl.readOnly);
  const hovered = useSignal(ctl.hovered);
  const selection = useKeys(ctl.selection);
  const band = useSignal(ctl.rubberBand);
  const editing = useSignal(ctl.editing);
  if (readOnly || editing) return null;
  const ids = new Set<string>();
  if (hovered) ids.add(hovered);
  const selected = selection ? selection.split(' ') : [];
  // A handle per selected card, up to a few: a big marquee selection does not need hundreds.
  for (const id of selected.slice(0, 8)) ids.add(id);
  if (band) ids.add(band.from);
  return (
    <>
      {[...ids].map((id) => (
        <LinkHandle key={id} ctl={ctl} id={id} />
      ))}
    </>
  );
}

function Marquee({ ctl }: { ctl: CanvasController }) {
  const rect = useSignal(ctl.marquee);
  const scale = useViewScale(ctl);
  if (!rect) return null;
  return (
    <Rect
      x={rect.x}
      y={rect.y}
      width={rect.w}
      height={rect.h}
      fill="rgba(26,115,232,0.08)"
      stroke={SELECTION_COLOR}
      strokeWidth={1 / scale}
      dash={[6 / scale, 4 / scale]}
      listening={false}
    />
  );
}

/** The interactive overlay: resize handles, link handles, the link being drawn, the marquee. */
export function ToolsLayerContent({ ctl }: { ctl: CanvasController }) {
  const readOnly = useSignal(ctl.readOnly);
  return (
    <>
      {readOnly ? null : <CardTransformer ctl={ctl} />}
      <LinkHandles ctl={ctl} />
      <RubberBand ctl={ctl} />
      <Marquee ctl={ctl} />
    </>
  );
}
