import * as Y from 'yjs';
import { linkId } from '../model/ids';
import { LINKABLE_FROM_KINDS, type CardKind } from '../model/schemas';
import { boardMaps, type LinkMap, type BoardDocs } from './doc';

export const MAX_LINK_LABEL = 200;

export type LinkRefusal = 'missing-card' | 'self-link' | 'not-to-lesson' | 'not-from-linkable';
export type LinkResult = { ok: true; id: string; created: boolean } | { ok: false; reason: LinkRefusal };

/** Why `from` cannot be linked to `to`, or null when it can (success/problem/note -> lesson). */
export function linkRefusal(fromKind: CardKind | undefined, toKind: CardKind | undefined, self: boolean): LinkRefusal | null {
  if (fromKind === undefined || toKind === undefined) return 'missing-card';
  if (self) return 'self-link';
  if (toKind !== 'lesson') return 'not-to-lesson';
  if (!LINKABLE_FROM_KINDS.includes(fromKind)) return 'not-from-linkable';
  return null;
}

function kindOf(board: BoardDocs, id: string): CardKind | undefined {
  const card = boardMaps(board).cards.get(id);
  return card instanceof Y.Map ? (card.get('kind') as CardKind | undefined) : undefined;
}

/**
 * Links a success, problem or note card to a lesson. The key is `from>to`, so a pair has one
 * link however many people make it at once; linking an existing pair changes nothing.
 */
export function linkCards(board: BoardDocs, from: string, to: string, authorId: string, now: number = Date.now(), label?: string): LinkResult {
  const refusal = linkRefusal(kindOf(board, from), kindOf(board, to), from === to);
  if (refusal) return { ok: false, reason: refusal };
  const id = linkId(from, to);
  const { links } = boardMaps(board);
  if (links.has(id)) return { ok: true, id, created: false };
  board.content.transact(() => {
    const link: LinkMap = new Y.Map<unknown>();
    link.set('from', from);
    link.set('to', to);
    link.set('authorId', authorId);
    link.set('createdAt', now);
    const trimmed = label?.trim().slice(0, MAX_LINK_LABEL);
    if (trimmed) link.set('label', trimmed);
    links.set(id, link);
  });
  return { ok: true, id, created: true };
}

export function unlink(board: BoardDocs, ids: readonly string[]): void {
  const { links } = boardMaps(board);
  board.content.transact(() => {
    for (const id of ids) links.delete(id);
  });
}

export function setLinkLabel(board: BoardDocs, id: string, label: string): void {
  const link = boardMaps(board).links.get(id);
  if (!(link instanceof Y.Map)) return;
  const value = label.trim().slice(0, MAX_LINK_LABEL);
  board.content.transact(() => {
    if (value) link.set('label', value);
    else link.delete('label');
  });
}
