import { readMeta, drawnLinks } from '../board/read';
import type { BoardDocs } from '../board/doc';
import { readSession, readShownCards } from '../board/session';
import { votesTotal } from '../board/votes';
import type { Card, Locale } from '../model/schemas';

/** One linked success or problem (or note) that backs a lesson in the library. */
export interface LibraryEvidence {
  kind: Card['kind'];
  text: string;
  organisation: string | null;
  votes: number;
  /** The person who wrote it; only when the board is not in anonymous mode. */
  author?: string;
}

/** What a board contributes to its network's library for one lesson card (before it is stored). */
export interface LibraryEntryDraft {
  lessonId: string;
  text: string;
  organisation: string | null;
  votes: number;
  author?: string;
  evidence: LibraryEvidence[];
  /** Every organisation named by the lesson or its evidence, sorted. */
  organisations: string[];
  tags: string[];
  boardId: string;
  boardTitle: string;
  language: Locale;
  publishedAt: number;
}

export interface PublishChoice {
  /** Lesson card ids; left out: every lesson with at least one linked card. */
  lessons?: readonly string[];
  tags?: readonly string[];
  boardId: string;
  now: number;
}

const voteTotal = (card: Card) => votesTotal(card.votes);

/**
 * The library entries a board publishes: its lessons with their linked evidence, as the reports
 * show them (readShownCards): names of people only when the board is not in anonymous mode,
 * votes of a running round only once revealed. Publishing never shows more than the room did. Lessons asked for that are not lessons are left out;
 * the caller compares the counts.
 */
export function libraryDrafts(board: BoardDocs, choice: PublishChoice): LibraryEntryDraft[] {
  const cards = readShownCards(board);
  const byId = new Map(cards.map((card) => [card.id, card]));
  const evidenceOf = new Map<string, Card[]>();
  for (const link of drawnLinks(board, cards)) {
    const from = byId.get(link.from);
    if (!from) continue;
    const list = evidenceOf.get(link.to) ?? [];
    if (!list.includes(from)) list.push(from);
    evidenceOf.set(link.to, list);
  }
  const named = !readSession(board).anonymous;
  const meta = readMeta(board);
  const wanted = choice.lessons ? new Set(choice.lessons) : null;
  const lessons = cards.filter((card) => card.kind === 'lesson' && (wanted ? wanted.has(card.id) : (evidenceOf.get(card.id)?.length ?? 0) > 0));
  const tags = [...new Set((choice.tags ?? []).map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))].sort();
  return lessons.map((lesson) => {
    const evidence = (evidenceOf.get(lesson.id) ?? []).map((card): LibraryEvidence => ({
      kind: card.kind,
      text: card.text,
      organisation: card.org ?? null,
      votes: voteTotal(card),
      ...(named && card.authorName ? { author: card.authorName } : {}),
    }));
    const organisations = new Set<string>();
    if (lesson.org) organisations.add(lesson.org);
    for (const item of evidence) if (item.organisation) organisations.add(item.organisation);
    return {
      lessonId: lesson.id,
      text: lesson.text,
      organisation: lesson.org ?? null,
      votes: voteTotal(lesson),
      ...(named && lesson.authorName ? { author: lesson.authorName } : {}),
      evidence,
      organisations: [...organisations].sort(),
      tags,
      boardId: choice.boardId,
      boardTitle: meta.title,
      language: meta.locale,
      publishedAt: choice.now,
    };
  });
}

export * from './schemas';
export * from './overview';
