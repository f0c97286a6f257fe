import { stemsOf, wordMatches } from '../storage/stemming';

/** A piece of entry text around the words that matched, with where they are in it. */
export interface Snippet {
  text: string;
  /** [start, end) character ranges of `text` that matched a query word. */
  marks: [number, number][];
}

const CONTEXT = 60;

/**
 * The best piece of `texts` (the lesson first, then its evidence) for the query words: the first
 * text with a match, cut to about CONTEXT characters either side of its first match, every
 * matching word marked. Marks are ranges, not markup, so nothing from a board is ever HTML here.
 */
export function snippetOf(texts: readonly string[], terms: readonly string[]): Snippet | null {
  const queryStems = terms.flatMap((term) => stemsOf(term));
  if (queryStems.length === 0) return null;
  for (const text of texts) {
    const marks: [number, number][] = [];
    for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (wordMatches(match[0], queryStems)) marks.push([match.index, match.index + match[0].length]);
    }
    const first = marks[0];
    if (!first) continue;
    const start = Math.max(0, first[0] - CONTEXT);
    const end = Math.min(text.length, first[1] + CONTEXT);
    const prefix = start > 0 ? '…' : '';
    const shift = prefix.length - start;
    return {
      text: `${prefix}${text.slice(start, end)}${end < text.length ? '…' : ''}`,
      marks: marks.filter(([from, to]) => from >= start && to <= end).map(([from, to]) => [from + shift, to + shift]),
    };
  }
  return null;
}
