import type * as Y from 'yjs';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import { BOARD_DOCUMENTS, CloseCode, SYNC_PATH, syncRoomName, type BoardDocs, type BoardDocument } from '@benchlearn/shared';
import { cacheName, deleteBoardCaches } from './cache';
import { shouldReconnect } from './closeCodes';
import { combineConnectionStates, initialConnectionState, nextConnectionState, type ConnectionEvent, type ConnectionState } from './connectionState';

/** The offline copy's part that the connection needs (y-indexeddb's IndexeddbPersistence). */
export interface BoardCache {
  whenSynced: Promise<unknown>;
  destroy(): Promise<unknown> | void;
}

export interface BoardConnectionOptions {
  boardId: string;
  token: string;
  /** Whether this session may edit: picks the offline copies (see cacheName). */
  editable: boolean;
  board: BoardDocs;
  /** ws(s)://host/sync; defaults to this page's host. */
  serverUrl?: string;
  WebSocketPolyfill?: typeof WebSocket;
  /** Opens the offline copy of one document; null runs without (tests in Node have no IndexedDB). */
  openCache?: ((name: string, doc: Y.Doc) => BoardCache) | null;
  /** Deletes an offline copy by name (y-indexeddb's clearDocument). */
  deleteDatabase?: (name: string) => Promise<unknown>;
  /** Called once when the server closed with a code the app will not retry. */
  onFinalClose?: (code: number) => void;
  /** Connect even if the offline copies have not loaded by then (a blocked IndexedDB). */
  cacheWaitMs?: number;
}

export interface BoardConnection {
  readonly board: BoardDocs;
  /** Presence: it rides on the content document's connection only. */
  readonly awareness: Awareness;
  /** One y-websocket provider per document: the content at `/sync/:boardId`, the control at `/sync/:boardId/control`. */
  readonly providers: Readonly<Record<BoardDocument, WebsocketProvider>>;
  getState(): ConnectionState;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

export function syncServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`;
}

const openIndexedDbCache = (name: string, doc: Y.Doc): BoardCache => new IndexeddbPersistence(name, doc);

/**
 * Opens a board: the offline copies of its two documents first, then a socket for each. Edits
 * made offline live in the copies and reach the server on reconnect through the sync handshake
 * (state vectors), so nothing extra is needed to merge them.
 *
 * A refusal (1009 too big, 4413 board full, 4400 unreadable) stops both sockets and keeps
 * everything this browser holds: the documents in memory and the offline copies, so what the
 * person wrote is never thrown away; the page says so and offers it as a board file. Only 4404
 * (the board is gone) drops the copies.
 */
/** One y-websocket provider per document, not connected yet. */
function makeProviders(options: BoardConnectionOptions, awarenessOf: Record<BoardDocument, Awareness>): Record<BoardDocument, WebsocketProvider> {
  const { boardId, token, board } = options;
  const serverUrl = options.serverUrl ?? syncServerUrl(window.location);
  const makeProvider = (doc: BoardDocument) =>
    new WebsocketProvider(serverUrl, syncRoomName(boardId, doc), board[doc], {
      connect: false,
      awareness: awarenessOf[doc],
      params: { token },
      // Off: y-websocket's cross-tab BroadcastChannel syncs every tab of this board in this browser
      // regardless of role, so a viewer tab's state would flow into an editor tab (and on to the
      // server as the editor's edit), and an editor's unsent edits into a viewer's document.
      disableBc: true,
      shouldReconnect,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
  return { content: makeProvider('content'), control: makeProvider('control') };
}

/** Tells `dispatch` what each document's provider reports. */
function watchProviders(providers: Record<BoardDocument, WebsocketProvider>, dispatch: (event: ConnectionEvent, doc: BoardDocument) => void): void {
  for (const doc of BOARD_DOCUMENTS) {
    const provider = providers[doc];
    provider.on('status', ({ status }) => {
      if (status === 'connected') dispatch({ type: 'connected' }, doc);
      else if (status === 'connecting') dispatch({ type: 'connecting' }, doc);
    });
    provider.on('sync', (synced: boolean) => dispatch({ type: 'synced', synced }, doc));
    provider.on('connection-close', (event) => dispatch({ type: 'closed', code: event ? event.code : null }, doc));
  }
}

/** The offline copies have loaded (or `waitMs` passed: a slow IndexedDB does not hold the connection back). */
function cachesLoaded(caches: readonly BoardCache[], waitMs: number): Promise<unknown> {
  if (caches.length === 0) return Promise.resolve();
  return Promise.race([Promise.all(caches.map((cache) => cache.whenSynced)), new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

/** The board is gone (4404): its offline copies go too. */
function dropOfflineCopies(options: BoardConnectionOptions, caches: readonly BoardCache[]): void {
  const deleteDatabase = options.deleteDatabase ?? clearDocument;
  const drop = async () => {
    await Promise.all(caches.map((cache) => cache.destroy()));
    await deleteBoardCaches(options.boardId, deleteDatabase);
  };
  // Best effort: a copy that cannot be deleted now (IndexedDB unavailable) changes nothing shown.
  drop().catch(() => undefined);
}

/** The browser going offline or online, and the page being left; returns the stop. */
function listenToBrowser(awareness: Awareness, board: BoardDocs, dispatch: (event: ConnectionEvent) => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const onOffline = () => dispatch({ type: 'browser-offline' });
  const onOnline = () => dispatch({ type: 'browser-online' });
  // Tell the others at once that this person left, instead of after awareness' 30 s timeout.
  const onPageHide = () => removeAwarenessStates(awareness, [board.content.clientID], 'page hidden');
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  window.addEventListener('pagehide', onPageHide);
  return () => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('pagehide', onPageHide);
  };
}

export function connectBoard(options: BoardConnectionOptions): BoardConnection {
  const { boardId, editable, board } = options;
  const awareness = new Awareness(board.content);
  // The control document's provider needs an awareness of its own; with no local state it
  // sends none, so the room sees one presence per person, on the content.
  const controlAwareness = new Awareness(board.control);
  controlAwareness.setLocalState(null);
  const awarenessOf: Record<BoardDocument, Awareness> = { content: awareness, control: controlAwareness };

  const providers = makeProviders(options, awarenessOf);

  const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
  const parts: Record<BoardDocument, ConnectionState> = {
    content: initialConnectionState(browserOffline),
    control: initialConnectionState(browserOffline),
  };
  let state = combineConnectionStates(Object.values(parts));
  const listeners = new Set<() => void>();
  const dispatch = (event: ConnectionEvent, only?: BoardDocument) => {
    for (const doc of BOARD_DOCUMENTS) if (!only || only === doc) parts[doc] = nextConnectionState(parts[doc], event);
    const next = combineConnectionStates(Object.values(parts), state);
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener();
  };

  let destroyed = false;
  const openCache = options.openCache === undefined ? openIndexedDbCache : options.openCache;
  const caches = openCache ? BOARD_DOCUMENTS.map((doc) => openCache(cacheName(boardId, doc, editable), board[doc])) : [];

  const stopped = () => {
    const finalCode = state.finalCode;
    if (finalCode === null) return;
    // Also set by shouldReconnect; both sockets stop so no scheduled retry can resend what was refused.
    for (const provider of Object.values(providers)) {
      provider.shouldConnect = false;
      if (provider.ws) provider.disconnect();
    }
    if (finalCode === CloseCode.BoardNotFound) dropOfflineCopies(options, caches);
    options.onFinalClose?.(finalCode);
  };

  watchProviders(providers, (event, doc) => {
    const wasFinal = state.finalCode !== null;
    dispatch(event, doc);
    if (event.type === 'closed' && !wasFinal && state.finalCode !== null) stopped();
  });

  const stopListening = listenToBrowser(awareness, board, dispatch);

  // Loading the offline copies before connecting makes the handshake send only what the server
  // lacks, instead of re-uploading the whole cached board as one update.
  void cachesLoaded(caches, options.cacheWaitMs ?? 3000).then(() => {
    if (destroyed || state.finalCode !== null) return;
    for (const provider of Object.values(providers)) provider.connect();
  });

  return {
    board,
    awareness,
    providers,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      stopListening();
      removeAwarenessStates(awareness, [board.content.clientID], 'board closed');
      for (const provider of Object.values(providers)) provider.destroy();
      awareness.destroy();
      controlAwareness.destroy();
      for (const cache of caches) void cache.destroy();
    },
  };
}
