import { useEffect, useState } from 'react';
import type { LibraryEntry, SearchPage } from '../platform/library';
import { mergeRanked, suggestionQueries } from './highlight';
import { useDebounced } from './useDebounced';

export type SearchFn = (query: { q: string; limit: number }, signal: AbortSignal) => Promise<SearchPage>;

export type SearchState = { phase: 'idle' } | { phase: 'loading' } | { phase: 'done'; entries: LibraryEntry[] } | { phase: 'failed'; error: unknown };

/** The panel's search: sent once typing settles; an older answer never replaces a newer one. */
export function useLibrarySearch(search: SearchFn, text: string, delayMs = 300): SearchState {
  const q = useDebounced(text.trim(), delayMs);
  const [state, setState] = useState<SearchState>({ phase: 'idle' });
  useEffect(() => {
    const abort = new AbortController();
    setState({ phase: 'loading' });
    search({ q, limit: 10 }, abort.signal).then(
      (page) => !abort.signal.aborted && setState({ phase: 'done', entries: page.entries }),
      (error: unknown) => !abort.signal.aborted && setState({ phase: 'failed', error }),
    );
    return () => abort.abort();
  }, [search, q]);
  return state;
}

/**
 * "Others learned…": the best entries for a problem's text, once typing settles. A few of its
 * longest words are searched one by one (the server needs every word of a query) and merged.
 */
export function useSuggestions(search: SearchFn, text: string, delayMs = 500): LibraryEntry[] {
  const settled = useDebounced(text, delayMs);
  const [entries, setEntries] = useState<LibraryEntry[]>([]);
  useEffect(() => {
    const queries = suggestionQueries(settled);
    if (queries.length === 0) {
      setEntries([]);
      return;
    }
    const abort = new AbortController();
    Promise.all(queries.map((q) => search({ q, limit: 5 }, abort.signal).then((page) => page.entries))).then(
      (lists) => !abort.signal.aborted && setEntries(mergeRanked(lists, 3)),
      () => !abort.signal.aborted && setEntries([]),
    );
    return () => abort.abort();
  }, [search, settled]);
  return entries;
}
