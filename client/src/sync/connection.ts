import type * as Y from 'yjs';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CloseCode, SYNC_PATH } from '@benchlearn/shared';
import { clearDocument } from 'y-indexeddb';
import { cacheName, deleteBoardCaches } from './cache';
import { shouldReconnect } from './closeCodes';
import {
  initialConnectionState,
  nextConnectionState,
  type ConnectionEvent,
  type ConnectionState,
} from './connectionState';

/** The offline copy's part that the connection needs (y-indexeddb's IndexeddbPersistence). */
export interface BoardCache {
  whenSynced: Promise<unknown>;
  destroy(): Promise<unknown> | void;
}

export interface BoardConnectionOptions {
  boardId: string;
  token: string;
  /** Whether this session may edit: picks the offline copy (see cacheName). */
  editable: boolean;
  doc: Y.Doc;
  /** ws(s)://host/sync; defaults to this page's host. */
  serverUrl?: string;
  WebSocketPolyfill?: typeof WebSocket;
  /** Opens the offline copy; null runs without one (tests in Node have no IndexedDB). */
  openCache?: ((name: string, doc: Y.Doc) => BoardCache) | null;
  /** Deletes an offline copy by name (y-indexeddb's clearDocument). */
  deleteDatabase?: (name: string) => Promise<unknown>;
  /** Called once when the server closed with a code the app will not retry. */
  onFinalClose?: (code: number) => void;
  /** Connect even if the offline copy has not loaded by then (a blocked IndexedDB). */
  cacheWaitMs?: number;
}

export interface BoardConnection {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly provider: WebsocketProvider;
  getState(): ConnectionState;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

export function syncServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`;
}

/**
 * The server refused what this copy holds (too large, board full, undecodable). Kept, the copy
 * would send the same refused state on every reload and the board could never open again; so
 * it is dropped, and a reload starts from what the server has.
 */
const RESETS_CACHE: ReadonlySet<number> = new Set([CloseCode.MessageTooBig, CloseCode.BoardFull, CloseCode.BadMessage]);

const openIndexedDbCache = (name: string, doc: Y.Doc): BoardCache => new IndexeddbPersistence(name, doc);

/**
 * Opens a board: its offline copy first, then the socket. Edits made offline live in the copy
 * and reach the server on reconnect through the sync handshake (state vectors), so nothing
 * extra is needed to merge them.
 */
export function connectBoard(options: BoardConnectionOptions): BoardConnection {
  const { boardId, token, editable, doc } = options;
  const awareness = new Awareness(doc);
  const provider = new WebsocketProvider(options.serverUrl ?? syncServerUrl(window.location), boardId, doc, {
    connect: false,
    awareness,
    params: { token },
    // Off: y-websocket's cross-tab BroadcastChannel syncs every tab of this board in this browser
    // regardless of role, so a viewer tab's state would flow into an editor tab (and on to the
    // server as the editor's edit), and an editor's unsent edits into a viewer's document.
    disableBc: true,
    shouldReconnect,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });

  let state = initialConnectionState(typeof navigator !== 'undefined' && navigator.onLine === false);
  const listeners = new Set<() => void>();
  const dispatch = (event: ConnectionEvent) => {
    const next = nextConnectionState(state, event);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  };

  let destroyed = false;
  const openCache = options.openCache === undefined ? openIndexedDbCache : options.openCache;
  const cache = openCache ? openCache(cacheName(boardId, editable), doc) : null;

  provider.on('status', ({ status }) => {
    if (status === 'connected') dispatch({ type: 'connected' });
    else if (status === 'connecting') dispatch({ type: 'connecting' });
  });
  provider.on('sync', (synced: boolean) => dispatch({ type: 'synced', synced }));
  provider.on('connection-close', (event) => {
    const code = event ? event.code : null;
    const wasFinal = state.finalCode !== null;
    dispatch({ type: 'closed', code });
    if (wasFinal || state.finalCode === null) return;
    // Also set by shouldReconnect; said here too so no scheduled retry can slip through.
    provider.shouldConnect = false;
    const finalCode = state.finalCode;
    if (finalCode === CloseCode.BoardNotFound || RESETS_CACHE.has(finalCode)) {
      const deleteDatabase = options.deleteDatabase ?? clearDocument;
      const drop = async () => {
        await cache?.destroy();
        if (finalCode === CloseCode.BoardNotFound) await deleteBoardCaches(boardId, deleteDatabase);
        else await deleteDatabase(cacheName(boardId, editable));
      };
      // Best effort: a copy that cannot be deleted now (IndexedDB unavailable) changes nothing shown.
      drop().catch(() => undefined);
    }
    options.onFinalClose?.(finalCode);
  });

  const onOffline = () => dispatch({ type: 'browser-offline' });
  const onOnline = () => dispatch({ type: 'browser-online' });
  // Tell the others at once that this person left, instead of after awareness' 30 s timeout.
  const onPageHide = () => removeAwarenessStates(awareness, [doc.clientID], 'page hidden');
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    window.addEventListener('pagehide', onPageHide);
  }

  // Loading the offline copy before connecting makes the handshake send only what the server
  // lacks, instead of re-uploading the whole cached board as one update.
  const cacheLoaded = cache
    ? Promise.race([cache.whenSynced, new Promise((resolve) => setTimeout(resolve, options.cacheWaitMs ?? 3000))])
    : Promise.resolve();
  void cacheLoaded.then(() => {
    if (!destroyed && state.finalCode === null) provider.connect();
  });

  return {
    doc,
    awareness,
    provider,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', onOffline);
        window.removeEventListener('online', onOnline);
        window.removeEventListener('pagehide', onPageHide);
      }
      removeAwarenessStates(awareness, [doc.clientID], 'board closed');
      provider.destroy();
      awareness.destroy();
      void cache?.destroy();
    },
  };
}
