import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';

/** Words as the library searches them: runs of letters and digits, lower case. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A word's Snowball stems in Dutch and English (one or two). The library is mixed-language and a
 * query's language is unknown, so both are indexed and both are searched.
 */
export function stemsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const nl = dutch(lower);
  const en = english(lower);
  return nl === en ? [nl] : [nl, en];
}

/** The text as the SQLite full-text index holds it: every word's stems. */
export function stemmedText(text: string): string {
  return wordsOf(text)
    .flatMap((word) => stemsOf(word))
    .join(' ');
}

/**
 * Whether a word matches a query word: a stem of one begins with a stem of the other's query
 * (a prefix, so "fiets" finds "fietsen" although Dutch Snowball stems them "fiet" and "fiets").
 */
export function wordMatches(word: string, queryStems: readonly string[]): boolean {
  const stems = stemsOf(word);
  return queryStems.some((query) => stems.some((stem) => stem.startsWith(query)));
}
