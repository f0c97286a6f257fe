import type { LibraryEntryDraft, Locale } from '@benchlearn/shared';

export type NetworkRole = 'coordinator' | 'member';
export const NETWORK_ROLES: readonly NetworkRole[] = ['coordinator', 'member'];

export interface NetworkRecord {
  id: string;
  name: string;
  locale: Locale;
  createdAt: number;
  tokenHashes: Record<NetworkRole, string>;
}

/** A lesson as the library keeps it: the latest version published of one lesson card of one board. */
export interface LibraryEntry extends LibraryEntryDraft {
  id: string;
  networkId: string;
  version: number;
}

export interface LibraryQuery {
  networkId: string;
  /** Words to find (stemmed in Dutch and English, each a prefix); empty: everything, newest first. */
  terms: readonly string[];
  organisation?: string;
  tag?: string;
  boardId?: string;
  /** Published at or after (the feed). */
  since?: number;
  limit: number;
  offset: number;
}

/** A page of entries, best match first (or newest first without terms). */
export interface LibraryPage {
  entries: LibraryEntry[];
  /** Whether there are entries after this page. */
  more: boolean;
}

/**
 * Networks of boards and their lessons library. Part of Storage (`storage.networks`), one
 * implementation per database, tested by the same suite (networkSuite.ts).
 */
export interface NetworkStorage {
  createNetwork(network: NetworkRecord): Promise<void>;
  getNetwork(id: string): Promise<NetworkRecord | null>;
  /** Replaces one role's token hash; false when the network is unknown. */
  setNetworkTokenHash(id: string, role: NetworkRole, hash: string): Promise<boolean>;
  /** Records that a board belongs to a network (a board belongs to at most one). */
  addBoard(networkId: string, boardId: string): Promise<void>;
  networkOfBoard(boardId: string): Promise<string | null>;
  /** The ids of the network's boards, oldest first (deleted boards included: the caller skips them). */
  boardsOf(networkId: string): Promise<string[]>;
  /**
   * Stores the drafts in one transaction: a lesson published before (same board and card) gets
   * its next version under the same entry id. Answers each entry's id and version, in order.
   */
  publish(networkId: string, drafts: readonly LibraryEntryDraft[], newId: () => string): Promise<{ id: string; version: number }[]>;
  getEntry(networkId: string, entryId: string): Promise<LibraryEntry | null>;
  /** Removes an entry (every version); false when the network has none with this id. */
  withdraw(networkId: string, entryId: string): Promise<boolean>;
  countEntries(networkId: string): Promise<number>;
  search(query: LibraryQuery): Promise<LibraryPage>;
}
