import { memo, useCallback, useSyncExternalStore } from 'react';
import type Konva from 'konva';
import { Group, Rect, Text } from 'react-konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { useTranslation } from 'react-i18next';
import type { CanvasController } from './controller';
import { AUTHOR_H, BODY_FONT_SIZE, BODY_LINE_HEIGHT, CARD_RADIUS, FONT_FAMILY, HEADER_H, KIND_COLORS, KIND_FILLS, SELECTION_COLOR, bodyBox } from './kinds';
import { KindIconShape } from './KindIcon';
import { CardsLowDetail } from './LowDetail';
import { useKeyed, useSignal } from './stores';

function useCard(ctl: CanvasController, id: string) {
  return useSyncExternalStore(
    (listener) => ctl.store.subscribeCard(id, listener),
    () => ctl.store.getCard(id),
    () => ctl.store.getCard(id),
  );
}

/** A card's live drag offset: this person's drag first, else someone else's. */
export function useOffset(ctl: CanvasController, id: string) {
  const local = useKeyed(ctl.localOffsets, id);
  const remote = useKeyed(ctl.peers.offsets, id);
  return local ?? remote;
}

export { useCard };

type PointerLike = { shiftKey: boolean; button: number; pointerType?: string };

/**
 * One card: re-renders only when its own entry, its selection, its drag offset or the
 * read-only/link-tool mode changes. Only the background listens; text and icon are decorative.
 */
export const CardView = memo(function CardView({ id, ctl }: { id: string; ctl: CanvasController }) {
  const { t } = useTranslation('canvas');
  const card = useCard(ctl, id);
  const offset = useOffset(ctl, id);
  const selected = useKeyed(ctl.selection, id) === true;
  const remoteColor = useKeyed(ctl.peers.selections, id);
  const readOnly = useSignal(ctl.readOnly);
  const linkTool = useSignal(ctl.linkTool);
  const linkFrom = useSignal(ctl.linkFrom) === id;
  const lowDetail = useSignal(ctl.culling.lowDetail);
  const decor = useKeyed(ctl.decor, id);
  const anonymous = useSignal(ctl.anonymous);
  const register = useCallback((node: Konva.Group | null) => ctl.culling.registerCardNode(id, node), [ctl, id]);
  if (!card) return null;
  // Anonymous mode: the organisation only. A card written anonymously has no name to show either.
  const byline = anonymous ? (card.org ?? '') : [card.authorName, card.org].filter(Boolean).join(' · ');
  const { w, h, kind } = card;
  const color = KIND_COLORS[kind];
  const body = bodyBox(w, h);
  const onPointerDown = (e: KonvaEventObject<PointerEvent>) => {
    const evt = e.evt as PointerLike;
    ctl.onCardPointerDown(id, evt);
  };
  return (
    <Group
      ref={register}
      name="card"
      id={id}
      x={card.x + (offset?.dx ?? 0)}
      y={card.y + (offset?.dy ?? 0)}
      width={w}
      height={h}
      opacity={decor?.match === false ? 0.25 : 1}
      draggable={!readOnly && !linkTool}
      onPointerDown={onPointerDown}
      onClick={(e) => ctl.onCardClick(id, e.evt)}
      onTap={(e) => ctl.onCardClick(id, e.evt)}
      onContextMenu={(e) => ctl.onCardContextMenu(id, e.evt)}
      onDblClick={() => ctl.openEditor(id)}
      onDblTap={() => ctl.openEditor(id)}
      onMouseEnter={() => ctl.onCardHover(id)}
      onDragStart={(e) => e.target.id() === id && ctl.cardDrag.onDragStart(id, e.target)}
      onDragMove={(e) => e.target.id() === id && ctl.cardDrag.onDragMove(id, e.target)}
      onDragEnd={(e) => e.target.id() === id && ctl.cardDrag.onDragEnd(id, e.target)}
    >
      {decor?.match ? (
        <Rect name="card-highlight" x={-6} y={-6} width={w + 12} height={h + 12} cornerRadius={CARD_RADIUS + 5} stroke={HIGHLIGHT_COLOR} strokeWidth={4} listening={false} perfectDrawEnabled={false} />
      ) : null}
      {remoteColor !== undefined && !selected ? (
        <Rect x={-4} y={-4} width={w + 8} height={h + 8} cornerRadius={CARD_RADIUS + 3} stroke={remoteColor} strokeWidth={2} dash={[6, 4]} listening={false} perfectDrawEnabled={false} />
      ) : null}
      <Rect
        width={w}
        height={h}
        cornerRadius={CARD_RADIUS}
        fill={KIND_FILLS[kind]}
        stroke={selected || linkFrom ? SELECTION_COLOR : color}
        strokeWidth={selected || linkFrom ? 3 : 1.5}
        perfectDrawEnabled={false}
      />
      <Rect width={w} height={HEADER_H} cornerRadius={[CARD_RADIUS, CARD_RADIUS, 0, 0]} fill={color} listening={false} perfectDrawEnabled={false} />
      {lowDetail ? null : (
        <>
          <KindIconShape kind={kind} x={8} y={6} color="#ffffff" />
          <Text
            x={30}
            y={7}
            width={Math.max(10, w - 40)}
            height={16}
            text={t(`kinds.${kind}`)}
            fontFamily={FONT_FAMILY}
            fontSize={13}
            fontStyle="bold"
            fill="#ffffff"
            wrap="none"
            ellipsis
            listening={false}
            perfectDrawEnabled={false}
          />
          <Text
            x={body.x}
            y={body.y}
            width={body.w}
            height={body.h}
            text={card.text || (readOnly ? '' : t('card.emptyHint'))}
            fill={card.text ? '#1f1f1f' : '#8a8a8a'}
            fontStyle={card.text ? 'normal' : 'italic'}
            fontFamily={FONT_FAMILY}
            fontSize={BODY_FONT_SIZE}
            lineHeight={BODY_LINE_HEIGHT}
            wrap="word"
            ellipsis
            listening={false}
            perfectDrawEnabled={false}
          />
          <Text
            x={body.x}
            y={h - AUTHOR_H + 3}
            width={body.w}
            height={14}
            text={byline}
            fill="#5f6368"
            fontFamily={FONT_FAMILY}
            fontSize={11}
            wrap="none"
            ellipsis
            listening={false}
            perfectDrawEnabled={false}
          />
        </>
      )}
      {decor?.votes ? <VoteBadge cardId={id} width={w} votes={decor.votes} /> : null}
    </Group>
  );
});

export const HIGHLIGHT_COLOR = '#ffb300';

/**
 * The dots on a card, top right: everyone's count once revealed, else this person's own
 * (a ring). Konva `name: 'card-votes'`, `id: 'votes-<cardId>'`, with the number as its text.
 */
function VoteBadge({ cardId, width, votes }: { cardId: string; width: number; votes: { mine: number; total: number | null } }) {
  const shown = votes.total ?? votes.mine;
  const r = 13;
  return (
    <Group name="card-votes" id={`votes-${cardId}`} x={width - r - 4} y={-r + 4} listening={false}>
      <Rect
        x={-r}
        y={-r}
        width={r * 2}
        height={r * 2}
        cornerRadius={r}
        fill={votes.total === null ? '#ffffff' : '#6a1b9a'}
        stroke="#6a1b9a"
        strokeWidth={votes.mine > 0 ? 3 : 1.5}
        perfectDrawEnabled={false}
      />
      <Text
        name="card-votes-text"
        x={-r}
        y={-7}
        width={r * 2}
        align="center"
        text={String(shown)}
        fontFamily={FONT_FAMILY}
        fontSize={13}
        fontStyle="bold"
        fill={votes.total === null ? '#6a1b9a' : '#ffffff'}
        perfectDrawEnabled={false}
      />
    </Group>
  );
}

/**
 * The cards, in stacking order: the controller picks which get a full node (culling, level of
 * detail); in low detail, and while full nodes are still being added, one shape draws the others. Re-renders when that pick changes, not
 * when a card moves.
 */
export const CardsLayerContent = memo(function CardsLayerContent({ ctl }: { ctl: CanvasController }) {
  const ids = useSignal(ctl.culling.mounted);
  const detail = useSignal(ctl.culling.detail);
  const mounting = useSignal(ctl.culling.mounting);
  return (
    <>
      {detail === 'low' || mounting ? <CardsLowDetail ctl={ctl} /> : null}
      {ids.map((id) => (
        <CardView key={id} id={id} ctl={ctl} />
      ))}
    </>
  );
});
