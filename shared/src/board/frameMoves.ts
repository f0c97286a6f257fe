import * as Y from 'yjs';
import type { Card, Frame } from '../model/schemas';
import { boardMaps, isFiniteNumber, transactBoard, type BoardDocs } from './doc';
import { readCards, readFrame } from './read';

type Box = Pick<Frame, 'x' | 'y' | 'w' | 'h'>;

/**
 * Whether a card belongs to a frame: its centre lies inside it. A card hanging over the edge
 * still goes with the area it was put in, and a card is in at most the frames it overlaps most.
 */
export function isCardInFrame(card: Box, frame: Box): boolean {
  const cx = card.x + card.w / 2;
  const cy = card.y + card.h / 2;
  return cx >= frame.x && cx <= frame.x + frame.w && cy >= frame.y && cy <= frame.y + frame.h;
}

/** Ids of the cards inside a frame, in stacking order. */
export function cardsInFrame(frame: Box, cards: readonly Card[]): string[] {
  return cards.filter((card) => isCardInFrame(card, frame)).map((card) => card.id);
}

/**
 * Moves a frame and the cards inside it by an offset, in one transaction per document (the
 * frame is in the control document, the cards in the content): everyone sees the area move
 * with its content, and one undo takes both back. Returns the ids of the cards moved.
 */
export function moveFrame(board: BoardDocs, id: string, dx: number, dy: number): string[] {
  if (!isFiniteNumber(dx) || !isFiniteNumber(dy)) throw new RangeError('frame offsets must be finite numbers');
  const { frames, cards } = boardMaps(board);
  const map = frames.get(id);
  const frame = readFrame(id, map);
  if (!frame || !(map instanceof Y.Map) || (dx === 0 && dy === 0)) return [];
  const inside = cardsInFrame(frame, readCards(board));
  transactBoard(board, () => {
    map.set('x', frame.x + dx);
    map.set('y', frame.y + dy);
    for (const cardId of inside) {
      const card = cards.get(cardId);
      const x = card?.get('x');
      const y = card?.get('y');
      if (card && isFiniteNumber(x) && isFiniteNumber(y)) {
        card.set('x', x + dx);
        card.set('y', y + dy);
      }
    }
  });
  return inside;
}
