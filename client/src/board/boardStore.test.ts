import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bringCardsToFront, deleteCards, linkCards, moveCardsBy, replaceCardText, setCardKind, addFrame } from '@benchlearn/shared';
import { startedStore, testCard } from './testBoard';

function setup() {
  const doc = new Y.Doc();
  const a = testCard(doc, 'success', 0, 0);
  const b = testCard(doc, 'problem', 300, 0);
  const lesson = testCard(doc, 'lesson', 600, 0);
  linkCards(doc, a, lesson, 'u1');
  const store = startedStore(doc);
  const calls = { a: 0, b: 0, order: 0, links: 0 };
  store.subscribeCard(a, () => calls.a++);
  store.subscribeCard(b, () => calls.b++);
  store.subscribeOrder(() => calls.order++);
  store.subscribeLinks(() => calls.links++);
  return { doc, store, a, b, lesson, calls };
}

describe('BoardStore narrow subscriptions', () => {
  it('a moved card notifies that card only, not the list or the links', () => {
    const { doc, store, a, calls } = setup();
    const order = store.getOrder();
    moveCardsBy(doc, [a], 10, 5);
    expect(calls).toEqual({ a: 1, b: 0, order: 0, links: 0 });
    expect(store.getCard(a)?.x).toBe(10);
    expect(store.getOrder()).toBe(order);
  });

  it('any card change reaches the all-cards listeners once per transaction', () => {
    const { doc, store, a, b } = setup();
    let any = 0;
    store.subscribeAnyCard(() => any++);
    doc.transact(() => {
      moveCardsBy(doc, [a], 1, 1);
      replaceCardText(doc, b, 'x');
    });
    expect(any).toBe(1);
    testCard(doc, 'note', 0, 500);
    expect(any).toBe(2);
  });

  it('typing in a card notifies that card only', () => {
    const { doc, store, b, calls } = setup();
    replaceCardText(doc, b, 'hello');
    expect(calls).toEqual({ a: 0, b: 1, order: 0, links: 0 });
    expect(store.getCard(b)?.text).toBe('hello');
  });

  it('restacking changes the order; adding and deleting change order and links', () => {
    const { doc, store, a, b, lesson, calls } = setup();
    expect(store.areOnTop([lesson])).toBe(true);
    expect(store.areOnTop([a])).toBe(false);
    bringCardsToFront(doc, [a]);
    expect(calls.order).toBe(1);
    expect(store.getOrder().at(-1)).toBe(a);
    expect(store.areOnTop([a])).toBe(true);
    expect(store.getLinks().map((l) => l.id)).toEqual([`${a}>${lesson}`]);
    deleteCards(doc, [lesson]);
    expect(store.getLinks()).toEqual([]);
    expect(store.getOrder()).toEqual([b, a]);
    expect(calls.links).toBeGreaterThan(0);
  });

  it('a kind change re-evaluates which links are drawn', () => {
    const { doc, store, b, lesson } = setup();
    linkCards(doc, b, lesson, 'u1');
    expect(store.getLinks()).toHaveLength(2);
    setCardKind(doc, lesson, 'note');
    expect(store.getLinks()).toHaveLength(0);
  });

  it('reads frames and stops listening when destroyed', () => {
    const { doc, store, a, calls } = setup();
    addFrame(doc, { title: 'Lessons', x: 0, y: 0, w: 100, h: 100 });
    expect(store.getFrames().map((f) => f.title)).toEqual(['Lessons']);
    store.destroy();
    moveCardsBy(doc, [a], 1, 1);
    expect(calls.a).toBe(0);
  });

  it('catches up on start after a stop (a React strict-mode remount)', () => {
    const { doc, store, a, calls } = setup();
    store.stop();
    moveCardsBy(doc, [a], 7, 0);
    expect(calls.a).toBe(0);
    store.start();
    expect(calls.a).toBe(1);
    expect(store.getCard(a)?.x).toBe(7);
  });
});
