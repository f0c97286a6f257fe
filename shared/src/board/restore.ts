import * as Y from 'yjs';
import type { Card, Frame, Link } from '../model/schemas';
import { addCard, deleteCards, replaceCardText, setCardBounds, setCardKind, setCardOrg } from './cards';
import { setBoardTitle } from './create';
import { boardMaps, transactBoard, type BoardDocs } from './doc';
import { addFrame, deleteFrames, updateFrame } from './frames';
import { linkCards, setLinkLabel, unlink } from './links';
import { readCards, readFrames, readLink, readLinks, readMeta } from './read';
import { setVote } from './votes';

/** What a board holds, as plain data: what a snapshot or an export brings back. */
export interface BoardContent {
  title: string;
  cards: readonly Card[];
  links: readonly Link[];
  frames: readonly Frame[];
}

/**
 * Turns the document into `target` as one new change: the smallest set of edits (cards, links
 * and frames added, changed or deleted, ids kept) in one transaction per document. History is not rewritten,
 * so the edit syncs to every client like any other and can itself be undone by restoring
 * again. Links of the target whose ends are not drawable cards are skipped.
 */
export function restoreBoard(board: BoardDocs, target: BoardContent): void {
  const { cards: cardMaps } = boardMaps(board);
  const targetCards = new Map(target.cards.map((card) => [card.id, card]));
  const targetLinks = new Map(target.links.map((link) => [`${link.from}>${link.to}`, link]));
  const targetFrames = new Map(target.frames.map((frame) => [frame.id, frame]));

  transactBoard(board, () => {
    if (readMeta(board).title !== target.title) setBoardTitle(board, target.title);

    // Links first: a link that is not in the target goes, including undrawn leftovers.
    const currentLinks = readLinks(board);
    const unreadable: string[] = [];
    boardMaps(board).links.forEach((map, key) => {
      if (!readLink(key, map)) unreadable.push(key);
    });
    unlink(board, unreadable);
    const misplaced = (link: Link) => link.id !== `${link.from}>${link.to}`;
    unlink(
      board,
      currentLinks.filter((link) => misplaced(link) || !targetLinks.has(link.id)).map((link) => link.id),
    );
    // Every card the target lacks goes, with its links; so do entries that are not drawable
    // cards (a foreign client's), which no export holds.
    const doomed: string[] = [];
    cardMaps.forEach((_map, id) => {
      if (!targetCards.has(id)) doomed.push(id);
    });
    deleteCards(board, doomed);

    const current = new Map(readCards(board).map((card) => [card.id, card]));
    for (const card of target.cards) {
      const now = current.get(card.id);
      if (!now) {
        cardMaps.delete(card.id);
        addCard(
          board,
          {
            kind: card.kind,
            x: card.x,
            y: card.y,
            w: card.w,
            h: card.h,
            text: card.text,
            authorId: card.authorId,
            authorName: card.authorName,
            org: card.org,
            z: card.z,
            votes: card.votes,
          },
          card.id,
          card.createdAt,
        );
        continue;
      }
      updateCard(board, now, card);
    }

    const linksNow = new Map(readLinks(board).map((link) => [link.id, link]));
    for (const [key, link] of targetLinks) {
      const existing = linksNow.get(key);
      if (!existing) {
        linkCards(board, link.from, link.to, link.authorId, link.createdAt, link.label);
        continue;
      }
      if ((existing.label ?? '') !== (link.label ?? '')) setLinkLabel(board, key, link.label ?? '');
      // The pair was unlinked and linked again by someone else since: who and when go back too.
      const map = boardMaps(board).links.get(key);
      if (map && existing.authorId !== link.authorId) map.set('authorId', link.authorId);
      if (map && existing.createdAt !== link.createdAt) map.set('createdAt', link.createdAt);
    }

    const framesNow = new Map(readFrames(board).map((frame) => [frame.id, frame]));
    const frameIds: string[] = [];
    boardMaps(board).frames.forEach((_map, id) => {
      if (!targetFrames.has(id) || !framesNow.has(id)) frameIds.push(id);
    });
    deleteFrames(board, frameIds);
    for (const frame of target.frames) {
      if (framesNow.has(frame.id)) {
        updateFrame(board, frame.id, { title: frame.title, x: frame.x, y: frame.y, w: frame.w, h: frame.h, z: frame.z, color: frame.color ?? '' });
      } else {
        const { id, ...fields } = frame;
        addFrame(board, fields, id);
      }
    }
  });
}

function updateCard(board: BoardDocs, now: Card, card: Card): void {
  const map = boardMaps(board).cards.get(card.id);
  if (!(map instanceof Y.Map)) return;
  if (now.kind !== card.kind) setCardKind(board, card.id, card.kind);
  if (now.x !== card.x || now.y !== card.y || now.w !== card.w || now.h !== card.h) {
    setCardBounds(board, [{ id: card.id, x: card.x, y: card.y, w: card.w, h: card.h }]);
  }
  if (now.text !== card.text) replaceCardText(board, card.id, card.text);
  if ((now.org ?? '') !== (card.org ?? '')) setCardOrg(board, card.id, card.org ?? '');
  // Who made a card and when, and its place in the stack, are not edited by any tool but may
  // differ from a board written by a foreign client: set back as they were.
  if (now.z !== card.z) map.set('z', card.z);
  if (now.authorId !== card.authorId) map.set('authorId', card.authorId);
  if (now.authorName !== card.authorName) map.set('authorName', card.authorName);
  if (now.createdAt !== card.createdAt) map.set('createdAt', card.createdAt);
  const voters = new Set([...Object.keys(now.votes ?? {}), ...Object.keys(card.votes ?? {})]);
  for (const voter of voters) {
    const want = countOf(card.votes, voter);
    if (countOf(now.votes, voter) !== want) setVote(board, card.id, voter, want);
  }
}

/** A voter's dots; an own property only (a voter id such as `constructor` is data, not a lookup). */
function countOf(votes: Readonly<Record<string, number>> | undefined, voter: string): number {
  return votes && Object.prototype.hasOwnProperty.call(votes, voter) ? (votes[voter] ?? 0) : 0;
}
