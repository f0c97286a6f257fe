import { memo, useCallback, useMemo, useSyncExternalStore } from 'react';
import type Konva from 'konva';
import { Group, Rect } from 'react-konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { useTranslation } from 'react-i18next';
import { cardByline, cardLayout, type Card } from '@benchlearn/shared';
import type { CardVotes } from '../editor/types';
import type { CanvasController } from './controller';
import { ANONYMOUS_PEER_COLOR, CARD_RADIUS, HIGHLIGHT_COLOR, SELECTION_COLOR } from '../ui/kinds';
import { KONVA_NAMES, konvaCardShapes, type KonvaShape } from '../ui/konvaCard';
import { KonvaShapeView } from '../ui/KonvaShapeView';
import { measureText } from '../ui/measure';
import { CardsLowDetail } from './LowDetail';
import { useKeyed, useSignal } from '../editor/stores';

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
  const { t: tl } = useTranslation('library');
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
  const shapes = useCardShapes(id, card, {
    kindLabel: card ? t(`kinds.${card.kind}`) : '',
    hint: readOnly ? '' : t('card.emptyHint'),
    // A lesson placed from the network's library says where it came from.
    byline: card
      ? [card.source ? tl('card.source', { board: card.source.boardTitle, count: card.source.evidence }) : '', cardByline(card, anonymous)]
          .filter(Boolean)
          .join(' · ')
      : '',
    votes: decor?.votes ?? null,
    lowDetail,
  });
  if (!card) return null;
  const { w, h } = card;
  const outlined = selected || linkFrom;
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
      {cardRings(w, h, decor?.match === true, selected || remoteColor === undefined ? undefined : anonymous ? ANONYMOUS_PEER_COLOR : remoteColor)}
      {shapes.map((shape, i) =>
        // The background is what a press hits; selection outlines it in the selection colour.
        shape.attrs.name === CARD_BACKGROUND ? (
          <KonvaShapeView key={i} shape={shape} listening {...(outlined ? { stroke: SELECTION_COLOR, strokeWidth: 3 } : {})} />
        ) : (
          <KonvaShapeView key={i} shape={shape} />
        ),
      )}
    </Group>
  );
});

const CARD_BACKGROUND = KONVA_NAMES.card;

/**
 * The rings around a card: the finder's highlight, and someone else's selection in their colour
 * (in anonymous mode one grey for everyone, so the ring on a new card names nobody).
 */
function cardRings(w: number, h: number, match: boolean, remoteColor: string | undefined) {
  return (
    <>
      {match ? (
        <Rect
          name="card-highlight"
          x={-6}
          y={-6}
          width={w + 12}
          height={h + 12}
          cornerRadius={CARD_RADIUS + 5}
          stroke={HIGHLIGHT_COLOR}
          strokeWidth={4}
          listening={false}
          perfectDrawEnabled={false}
        />
      ) : null}
      {remoteColor !== undefined ? (
        <Rect
          x={-4}
          y={-4}
          width={w + 8}
          height={h + 8}
          cornerRadius={CARD_RADIUS + 3}
          stroke={remoteColor}
          strokeWidth={2}
          dash={[6, 4]}
          listening={false}
          perfectDrawEnabled={false}
        />
      ) : null}
    </>
  );
}

interface Decoration {
  kindLabel: string;
  hint: string;
  byline: string;
  votes: CardVotes | null;
  lowDetail: boolean;
}

/**
 * The card's shapes from the one card layout (shared/src/layout), made again only when a field
 * they show changes: a move or a drag re-renders the group, not the text layout.
 */
function useCardShapes(id: string, card: Card | undefined, decoration: Decoration): KonvaShape[] {
  const { kindLabel, hint, byline, votes, lowDetail } = decoration;
  const kind = card?.kind;
  const w = card?.w ?? 0;
  const h = card?.h ?? 0;
  const text = card?.text ?? '';
  const mine = votes?.mine ?? 0;
  const total = votes?.total;
  return useMemo(() => {
    if (!kind) return [];
    const badge = total === undefined ? null : { count: total ?? mine, revealed: total !== null, mine: mine > 0 };
    const layout = cardLayout({ kind, w, h, kindLabel, text, hint, byline, votes: badge }, measureText);
    return konvaCardShapes(layout, id, lowDetail ? 'low' : 'full');
  }, [id, kind, w, h, text, kindLabel, hint, byline, mine, total, lowDetail]);
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
