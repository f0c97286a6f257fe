import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  boardMaps,
  deleteCards,
  drawnLinks,
  linkCards,
  moveCardsBy,
  readCards,
  replaceCardText,
  setCardKind,
  unlink,
  newBoardDocs,
} from '@benchlearn/shared';
import { compareReadingOrder, outlineModel, type OutlineModel } from './model';
import { OutlineReader } from './reader';
import { BoardStore } from '../editor/boardStore';

const author = { authorId: 'u1', authorName: 'Ann' };

/** The model as ids: what the outline shows. */
const shape = (model: OutlineModel) => ({
  groups: model.groups.map((group) => [group.kind, group.cards.map((card) => `${card.id}:${card.x},${card.y}:${card.text}`)]),
  links: [...model.linksByLesson].map(([lesson, links]) => [lesson, links.map((link) => link.id)]),
});

function setup(compare = compareReadingOrder) {
  const board = newBoardDocs();
  const store = new BoardStore(board);
  store.start();
  const reader = new OutlineReader(store, compare);
  store.subscribeChanges((cards) => reader.noteChanges(cards));
  return { board, reader };
}

describe('OutlineReader', () => {
  it('after any change reads the same model as reading the whole board', () => {
    const { board, reader } = setup();
    const a = addCard(board, { kind: 'success', x: 0, y: 0, ...author });
    const b = addCard(board, { kind: 'problem', x: 300, y: 0, ...author });
    const lesson = addCard(board, { kind: 'lesson', x: 600, y: 0, ...author });
    const whole = () => shape(outlineModel(readCards(board), drawnLinks(board)));
    expect(shape(reader.read())).toEqual(whole());
    const steps = [
      () => linkCards(board, a, lesson, 'u1'),
      () => linkCards(board, b, lesson, 'u1'),
      () => moveCardsBy(board, [b], 0, -100),
      () => replaceCardText(board, a, 'hello'),
      () => setCardKind(board, b, 'lesson'),
      () => unlink(board, [...boardMaps(board).links.keys()].slice(0, 1)),
      () => deleteCards(board, [lesson]),
    ];
    for (const step of steps) {
      step();
      expect(shape(reader.read())).toEqual(whole());
    }
  });

  it('re-reads only the cards a change touched', () => {
    const { board, reader } = setup();
    const a = addCard(board, { kind: 'success', x: 0, y: 0, ...author });
    const b = addCard(board, { kind: 'note', x: 300, y: 0, ...author });
    const before = reader.read();
    moveCardsBy(board, [a], 10, 0);
    const after = reader.read();
    expect(after.cardsById.get(a)).not.toBe(before.cardsById.get(a));
    expect(after.cardsById.get(b)).toBe(before.cardsById.get(b));
  });

  it('keeps reading order through many random changes, as reading the whole board does', () => {
    const { board, reader } = setup();
    // A small deterministic generator: the same sequence on every run.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const kinds = ['success', 'problem', 'lesson', 'note'] as const;
    const ids: string[] = [];
    for (let i = 0; i < 200; i++)
      ids.push(addCard(board, { kind: kinds[i % 4]!, x: Math.floor(random() * 10) * 100, y: Math.floor(random() * 10) * 100, ...author }));
    const whole = () => shape(outlineModel(readCards(board), drawnLinks(board)));
    expect(shape(reader.read())).toEqual(whole());
    for (let step = 0; step < 300; step++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const roll = random();
      // Moves onto the same grid points often: ties in reading order are decided by id.
      if (roll < 0.5) moveCardsBy(board, [id], Math.floor(random() * 5 - 2) * 100, Math.floor(random() * 5 - 2) * 100);
      else if (roll < 0.6) replaceCardText(board, id, `text ${step}`);
      // A kind change can make a link drawn or not drawn.
      else if (roll < 0.7) setCardKind(board, id, kinds[Math.floor(random() * 4)]!);
      else if (roll < 0.8) linkCards(board, id, ids[Math.floor(random() * ids.length)]!, 'u1');
      else if (roll < 0.9) {
        deleteCards(board, [id]);
        ids.splice(ids.indexOf(id), 1);
      } else ids.push(addCard(board, { kind: 'note', x: Math.floor(random() * 10) * 100, y: 0, ...author }));
      // Several changes between reads, as remote edits arriving within one frame.
      if (step % 3 === 2) expect(shape(reader.read())).toEqual(whole());
    }
    expect(shape(reader.read())).toEqual(whole());
  });

  it('after a move, puts the card back in order without sorting the whole board again', () => {
    let comparisons = 0;
    const { board, reader } = setup((a, b) => {
      comparisons += 1;
      return compareReadingOrder(a, b);
    });
    const ids = Array.from({ length: 2000 }, (_, i) => addCard(board, { kind: 'note', x: (i % 50) * 260, y: Math.floor(i / 50) * 180, ...author }));
    reader.read();
    comparisons = 0;
    moveCardsBy(board, [ids[1234]!], 0, -2000);
    reader.read();
    // Two binary searches over 2,000 cards: about 2 x 11; a sort is some 20,000.
    expect(comparisons).toBeLessThan(50);
  });

  it('stops drawing a link whose lesson became another kind, also when no link changed', () => {
    const { board, reader } = setup();
    const success = addCard(board, { kind: 'success', x: 0, y: 0, ...author });
    const lesson = addCard(board, { kind: 'lesson', x: 300, y: 0, ...author });
    linkCards(board, success, lesson, 'u1');
    expect(reader.read().linksByLesson.get(lesson)).toHaveLength(1);
    // Written straight into the card, as a client outside shared's board API could: the link stays in the document.
    (boardMaps(board).cards.get(lesson) as Y.Map<unknown>).set('kind', 'note');
    expect(boardMaps(board).links.size).toBe(1);
    expect(reader.read().linksByLesson.size).toBe(0);
  });
});
