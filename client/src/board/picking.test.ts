import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, bringCardsToFront } from '@benchlearn/shared';
import { BoardStore } from './boardStore';
import { CardPicker } from './picking';
import { KeyedStore, sameOffset, type Offset } from './stores';

const author = { authorId: 'u1', authorName: 'Ann' };

/** Two 220 wide cards overlapping (a at 0,0, b at 100,0), b on top. */
function setup() {
  const doc = new Y.Doc();
  const a = addCard(doc, { kind: 'success', x: 0, y: 0, ...author });
  const b = addCard(doc, { kind: 'success', x: 100, y: 0, ...author });
  const store = new BoardStore(doc);
  store.start();
  const local = new KeyedStore<Offset>(sameOffset);
  const remote = new KeyedStore<Offset>(sameOffset);
  const picker = new CardPicker(store, { local, remote });
  const { w, h } = store.getCard(a)!;
  return { doc, store, a, b, w, h, local, remote, picker };
}

describe('CardPicker', () => {
  it('finds the topmost card at a point, following the stacking order', () => {
    const { doc, a, b, picker } = setup();
    expect(picker.cardAt({ x: 150, y: 10 })).toBe(b);
    expect(picker.cardAt({ x: 50, y: 10 })).toBe(a);
    bringCardsToFront(doc, [a]);
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
