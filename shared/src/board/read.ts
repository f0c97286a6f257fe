import * as Y from 'yjs';
import {
  CARD_KINDS,
  LINKABLE_FROM_KINDS,
  LOCALES,
  type Card,
  type CardKind,
  type CardSource,
  type Frame,
  type Link,
  type Locale,
  type Meta,
} from '../model/schemas';
import { boardMaps, isFiniteNumber, stringOr, type BoardDocs, type CardMap, type FrameMap, type LinkMap } from './doc';
import { compareStacking } from './order';
import { MAX_TITLE_LENGTH } from '../protocol/limits';

function isCardKind(value: unknown): value is CardKind {
  return typeof value === 'string' && (CARD_KINDS as readonly string[]).includes(value);
}

export function readMeta(board: BoardDocs): Meta {
  const meta = boardMaps(board).meta;
  const locale = meta.get('locale');
  return {
    schema: isFiniteNumber(meta.get('schema')) ? (meta.get('schema') as number) : 0,
    title: stringOr(meta.get('title'), ''),
    template: stringOr(meta.get('template'), 'blank'),
    createdAt: isFiniteNumber(meta.get('createdAt')) ? (meta.get('createdAt') as number) : 0,
    locale: (LOCALES as readonly unknown[]).includes(locale) ? (locale as Locale) : 'en',
  };
}

/**
 * A card as plain data, or null when the entry is not a drawable card (a foreign client may
 * have written anything; such entries are kept, but not drawn).
 */
export function readCard(id: string, map: CardMap | undefined): Card | null {
  if (!(map instanceof Y.Map)) return null;
  const kind = map.get('kind');
  const { x, y, w, h } = { x: map.get('x'), y: map.get('y'), w: map.get('w'), h: map.get('h') };
  if (!isCardKind(kind) || !isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(w) || !isFiniteNumber(h)) {
    return null;
  }
  const text = map.get('text');
  const card: Card = {
    id,
    kind,
    text: text instanceof Y.Text ? text.toString() : '',
    x,
    y,
    w,
    h,
    z: stringOr(map.get('z'), 'a0'),
    authorId: stringOr(map.get('authorId'), ''),
    authorName: stringOr(map.get('authorName'), ''),
    createdAt: isFiniteNumber(map.get('createdAt')) ? (map.get('createdAt') as number) : 0,
  };
  const org = map.get('org');
  if (typeof org === 'string' && org.length > 0) card.org = org;
  const source = readCardSource(map.get('source'));
  if (source) card.source = source;
  const votes = map.get('votes');
  if (votes instanceof Y.Map && votes.size > 0) {
    const plain: Record<string, number> = {};
    votes.forEach((value, voter) => {
      if (isFiniteNumber(value) && value > 0) plain[voter] = value;
    });
    if (Object.keys(plain).length > 0) card.votes = plain;
  }
  return card;
}

const isText = (value: unknown, max: number, min = 0): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
const isCount = (value: unknown, min: number, max: number): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/**
 * A card's library source (a plain JSON value written whole), or null when absent or not the
 * model's shape (a foreign client may write anything; such a value is kept, but not read).
 */
export function readCardSource(value: unknown): CardSource | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { entryId, version, networkId, boardTitle, evidence } = value as Record<string, unknown>;
  if (!isText(entryId, 64, 1) || !isText(networkId, 64, 1) || !isText(boardTitle, MAX_TITLE_LENGTH)) return null;
  if (!isCount(version, 1, 1e9) || !isCount(evidence, 0, 1e6)) return null;
  return { entryId, version, networkId, boardTitle, evidence };
}

/** Every drawable card, in stacking order (bottom first). */
export function readCards(board: BoardDocs): Card[] {
  const cards: Card[] = [];
  boardMaps(board).cards.forEach((map, id) => {
    const card = readCard(id, map);
    if (card) cards.push(card);
  });
  return cards.sort(compareStacking);
}

export function readLink(id: string, map: LinkMap | undefined): Link | null {
  if (!(map instanceof Y.Map)) return null;
  const from = map.get('from');
  const to = map.get('to');
  if (typeof from !== 'string' || typeof to !== 'string') return null;
  const link: Link = {
    id,
    from,
    to,
    authorId: stringOr(map.get('authorId'), ''),
    createdAt: isFiniteNumber(map.get('createdAt')) ? (map.get('createdAt') as number) : 0,
  };
  const label = map.get('label');
  if (typeof label === 'string' && label.length > 0) link.label = label;
  return link;
}

/** Every link entry, drawn or not. */
export function readLinks(board: BoardDocs): Link[] {
  const links: Link[] = [];
  boardMaps(board).links.forEach((map, id) => {
    const link = readLink(id, map);
    if (link) links.push(link);
  });
  return links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Whether a link is drawn: both ends exist, `from` may link, `to` is a lesson. Concurrent
 * edits can leave a link whose card was deleted or changed kind elsewhere at the same moment;
 * such a link stays in the document (harmless) but is never drawn, counted or exported.
 */
export function isDrawnLink(link: Link, cardsById: ReadonlyMap<string, Card>): boolean {
  const from = cardsById.get(link.from);
  const to = cardsById.get(link.to);
  return from !== undefined && to !== undefined && link.from !== link.to && to.kind === 'lesson' && LINKABLE_FROM_KINDS.includes(from.kind);
}

export function cardsById(cards: readonly Card[]): Map<string, Card> {
  return new Map(cards.map((card) => [card.id, card]));
}

export function drawnLinks(board: BoardDocs, cards: readonly Card[] = readCards(board)): Link[] {
  const byId = cardsById(cards);
  return readLinks(board).filter((link) => isDrawnLink(link, byId));
}

export function readFrame(id: string, map: FrameMap | undefined): Frame | null {
  if (!(map instanceof Y.Map)) return null;
  const { x, y, w, h } = { x: map.get('x'), y: map.get('y'), w: map.get('w'), h: map.get('h') };
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(w) || !isFiniteNumber(h)) return null;
  const frame: Frame = { id, title: stringOr(map.get('title'), ''), x, y, w, h, z: stringOr(map.get('z'), 'a0') };
  const color = map.get('color');
  if (typeof color === 'string' && color.length > 0) frame.color = color;
  return frame;
}

export function readFrames(board: BoardDocs): Frame[] {
  const frames: Frame[] = [];
  boardMaps(board).frames.forEach((map, id) => {
    const frame = readFrame(id, map);
    if (frame) frames.push(frame);
  });
  return frames.sort(compareStacking);
}

export interface BoardCounts {
  success: number;
  problem: number;
  lesson: number;
  note: number;
  links: number;
}

export function boardCounts(board: BoardDocs): BoardCounts {
  const cards = readCards(board);
  const counts: BoardCounts = { success: 0, problem: 0, lesson: 0, note: 0, links: 0 };
  for (const card of cards) counts[card.kind] += 1;
  counts.links = drawnLinks(board, cards).length;
  return counts;
}

/** The top z among cards (or frames), for putting something new on top. */
export function topZ(entries: Y.Map<Y.Map<unknown>>): string | null {
  let top: string | null = null;
  entries.forEach((map) => {
    const z = map instanceof Y.Map ? map.get('z') : undefined;
    if (typeof z === 'string' && (top === null || z > top)) top = z;
  });
  return top;
}
