import { CARD_KINDS, LINKABLE_FROM_KINDS, type Card, type CardKind, type Link } from '@benchlearn/shared';

/** The outline's order of kinds: lessons first, as they are what a session produces. */
export const OUTLINE_KIND_ORDER: readonly CardKind[] = ['lesson', 'success', 'problem', 'note'];

export interface OutlineGroup {
  kind: CardKind;
  cards: Card[];
}

export interface OutlineModel {
  groups: OutlineGroup[];
  lessons: Card[];
  cardsById: ReadonlyMap<string, Card>;
  /** Drawn links into each lesson, by lesson id. */
  linksByLesson: ReadonlyMap<string, Link[]>;
  /** Lessons each card already links to, by card id. */
  lessonsByCard: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Reading order on the board: top to bottom, then left to right; ties by id (stable for everyone). */
export function compareReadingOrder(a: Card, b: Card): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Groups cards by kind and links by lesson; `links` are the drawn ones (shared drawnLinks). */
export function outlineModel(cards: readonly Card[], links: readonly Link[]): OutlineModel {
  return outlineModelOfSorted([...cards].sort(compareReadingOrder), links);
}

/** outlineModel of cards already in reading order (the OutlineReader keeps them so). */
export function outlineModelOfSorted(sorted: readonly Card[], links: readonly Link[]): OutlineModel {
  // One pass over the cards: a big board is read often (remote edits), so no pass is repeated.
  const byKind = new Map<CardKind, Card[]>(OUTLINE_KIND_ORDER.map((kind) => [kind, []]));
  const cardsById = new Map<string, Card>();
  for (const card of sorted) {
    byKind.get(card.kind)?.push(card);
    cardsById.set(card.id, card);
  }
  const groups = OUTLINE_KIND_ORDER.map((kind) => ({ kind, cards: byKind.get(kind)! }));
  const linksByLesson = new Map<string, Link[]>();
  const lessonsByCard = new Map<string, Set<string>>();
  for (const link of links) {
    const into = linksByLesson.get(link.to) ?? [];
    into.push(link);
    linksByLesson.set(link.to, into);
    const lessons = lessonsByCard.get(link.from) ?? new Set<string>();
    lessons.add(link.to);
    lessonsByCard.set(link.from, lessons);
  }
  // Under a lesson, linked cards in the order their cards appear in the outline.
  const position = new Map<string, number>();
  for (const group of groups) for (const card of group.cards) position.set(card.id, position.size);
  for (const list of linksByLesson.values()) {
    if (list.length > 1) list.sort((a, b) => (position.get(a.from) ?? 0) - (position.get(b.from) ?? 0));
  }
  return { groups, lessons: groups[0]!.cards, cardsById, linksByLesson, lessonsByCard };
}

export function canLinkFrom(kind: CardKind): boolean {
  return LINKABLE_FROM_KINDS.includes(kind);
}

/** A card's text on one line, cut to `max` characters, for option labels and names. */
export function shortText(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export const isCardKind = (value: string): value is CardKind => (CARD_KINDS as readonly string[]).includes(value);

/**
 * The outline's groups as the finder and the votes arrange them: only the matching cards while
 * something is searched or filtered, and most votes first once a round's votes are revealed
 * (ties keep the reading order).
 */
export function arrangeGroups(groups: readonly OutlineGroup[], matches: ReadonlySet<string> | null, votesOf: ((id: string) => number) | null): OutlineGroup[] {
  return groups.map((group) => {
    let cards = matches ? group.cards.filter((card) => matches.has(card.id)) : group.cards;
    if (votesOf)
      cards = cards
        .map((card, i) => ({ card, i, votes: votesOf(card.id) }))
        .sort((a, b) => b.votes - a.votes || a.i - b.i)
        .map((entry) => entry.card);
    return { kind: group.kind, cards };
  });
}
