import { Type, type Static } from '@sinclair/typebox';
import { LibraryEntryView, LibraryOverview, LOCALES, tokenFromHash } from '@benchlearn/shared';
import { CreatedBoard, requestJson, type Fetch, type NewBoardInput } from './api';
import type { KeyValueStore } from './storage';

/** The network a board belongs to, as GET /api/boards/:id says (docs/api.md). */
export const BoardNetwork = Type.Object({ id: Type.String({ minLength: 1 }), name: Type.String() });
export type BoardNetwork = Static<typeof BoardNetwork>;

const Locale = Type.Union(LOCALES.map((locale) => Type.Literal(locale)));
const NetworkRole = Type.Union([Type.Literal('coordinator'), Type.Literal('member')]);
const Counts = Type.Object({ success: Type.Number(), problem: Type.Number(), lesson: Type.Number(), note: Type.Number(), links: Type.Number() });

/** 201 of POST /api/networks. */
export const CreatedNetwork = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String(),
  tokens: Type.Object({ coordinator: Type.String(), member: Type.String() }),
  links: Type.Object({ coordinator: Type.String(), member: Type.String() }),
});
export type CreatedNetwork = Static<typeof CreatedNetwork>;

/** 200 of GET /api/networks/:id. */
export const NetworkInfo = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String(),
  locale: Locale,
  role: NetworkRole,
  createdAt: Type.Number(),
  boards: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), createdAt: Type.Number(), counts: Counts })),
  entries: Type.Integer(),
});
export type NetworkInfo = Static<typeof NetworkInfo>;

/** One library entry (a published lesson with its evidence): the server's schema (shared/src/library). */
export const LibraryEntry = LibraryEntryView;
export type LibraryEntry = LibraryEntryView;

export const SearchPage = Type.Object({ entries: Type.Array(LibraryEntry), next: Type.Union([Type.String(), Type.Null()]) });
export type SearchPage = Static<typeof SearchPage>;

export const Published = Type.Object({ entries: Type.Array(Type.Object({ id: Type.String(), version: Type.Integer() })) });
export type Published = Static<typeof Published>;

export interface LibraryQuery {
  q?: string;
  org?: string;
  tag?: string;
  limit?: number;
  cursor?: string | null;
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const id = encodeURIComponent;

function queryString(query: LibraryQuery): string {
  const params = new URLSearchParams();
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.org) params.set('org', query.org);
  if (query.tag) params.set('tag', query.tag);
  if (query.limit) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createNetwork(input: { name: string; locale: 'nl' | 'en' }, fetchImpl: Fetch = fetch): Promise<CreatedNetwork> {
  return requestJson(fetchImpl, CreatedNetwork, '/api/networks', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}

export function getNetwork(networkId: string, token: string, fetchImpl: Fetch = fetch): Promise<NetworkInfo> {
  return requestJson(fetchImpl, NetworkInfo, `/api/networks/${id(networkId)}`, { headers: auth(token) });
}

/** The network page's overview: lessons per organisation and tag by month, shared problems. */
export function getNetworkOverview(networkId: string, token: string, fetchImpl: Fetch = fetch): Promise<LibraryOverview> {
  return requestJson(fetchImpl, LibraryOverview, `/api/networks/${id(networkId)}/overview`, { headers: auth(token) });
}

/** A new board that belongs to the network (a member's token). */
export function createNetworkBoard(networkId: string, token: string, input: NewBoardInput, fetchImpl: Fetch = fetch): Promise<CreatedBoard> {
  return requestJson(fetchImpl, CreatedBoard, `/api/networks/${id(networkId)}/boards`, {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}

/** The network page's search (a network token). */
export function searchNetwork(networkId: string, token: string, query: LibraryQuery, fetchImpl: Fetch = fetch, signal?: AbortSignal): Promise<SearchPage> {
  return requestJson(fetchImpl, SearchPage, `/api/networks/${id(networkId)}/lessons${queryString(query)}`, { headers: auth(token), signal });
}

/** A board's search of its own network's library (any of the board's tokens). */
export function searchBoardLibrary(boardId: string, token: string, query: LibraryQuery, fetchImpl: Fetch = fetch, signal?: AbortSignal): Promise<SearchPage> {
  return requestJson(fetchImpl, SearchPage, `/api/boards/${id(boardId)}/library${queryString(query)}`, { headers: auth(token), signal });
}

export function getBoardLibraryEntry(boardId: string, token: string, entryId: string, fetchImpl: Fetch = fetch): Promise<LibraryEntry> {
  return requestJson(fetchImpl, LibraryEntry, `/api/boards/${id(boardId)}/library/${id(entryId)}`, { headers: auth(token) });
}

/** Publishes lessons of the board (the facilitator's token); without `lessons`, every linked one. */
export function publishLessons(boardId: string, token: string, body: { lessons?: string[]; tags?: string[] }, fetchImpl: Fetch = fetch): Promise<Published> {
  return requestJson(fetchImpl, Published, `/api/boards/${id(boardId)}/publish`, {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Download links of the library report and the feed: they carry the member token, as links must. */
export function libraryExportUrl(networkId: string, token: string, format: 'md' | 'csv' | 'json'): string {
  return `/api/networks/${id(networkId)}/lessons/export?format=${format}&token=${id(token)}`;
}

export function libraryFeedUrl(networkId: string, token: string): string {
  return `/api/networks/${id(networkId)}/feed.atom?token=${id(token)}`;
}

/** The network page's path with its token in the fragment (never sent to a server). */
export function networkLink(origin: string, networkId: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/n/${id(networkId)}#token=${id(token)}`;
}

const networkTokenKey = (networkId: string) => `benchlearn:network-token:${networkId}`;

/**
 * The token for the network page: the link's fragment first (then kept in this browser, so
 * `/n/:id` without it works next time), else the one kept before.
 */
export function resolveNetworkToken(networkId: string, hash: string, local: KeyValueStore): string | null {
  const fromLink = tokenFromHash(hash);
  if (fromLink) {
    try {
      local.setItem(networkTokenKey(networkId), fromLink);
    } catch {
      // Private mode or a full store: the link still works, only not without its fragment.
    }
    return fromLink;
  }
  try {
    return local.getItem(networkTokenKey(networkId));
  } catch {
    return null;
  }
}
