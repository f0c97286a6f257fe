import { memo, useSyncExternalStore } from 'react';
import { Arrow, Group, Rect, Text } from 'react-konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import type { CanvasController } from './controller';
import { useCard, useOffset } from './CardView';
import { linkPoints, rubberBandPoints } from '../editor/geometry';
import { FONT_FAMILY, LINK_STYLE } from '@benchlearn/shared';
import { measureText } from '../ui/measure';
import { SELECTION_COLOR } from '../ui/kinds';
import { LinksLowDetail } from './LowDetail';
import { useKeyed, useKeys, useSignal } from '../editor/stores';
import { rectsIntersect } from '../editor/viewport';

/** Primitive props, so a link re-renders only when its own ends change. */
interface LinkEnds {
  id: string;
  from: string;
  to: string;
  label?: string | undefined;
}

const LABEL_FONT = { size: 13, weight: 'normal', style: 'normal' } as const;
const LABEL_PAD = 6;
const LABEL_H = 22;

/** A link's label on its middle, in a white tag; a double-click edits it. */
function LinkLabel({ id, label, x, y, onEdit }: { id: string; label: string; x: number; y: number; onEdit(): void }) {
  const w = measureText(label, LABEL_FONT) + 2 * LABEL_PAD;
  return (
    <Group name="link-label" id={`label-${id}`} x={x - w / 2} y={y - LABEL_H / 2} onDblClick={onEdit} onDblTap={onEdit}>
      <Rect width={w} height={LABEL_H} cornerRadius={LABEL_H / 2} fill="#ffffff" stroke={LINK_STYLE.color} strokeWidth={1} perfectDrawEnabled={false} />
      <Text
        name="link-label-text"
        width={w}
        height={LABEL_H}
        text={label}
        align="center"
        verticalAlign="middle"
        fontFamily={FONT_FAMILY}
        fontSize={LABEL_FONT.size}
        fill="#263238"
        listening={false}
        perfectDrawEnabled={false}
      />
    </Group>
  );
}

/** One link: follows its two cards (and their live drag offsets), nothing else. */
export const LinkView = memo(function LinkView({ link, ctl }: { link: LinkEnds; ctl: CanvasController }) {
  const from = useCard(ctl, link.from);
  const to = useCard(ctl, link.to);
  const fromOffset = useOffset(ctl, link.from);
  const toOffset = useOffset(ctl, link.to);
  const selected = useKeyed(ctl.selection, link.id) === true;
  // Links of the selection only: a link of a selected card stands out, the others dim.
  const dimOthers = useSignal(ctl.linkExtras.dimOthers);
  const fromSelected = useKeyed(ctl.selection, link.from) === true;
  const toSelected = useKeyed(ctl.selection, link.to) === true;
  const ofSelection = fromSelected || toSelected;
  if (!from || !to) return null;
  const points = linkPoints(
    { x: from.x + (fromOffset?.dx ?? 0), y: from.y + (fromOffset?.dy ?? 0), w: from.w, h: from.h },
    { x: to.x + (toOffset?.dx ?? 0), y: to.y + (toOffset?.dy ?? 0), w: to.w, h: to.h },
  );
  if (!points) return null;
  const color = selected ? SELECTION_COLOR : LINK_STYLE.color;
  const focused = dimOthers && ofSelection;
  const edit = () => ctl.linkExtras.open(link.id);
  return (
    <Group name="link-group" opacity={dimOthers && !ofSelection && !selected ? 0.15 : 1}>
      <Arrow
        name="link"
        id={link.id}
        points={points}
        stroke={color}
        fill={color}
        strokeWidth={selected || focused ? 4 : LINK_STYLE.width}
        pointerLength={LINK_STYLE.headLength}
        pointerWidth={LINK_STYLE.headWidth}
        hitStrokeWidth={16}
        lineCap="round"
        perfectDrawEnabled={false}
        shadowForStrokeEnabled={false}
        onPointerDown={(e: KonvaEventObject<PointerEvent>) => {
          e.cancelBubble = true;
          ctl.onLinkPointerDown(link.id, e.evt);
        }}
        onDblClick={edit}
        onDblTap={edit}
      />
      {link.label ? <LinkLabel id={link.id} label={link.label} x={(points[0] + points[2]) / 2} y={(points[1] + points[3]) / 2} onEdit={edit} /> : null}
    </Group>
  );
});

/**
 * The drawn links; re-renders when links come or go (or cards change kind), not on a move. In
 * low detail one path draws them all and only the selected links keep an Arrow node.
 */
export const LinksLayerContent = memo(function LinksLayerContent({ ctl }: { ctl: CanvasController }) {
  const links = useSyncExternalStore(ctl.store.subscribeLinks, ctl.store.getLinks, ctl.store.getLinks);
  useSignal(ctl.culling.cullKey);
  const detail = useSignal(ctl.culling.detail);
  // Re-render on a selection change only matters in low detail (selected links get their node).
  const selected = useKeys(ctl.selection);
  const cull = ctl.culling.cullRect();
  const shown =
    detail === 'low'
      ? links.filter((link) => selected !== '' && ctl.selection.has(link.id))
      : cull
        ? links.filter((link) => {
            const a = ctl.cardRect(link.from);
            const b = ctl.cardRect(link.to);
            if (!a || !b) return false;
            const x = Math.min(a.x, b.x);
            const y = Math.min(a.y, b.y);
            const span = { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
            return ctl.selection.has(link.id) || rectsIntersect(span, cull);
          })
        : links;
  return (
    <>
      {detail === 'low' ? <LinksLowDetail ctl={ctl} /> : null}
      {shown.map((link) => (
        <LinkViewById key={link.id} id={link.id} from={link.from} to={link.to} label={link.label} ctl={ctl} />
      ))}
    </>
  );
});

/** The arrow that follows the pointer while a link is being made. */
export function RubberBand({ ctl }: { ctl: CanvasController }) {
  const band = useSignal(ctl.rubberBand);
  const from = useCard(ctl, band?.from ?? '');
  if (!band || !from) return null;
  return (
    <Arrow
      points={rubberBandPoints(from, band.to)}
      stroke={SELECTION_COLOR}
      fill={SELECTION_COLOR}
      strokeWidth={2.5}
      dash={[8, 6]}
      pointerLength={12}
      pointerWidth={12}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

const LinkViewById = memo(function LinkViewById({ id, from, to, label, ctl }: LinkEnds & { ctl: CanvasController }) {
  return <LinkView link={{ id, from, to, label }} ctl={ctl} />;
});
