import { isFinalCloseCode } from './closeCodes';

export type ConnectionStatus = 'connected' | 'connecting' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** A connection was made before (or failed), so "connecting" means "reconnecting". */
  reconnecting: boolean;
  /** The close code after which the app stopped trying (contract §3); null while it tries. */
  finalCode: number | null;
  /** The server's state arrived since the last (re)connect. */
  synced: boolean;
  /** Attempts that ended without a connection since the last good one. */
  failures: number;
  /** The browser says it has no network. */
  browserOffline: boolean;
}

export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'synced'; synced: boolean }
  | { type: 'closed'; code: number | null }
  | { type: 'browser-offline' }
  | { type: 'browser-online' };

/** After this many failed attempts in a row the status says "offline" rather than "reconnecting". */
export const OFFLINE_AFTER_FAILURES = 2;

export function initialConnectionState(browserOffline = false): ConnectionState {
  return {
    status: browserOffline ? 'offline' : 'connecting',
    reconnecting: false,
    finalCode: null,
    synced: false,
    failures: 0,
    browserOffline,
  };
}

function waitingStatus(failures: number, browserOffline: boolean): ConnectionStatus {
  return browserOffline || failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'connecting';
}

/** What the connection status shows after each event of the provider and the browser. */
export function nextConnectionState(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  // A final close is the end of this connection: nothing after it changes what the user sees.
  if (state.finalCode !== null) return state;
  switch (event.type) {
    case 'connecting':
      return { ...state, status: waitingStatus(state.failures, state.browserOffline) };
    case 'connected':
      return { ...state, status: 'connected', failures: 0, browserOffline: false };
    case 'synced':
      return { ...state, synced: event.synced };
    case 'closed': {
      if (event.code !== null && isFinalCloseCode(event.code)) {
        return { ...state, status: 'offline', finalCode: event.code, synced: false };
      }
      const failures = state.failures + 1;
      return { ...state, failures, reconnecting: true, synced: false, status: waitingStatus(failures, state.browserOffline) };
    }
    case 'browser-offline':
      return { ...state, browserOffline: true, status: 'offline' };
    case 'browser-online':
      return state.status === 'connected'
        ? { ...state, browserOffline: false }
        : { ...state, browserOffline: false, failures: 0, reconnecting: true, status: 'connecting' };
  }
}

/**
 * What the status shows for a board from the state of each of its documents' connections: the
 * board is connected (and synced) when every document is, offline when any is, and a final
 * close of any is final for the board. `previous` is returned when nothing shown changed, so
 * React's external store sees one object per state.
 */
export function combineConnectionStates(parts: readonly ConnectionState[], previous: ConnectionState | null = null): ConnectionState {
  if (previous && previous.finalCode !== null) return previous;
  const finalCode = parts.find((part) => part.finalCode !== null)?.finalCode ?? null;
  const status: ConnectionStatus =
    finalCode !== null || parts.some((part) => part.status === 'offline')
      ? 'offline'
      : parts.every((part) => part.status === 'connected')
        ? 'connected'
        : 'connecting';
  const next: ConnectionState = {
    status,
    reconnecting: parts.some((part) => part.reconnecting),
    finalCode,
    synced: finalCode === null && parts.every((part) => part.synced),
    failures: Math.max(0, ...parts.map((part) => part.failures)),
    browserOffline: parts.some((part) => part.browserOffline),
  };
  if (previous && (Object.keys(next) as Array<keyof ConnectionState>).every((key) => next[key] === previous[key])) return previous;
  return next;
}
