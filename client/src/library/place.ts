import { addCard, DEFAULT_CARD_SIZE, linkCards, MAX_CARD_TEXT, type CardSource } from '@benchlearn/shared';
import type { Editor } from '../editor/Editor';
import { freeSpot } from '../editor/geometry';
import type { LibraryEntry } from '../platform/library';

/** What a lesson card placed from this entry keeps of it (docs/model.md, "Card source"). */
export function sourceOf(entry: LibraryEntry, networkId: string): CardSource {
  return {
    entryId: entry.id.slice(0, 64),
    version: entry.version,
    networkId: networkId.slice(0, 64),
    boardTitle: entry.boardTitle.slice(0, 200),
    evidence: entry.evidence.length,
  };
}

/**
 * Places a library entry on the board as a lesson card with its source, and links `linkFrom`
 * (a problem being written) to it: one undo step. Beside that card, else in the middle of the
 * view, never over other cards. Returns the new card's id, selected; null when read-only.
 */
export function placeEntry(editor: Editor, entry: LibraryEntry, networkId: string, linkFrom: string | null = null): string | null {
  if (!editor.editable) return null;
  const size = DEFAULT_CARD_SIZE.lesson;
  const from = linkFrom ? editor.store.getCard(linkFrom) : undefined;
  const center = from
    ? { x: from.x + from.w + 80 + size.w / 2, y: from.y + from.h / 2 }
    : (editor.canvas.get()?.viewCenter() ?? { x: size.w / 2, y: size.h / 2 });
  const spot = freeSpot({ x: Math.round(center.x - size.w / 2), y: Math.round(center.y - size.h / 2) }, size, editor.store.getCards());
  const identity = editor.identity.get();
  const author = editor.session.get()?.author ?? { authorId: identity.id, authorName: identity.name };
  const id = editor.write(() => {
    const card = addCard(editor.board, {
      kind: 'lesson',
      ...spot,
      text: entry.text.slice(0, MAX_CARD_TEXT),
      authorId: author.authorId,
      authorName: author.authorName,
      ...(entry.organisation ? { org: entry.organisation.slice(0, 200) } : {}),
      source: sourceOf(entry, networkId),
    });
    if (from) linkCards(editor.board, from.id, card, author.authorId);
    return card;
  });
  editor.select([id]);
  return id;
}
