import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardMaps, deleteCards, drawnLinks, linkCards, moveCardsBy, readCards, replaceCardText, setCardKind, unlink } from '@benchlearn/shared';
import { outlineModel, type OutlineModel } from './model';
import { OutlineReader } from './reader';

const author = { authorId: 'u1', authorName: 'Ann' };

/** The model as ids: what the outline shows. */
const shape = (model: OutlineModel) => ({
  groups: model.groups.map((group) => [group.kind, group.cards.map((card) => `${card.id}:${card.x},${card.y}:${card.text}`)]),
  links: [...model.linksByLesson].map(([lesson, links]) => [lesson, links.map((link) => link.id)]),
});

function setup() {
  const doc = new Y.Doc();
  const reader = new OutlineReader(doc);
  const { cards, links } = boardMaps(doc);
  cards.observeDeep((events) => reader.noteCardEvents(events, cards));
  links.observeDeep(() => reader.noteLinksChanged());
  return { doc, reader };
}

describe('OutlineReader', () => {
  it('after any change reads the same model as reading the whole board', () => {
    const { doc, reader } = setup();
    const a = addCard(doc, { kind: 'success', x: 0, y: 0, ...author });
    const b = addCard(doc, { kind: 'problem', x: 300, y: 0, ...author });
    const lesson = addCard(doc, { kind: 'lesson', x: 600, y: 0, ...author });
    const whole = () => shape(outlineModel(readCards(doc), drawnLinks(doc)));
    expect(shape(reader.read())).toEqual(whole());
    const steps = [
      () => linkCards(doc, a, lesson, 'u1'),
      () => linkCards(doc, b, lesson, 'u1'),
      () => moveCardsBy(doc, [b], 0, -100),
      () => replaceCardText(doc, a, 'hello'),
      () => setCardKind(doc, b, 'lesson'),
      () => unlink(doc, [...boardMaps(doc).links.keys()].slice(0, 1)),
      () => deleteCards(doc, [lesson]),
    ];
    for (const step of steps) {
      step();
      expect(shape(reader.read())).toEqual(whole());
    }
  });

  it('re-reads only the cards a change touched', () => {
    const { doc, reader } = setup();
    const a = addCard(doc, { kind: 'success', x: 0, y: 0, ...author });
    const b = addCard(doc, { kind: 'note', x: 300, y: 0, ...author });
    const before = reader.read();
    moveCardsBy(doc, [a], 10, 0);
    const after = reader.read();
    expect(after.cardsById.get(a)).not.toBe(before.cardsById.get(a));
    expect(after.cardsById.get(b)).toBe(before.cardsById.get(b));
  });
});
