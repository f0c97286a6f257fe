import { describe, expect, it } from 'vitest';
import { bringCardsToFront, linkCards, newBoardDocs } from '@benchlearn/shared';
import { linkSegments } from '../editor/geometry';
import { CardPicker, linkNear } from './picking';
import { KeyedStore, sameOffset, type Offset } from '../editor/stores';
import { startedStore, testCard } from '../editor/testBoard';

/** Two 220 wide cards overlapping (a at 0,0, b at 100,0), b on top. */
function setup() {
  const board = newBoardDocs();
  const a = testCard(board, 'success', 0, 0);
  const b = testCard(board, 'success', 100, 0);
  const store = startedStore(board);
  const local = new KeyedStore<Offset>(sameOffset);
  const remote = new KeyedStore<Offset>(sameOffset);
  const picker = new CardPicker(store, { local, remote });
  const { w, h } = store.getCard(a)!;
  return { board, store, a, b, w, h, local, remote, picker };
}

describe('CardPicker', () => {
  it('finds the topmost card at a point, following the stacking order', () => {
    const { board, a, b, picker } = setup();
    expect(picker.cardAt({ x: 150, y: 10 })).toBe(b);
    expect(picker.cardAt({ x: 50, y: 10 })).toBe(a);
    bringCardsToFront(board, [a]);
    expect(picker.cardAt({ x: 150, y: 10 })).toBe(a);
    expect(picker.cardAt({ x: -10, y: 10 })).toBe(null);
  });

  it('picks cards where they are dragged to, our own drag over one reported by others', () => {
    const { a, w, local, remote, picker } = setup();
    remote.set(a, { dx: 0, dy: 500 });
    expect(picker.rectOf(a)).toMatchObject({ x: 0, y: 500 });
    local.set(a, { dx: 1000, dy: 0 });
    expect(picker.rectOf(a)).toMatchObject({ x: 1000, y: 0, w });
    expect(picker.cardAt({ x: 1010, y: 10 })).toBe(a);
    expect(picker.cardAt({ x: 10, y: 10 })).toBe(null);
  });

  it('lists the cards a rect touches in stacking order', () => {
    const { a, b, picker } = setup();
    expect(picker.cardsIn({ x: 150, y: 0, w: 10, h: 10 })).toEqual([a, b]);
    expect(picker.cardsIn({ x: 250, y: 0, w: 10, h: 10 })).toEqual([b]);
    expect(picker.cardsIn({ x: 0, y: 1000, w: 10, h: 10 })).toEqual([]);
  });
});

describe('picking a link by the board geometry (low detail)', () => {
  /** A success at 0,0 (220 x 140) linked to a lesson at 600,0 (240 x 150): the arrow runs from x 220 to x 600 near y 72. */
  function linked() {
    const board = newBoardDocs();
    const from = testCard(board, 'success', 0, 0);
    const to = testCard(board, 'lesson', 600, 0);
    const link = linkCards(board, from, to, 'u1');
    if (!link.ok) throw new Error(link.reason);
    const store = startedStore(board);
    const local = new KeyedStore<Offset>(sameOffset);
    const picker = new CardPicker(store, { local, remote: new KeyedStore<Offset>(sameOffset) });
    // The segments the low-detail path is drawn from.
    const segments = () => linkSegments(store.getLinks(), picker.rectOf);
    return { from, to, link: link.id, local, picker, segments };
  }

  it('a point within reach of the drawn segment picks the link, one farther away nothing', () => {
    const { link, picker, segments } = linked();
    expect(linkNear(segments(), { x: 410, y: 78 }, 8)).toBe(link);
    expect(picker.pick({ x: 410, y: 78 }, segments(), 8)).toEqual({ type: 'link', id: link });
    expect(picker.pick({ x: 410, y: 100 }, segments(), 8)).toBe(null);
    // Past the end of the arrow, beside neither card.
    expect(picker.pick({ x: 410, y: -200 }, segments(), 8)).toBe(null);
  });

  it('a point on a card picks the card, even within reach of the link', () => {
    const { from, to, picker, segments } = linked();
    expect(picker.pick({ x: 215, y: 72 }, segments(), 8)).toEqual({ type: 'card', id: from });
    expect(picker.pick({ x: 605, y: 73 }, segments(), 8)).toEqual({ type: 'card', id: to });
  });

  it('follows a card dragged live: the link is picked where it is drawn now', () => {
    const { from, link, local, picker, segments } = linked();
    local.set(from, { dx: 0, dy: 400 });
    expect(picker.pick({ x: 410, y: 78 }, segments(), 8)).toBe(null);
    // From the card's centre (110, 470) towards the lesson's (720, 75): half way is near (415, 272).
    expect(picker.pick({ x: 415, y: 272 }, segments(), 8)).toEqual({ type: 'link', id: link });
    expect(picker.pick({ x: 110, y: 470 }, segments(), 8)).toEqual({ type: 'card', id: from });
  });
});
