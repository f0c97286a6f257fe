/** A piece of a snippet: marked when it is one of the searched words. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * A snippet's text cut at its `[start, end)` marks (the server sends ranges, never markup:
 * board text is never HTML). Marks out of range, overlapping or reversed are clipped or skipped.
 */
export function segments(text: string, marks: readonly (readonly [number, number])[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of [...marks].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.min(rawEnd, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

const MIN_WORD = 4;

/**
 * The searches that find what others learned about a problem being written: the server needs
 * every word of a query, so a whole sentence rarely matches; its few longest words are asked
 * one by one instead (at most `count`, 4 letters or more, no repeats).
 */
export function suggestionQueries(text: string, count = 3): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= MIN_WORD);
  const unique = [...new Set(words)];
  return unique.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, count);
}

/** Entries found by several searches first (then by their best rank), each once. */
export function mergeRanked<T extends { id: string }>(lists: readonly (readonly T[])[], limit = 3): T[] {
  const score = new Map<string, { item: T; hits: number; best: number }>();
  for (const list of lists) {
    list.forEach((item, rank) => {
      const seen = score.get(item.id);
      if (seen) {
        seen.hits += 1;
        seen.best = Math.min(seen.best, rank);
      } else score.set(item.id, { item, hits: 1, best: rank });
    });
  }
  return [...score.values()]
    .sort((a, b) => b.hits - a.hits || a.best - b.best)
    .slice(0, limit)
    .map((entry) => entry.item);
}
