import * as Y from 'yjs';
import {
  addCard,
  addFrame,
  boardMaps,
  cardText,
  deleteCards,
  deleteFrames,
  linkCards,
  moveCardsBy,
  setBoardTitle,
  setCardBounds,
  setVote,
  unlink,
  updateFrame,
  type BoardDocs,
  type CardKind,
} from '@benchlearn/shared';

// Random editing as people do it, drawn from a seeded PRNG: what each editor does is replayed by
// the seed (when it lands relative to the others depends on the machine).

const KINDS: readonly CardKind[] = ['success', 'problem', 'lesson', 'note'];
const WORDS = ['shared', 'bikes', 'start', 'small', 'budget', 'lesson', 'pilot', 'teams', 'data', 'trust'];

const pick = <T>(random: () => number, items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[Math.floor(random() * items.length)]);

/** One random editor's change to the content document (cards, text, moves, links, votes, deletes). */
export function randomContentEdit(board: BoardDocs, random: () => number, who: { id: string; name: string }): string {
  const { cards, links } = boardMaps(board);
  const ids = [...cards.keys()];
  const roll = random();
  // Adds outweigh deletes so the board stays populated.
  if (ids.length < 4 || roll < 0.16) {
    addCard(board, {
      kind: pick(random, KINDS)!,
      x: Math.round(random() * 2000),
      y: Math.round(random() * 1200),
      text: `${pick(random, WORDS)} ${pick(random, WORDS)}`,
      authorId: who.id,
      authorName: who.name,
    });
    return 'add';
  }
  const card = pick(random, ids)!;
  if (roll < 0.42) {
    const text = cardText(board, card);
    if (!text) return 'none';
    if (text.length > 20 && random() < 0.3) {
      const at = Math.floor(random() * (text.length - 3));
      text.delete(at, 1 + Math.floor(random() * 3));
      return 'erase';
    }
    text.insert(Math.floor(random() * (text.length + 1)), `${pick(random, WORDS)} `);
    return 'type';
  }
  if (roll < 0.56) {
    if (random() < 0.5) moveCardsBy(board, [card], Math.round(random() * 80 - 40), Math.round(random() * 80 - 40));
    else setCardBounds(board, [{ id: card, x: Math.round(random() * 2000), y: Math.round(random() * 1200), w: 120 + Math.round(random() * 200) }]);
    return 'move';
  }
  if (roll < 0.68) {
    const lessons = ids.filter((id) => cards.get(id)?.get('kind') === 'lesson');
    const lesson = pick(random, lessons);
    if (!lesson) return 'none';
    linkCards(board, card, lesson, who.id);
    return 'link';
  }
  if (roll < 0.74) {
    const link = pick(random, [...links.keys()]);
    if (!link) return 'none';
    unlink(board, [link]);
    return 'unlink';
  }
  if (roll < 0.86) {
    setVote(board, card, who.id, Math.floor(random() * 4));
    return 'vote';
  }
  deleteCards(board, [card]);
  return 'delete';
}

/** One random facilitator's change to the control document (frames, the title). */
export function randomControlEdit(board: BoardDocs, random: () => number): string {
  const { frames } = boardMaps(board);
  const ids = [...frames.keys()];
  const roll = random();
  if (ids.length < 2 || roll < 0.25) {
    addFrame(board, { title: `${pick(random, WORDS)}`, x: Math.round(random() * 2000), y: Math.round(random() * 1200), w: 400, h: 300 });
    return 'add-frame';
  }
  const frame = pick(random, ids)!;
  if (roll < 0.6) {
    updateFrame(board, frame, {
      x: Math.round(random() * 2000),
      y: Math.round(random() * 1200),
      title: `${pick(random, WORDS)} ${Math.floor(random() * 100)}`,
    });
    return 'move-frame';
  }
  if (roll < 0.8) {
    setBoardTitle(board, `Convergence ${pick(random, WORDS)}`);
    return 'title';
  }
  deleteFrames(board, [frame]);
  return 'delete-frame';
}

/** Both documents of a board as one update each (to start a fresh replica from one). */
export function copyBoard(board: BoardDocs): BoardDocs {
  const copy = { content: new Y.Doc(), control: new Y.Doc() };
  Y.applyUpdate(copy.content, Y.encodeStateAsUpdate(board.content));
  Y.applyUpdate(copy.control, Y.encodeStateAsUpdate(board.control));
  return copy;
}
