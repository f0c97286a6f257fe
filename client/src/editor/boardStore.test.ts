import { describe, expect, it } from 'vitest';
import { bringCardsToFront, deleteCards, linkCards, moveCardsBy, replaceCardText, setCardKind, addFrame, newBoardDocs } from '@benchlearn/shared';
import { startedStore, testCard } from './testBoard';

function setup() {
  const board = newBoardDocs();
  const a = testCard(board, 'success', 0, 0);
  const b = testCard(board, 'problem', 300, 0);
  const lesson = testCard(board, 'lesson', 600, 0);
  linkCards(board, a, lesson, 'u1');
  const store = startedStore(board);
  const calls = { a: 0, b: 0, order: 0, links: 0 };
  store.subscribeCard(a, () => calls.a++);
  store.subscribeCard(b, () => calls.b++);
  store.subscribeOrder(() => calls.order++);
  store.subscribeLinks(() => calls.links++);
  return { board, store, a, b, lesson, calls };
}

describe('BoardStore narrow subscriptions', () => {
  it('a moved card notifies that card only, not the list or the links', () => {
    const { board, store, a, calls } = setup();
    const order = store.getOrder();
    moveCardsBy(board, [a], 10, 5);
    expect(calls).toEqual({ a: 1, b: 0, order: 0, links: 0 });
    expect(store.getCard(a)?.x).toBe(10);
    expect(store.getOrder()).toBe(order);
  });

  it('any card change reaches the all-cards listeners once per transaction', () => {
    const { board, store, a, b } = setup();
    let any = 0;
    store.subscribeAnyCard(() => any++);
    board.content.transact(() => {
      moveCardsBy(board, [a], 1, 1);
      replaceCardText(board, b, 'x');
    });
    expect(any).toBe(1);
    testCard(board, 'note', 0, 500);
    expect(any).toBe(2);
  });

  it('typing in a card notifies that card only', () => {
    const { board, store, b, calls } = setup();
    replaceCardText(board, b, 'hello');
    expect(calls).toEqual({ a: 0, b: 1, order: 0, links: 0 });
    expect(store.getCard(b)?.text).toBe('hello');
  });

  it('restacking changes the order; adding and deleting change order and links', () => {
    const { board, store, a, b, lesson, calls } = setup();
    expect(store.areOnTop([lesson])).toBe(true);
    expect(store.areOnTop([a])).toBe(false);
    bringCardsToFront(board, [a]);
    expect(calls.order).toBe(1);
    expect(store.getOrder().at(-1)).toBe(a);
    expect(store.areOnTop([a])).toBe(true);
    expect(store.getLinks().map((l) => l.id)).toEqual([`${a}>${lesson}`]);
    deleteCards(board, [lesson]);
    expect(store.getLinks()).toEqual([]);
    expect(store.getOrder()).toEqual([b, a]);
    expect(calls.links).toBeGreaterThan(0);
  });

  it('a kind change re-evaluates which links are drawn', () => {
    const { board, store, b, lesson } = setup();
    linkCards(board, b, lesson, 'u1');
    expect(store.getLinks()).toHaveLength(2);
    setCardKind(board, lesson, 'note');
    expect(store.getLinks()).toHaveLength(0);
  });

  it('reads frames and stops listening when destroyed', () => {
    const { board, store, a, calls } = setup();
    addFrame(board, { title: 'Lessons', x: 0, y: 0, w: 100, h: 100 });
    expect(store.getFrames().map((f) => f.title)).toEqual(['Lessons']);
    store.destroy();
    moveCardsBy(board, [a], 1, 1);
    expect(calls.a).toBe(0);
  });

  it('catches up on start after a stop (a React strict-mode remount)', () => {
    const { board, store, a, calls } = setup();
    store.stop();
    moveCardsBy(board, [a], 7, 0);
    expect(calls.a).toBe(0);
    store.start();
    expect(calls.a).toBe(1);
    expect(store.getCard(a)?.x).toBe(7);
  });
});

describe('BoardStore change feed and card list', () => {
  it('tells which cards a change touched, and that links changed', () => {
    const { board, store, a, b, lesson } = setup();
    const changes: Array<[string[] | null, boolean]> = [];
    store.subscribeChanges((cards, links) => changes.push([cards ? [...cards].sort() : null, links]));
    moveCardsBy(board, [a, b], 1, 1);
    linkCards(board, b, lesson, 'u1');
    deleteCards(board, [a]);
    expect(changes[0]).toEqual([[a, b].sort(), false]);
    expect(changes[1]).toEqual([[], true]);
    // The deleted card's links go with it: the card and the links, one transaction, two events.
    expect(changes.slice(2).some(([cards]) => cards?.includes(a))).toBe(true);
  });

  it('after a restart tells every listener to read everything again', () => {
    const { board, store, a } = setup();
    const changes: Array<ReadonlySet<string> | null> = [];
    store.subscribeChanges((cards) => changes.push(cards));
    store.stop();
    moveCardsBy(board, [a], 5, 5);
    expect(changes).toEqual([]);
    store.start();
    expect(changes).toEqual([null]);
    expect(store.getCard(a)?.x).toBe(5);
  });

  it('keeps one card list until a card changes, in stacking order', () => {
    const { board, store, a, b, lesson } = setup();
    const list = store.getCards();
    expect(store.getCards()).toBe(list);
    expect(list.map((card) => card.id)).toEqual([a, b, lesson]);
    bringCardsToFront(board, [a]);
    const raised = store.getCards();
    expect(raised).not.toBe(list);
    expect(raised.map((card) => card.id)).toEqual([b, lesson, a]);
    expect(store.cardsById.get(a)).toBe(raised[2]);
  });

  it('a listener that unsubscribes hears nothing more', () => {
    const { board, store, a } = setup();
    let heard = 0;
    const stop = store.subscribeChanges(() => heard++);
    moveCardsBy(board, [a], 1, 0);
    stop();
    moveCardsBy(board, [a], 1, 0);
    expect(heard).toBe(1);
  });
});

describe('BoardStore derived views inside listeners', () => {
  it('a listener of one card already reads the new list and order (nothing stale is cached)', () => {
    const { board, store, a, b, lesson } = setup();
    const seen: string[][] = [];
    store.subscribeCard(a, () => seen.push(store.getCards().map((card) => card.id)));
    store.subscribeAnyCard(() => seen.push([...store.getOrder()]));
    bringCardsToFront(board, [a]);
    expect(seen).toEqual([
      [b, lesson, a],
      [b, lesson, a],
    ]);
    expect(store.getCards().map((card) => card.id)).toEqual([b, lesson, a]);
  });

  it('cards that arrive in one transaction are all in the list the first listener reads', () => {
    const board = newBoardDocs();
    const store = startedStore(board);
    const sizes: number[] = [];
    store.subscribeAnyCard(() => sizes.push(store.getCards().length));
    board.content.transact(() => {
      for (let i = 0; i < 5; i++) testCard(board, 'note', i * 300, 0);
    });
    expect(sizes).toEqual([5]);
  });
});
