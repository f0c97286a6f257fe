import type { Awareness } from 'y-protocols/awareness';
import { PRESENCE_INTERVAL_MS } from '@benchlearn/shared';
import { KeyedStore, Signal, sameOffset, type Offset } from './stores';
import { throttle, type Clock, type Throttled } from './throttle';
import type { Point, Rect } from './viewport';

/** What the canvas draws of another participant (contract §2), read defensively. */
export interface Peer {
  clientId: number;
  user: { id: string; name: string; color: string };
  cursor: Point | null;
  selection: string[];
  dragging: { ids: string[]; dx: number; dy: number } | null;
  /** The board region they see (contract §2 `viewport`), when it is a real one. */
  viewport: Rect | null;
  /** A facilitator presenting (the server drops it from anyone else). */
  presenting: boolean;
  /** A facilitator's "bring everyone to me" counter (docs/protocol.md). */
  summon: number | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const MAX_IDS = 5000;

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, MAX_IDS).filter((v): v is string => typeof v === 'string' && v.length <= 100);
}

/**
 * Reads one awareness state from the network. Another client may send anything (the server
 * only caps its size), so each field is checked and a bad field is dropped, not trusted.
 */
export function readPeer(clientId: number, state: unknown): Peer | null {
  if (!isRecord(state) || !isRecord(state.user)) return null;
  const { id, name, color } = state.user;
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) return null;
  const user = {
    id,
    name: typeof name === 'string' ? name.slice(0, 100) : '',
    // A canvas ignores a colour it cannot parse, so a length cap is all the check needed.
    color: typeof color === 'string' && color.length > 0 && color.length <= 50 ? color : '#888888',
  };
  const cursor = isRecord(state.cursor) && finite(state.cursor.x) && finite(state.cursor.y) ? { x: state.cursor.x, y: state.cursor.y } : null;
  const d = state.dragging;
  const dragging = isRecord(d) && finite(d.dx) && finite(d.dy) ? { ids: stringList(d.ids), dx: d.dx, dy: d.dy } : null;
  const v = state.viewport;
  const viewport =
    isRecord(v) && finite(v.x) && finite(v.y) && finite(v.width) && finite(v.height) && v.width > 0 && v.height > 0
      ? { x: v.x, y: v.y, w: v.width, h: v.height }
      : null;
  const summon = finite(state.summon) ? state.summon : null;
  return { clientId, user, cursor, selection: stringList(state.selection), dragging, viewport, presenting: state.presenting === true, summon };
}

/** Everyone else on the board (not this tab's own client id). */
export function readPeers(states: ReadonlyMap<number, unknown>, selfClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const peer = readPeer(clientId, state);
    if (peer) peers.push(peer);
  }
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Card offsets of others' live drags (the first dragger of a card wins). */
export function remoteDragOffsets(peers: readonly Peer[]): Map<string, Offset> {
  const offsets = new Map<string, Offset>();
  for (const peer of peers) {
    if (!peer.dragging) continue;
    for (const id of peer.dragging.ids) {
      if (!offsets.has(id)) offsets.set(id, { dx: peer.dragging.dx, dy: peer.dragging.dy });
    }
  }
  return offsets;
}

/** Colour of someone else who has a card or link selected. */
export function remoteSelections(peers: readonly Peer[]): Map<string, string> {
  const colors = new Map<string, string>();
  for (const peer of peers) {
    for (const id of peer.selection) if (!colors.has(id)) colors.set(id, peer.user.color);
  }
  return colors;
}

/** Others' presence as stores the canvas subscribes to narrowly. */
export class PeerStore {
  readonly peers = new Signal<Peer[]>([]);
  readonly offsets = new KeyedStore<Offset>(sameOffset);
  readonly selections = new KeyedStore<string>();
  private readonly onChange = () => this.refresh();

  private started = false;

  /** `selections: false` (the projector): others' selection outlines are not shown. */
  constructor(
    private readonly awareness: Awareness,
    private readonly options: { selections?: boolean } = {},
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.awareness.on('change', this.onChange);
    this.refresh();
  }

  refresh(): void {
    const peers = readPeers(this.awareness.getStates(), this.awareness.clientID);
    this.peers.set(peers);
    this.offsets.replace(remoteDragOffsets(peers));
    this.selections.replace(this.options.selections === false ? new Map() : remoteSelections(peers));
  }

  stop(): void {
    this.started = false;
    this.awareness.off('change', this.onChange);
  }
}

/** Presence carries tenths of a board unit: finer is noise in every message. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface LocalPresence {
  cursor?: Point | null;
  viewport?: { x: number; y: number; scale: number; width: number; height: number };
  selection?: string[];
  dragging?: { ids: string[]; dx: number; dy: number } | null;
}

/**
 * Sends this tab's cursor, viewport, selection and drag as one awareness update at most
 * every PRESENCE_INTERVAL_MS: separate setLocalStateField calls would each send a message,
 * and the server drops a client's presence beyond 30 messages a second.
 */
export class PresencePublisher {
  private pending: LocalPresence = {};
  private readonly throttled: Throttled;

  constructor(
    private readonly awareness: Awareness,
    clock?: Clock,
  ) {
    this.throttled = throttle(() => this.send(), PRESENCE_INTERVAL_MS, clock);
  }

  set(fields: LocalPresence): void {
    this.pending = { ...this.pending, ...fields };
    this.throttled.call();
  }

  /** Sends what is pending now (a drop, leaving the board). */
  flush(): void {
    this.throttled.flush();
  }

  private send(): void {
    const fields = this.pending;
    this.pending = {};
    const current = this.awareness.getLocalState();
    if (current === null || Object.keys(fields).length === 0) return;
    this.awareness.setLocalState({ ...current, ...fields });
  }

  destroy(): void {
    this.throttled.flush();
    this.throttled.cancel();
  }
}
