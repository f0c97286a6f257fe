import * as awarenessProtocol from 'y-protocols/awareness';
import {
  claimsFacilitatorPresence,
  MAX_PRESENCE_BYTES,
  MAX_PRESENCE_IDS_PER_CONNECTION,
  MAX_PRESENCE_PER_ROOM,
  ROOM_STATE_KEY,
  type RoomState,
} from '@benchlearn/shared';
import { CLUSTER_ORIGIN } from './clusterPort';
import { awarenessMessage, decodePresence, encodePresence, presenceEntryCount, type PresenceEntry } from './messages';
import type { RoomCore, RoomPeer } from './types';

/** Owns presence entries another instance vouched for: no local connection may speak for them. */
const REMOTE_OWNER: RoomPeer = { role: 'viewer', send: () => {}, close: () => {} };

/** Client ids whose last owner's identity a room remembers (the oldest are forgotten first). */
const REMEMBERED_PRESENCE_OWNERS = 10 * MAX_PRESENCE_PER_ROOM;

function identityOf(peer: RoomPeer): string {
  return peer.identity ?? peer.role;
}

/**
 * The content room's presence (docs/protocol.md): who speaks for which client id, what each
 * connection may say, relaying it to the room and the other instances, and the room state,
 * which travels as the server's own presence entry.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which connection introduced each presence client id: others may not speak for it. */
  private readonly owners = new Map<number, RoomPeer>();
  /** How many client ids each connection speaks for (at most MAX_PRESENCE_IDS_PER_CONNECTION). */
  private readonly counts = new Map<RoomPeer, number>();
  /**
   * Clock offsets of client ids claimed again after their state was removed (a user back on a
   * new socket): added to every clock that owner sends, while it owns the id (see receivePresence).
   */
  private readonly clockOffsets = new Map<number, number>();
  /**
   * The identity of each client id's last owner, kept after it left: a user reconnecting gets
   * their id back, and nobody with another token can take it in the gap.
   */
  private readonly identities = new Map<number, string>();
  /** Every presence state as one message, for joiners and queries, until presence changes. */
  private cache: Uint8Array | null = null;

  constructor(
    private readonly core: RoomCore,
    roomState: RoomState,
    /** Sends a message to every connection of the room but `except`. */
    private readonly broadcast: (message: Uint8Array, except?: RoomPeer | null) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(core.doc);
    // The room state is the server's own presence (docs/protocol.md): it reaches every client,
    // joining ones too, through the awareness protocol a stock client already speaks. Awareness
    // renews it every 15 s, so clients never time it out. The room's document is never written
    // under this client id (server changes are made on a copy), so the id is the server's alone.
    this.showRoomState(roomState);
    this.awareness.on('update', this.relayPresence);
  }

  /** Tells every connection the room state, as the server's own presence entry. */
  showRoomState(state: RoomState): void {
    this.awareness.setLocalState({ [ROOM_STATE_KEY]: state });
  }

  /**
   * Applies a connection's presence. Dropped: a message of more entries than a room may hold
   * (unread); entries for a client id another connection (or the server) owns, or whose last
   * owner had another identity (a viewer cannot take an editor's id while the editor
   * reconnects); new client ids past MAX_PRESENCE_IDS_PER_CONNECTION or MAX_PRESENCE_PER_ROOM;
   * removals of ids nobody holds; states over MAX_PRESENCE_BYTES, states that carry a room state
   * (only the server speaks for the room), and facilitator-only fields (presenting, summon) from
   * anyone else. `admit` is asked once, when something is left to apply (the connection's rate
   * limit: a stock client echoes everyone's presence back, which costs nothing here). Throws when
   * the message does not decode.
   */
  receivePresence(peer: RoomPeer, update: Uint8Array, admit: () => boolean = () => true): { kept: number; dropped: number } {
    const awareness = this.awareness;
    const count = presenceEntryCount(update);
    if (count > MAX_PRESENCE_PER_ROOM) return { kept: 0, dropped: count };
    const entries = decodePresence(update, false);
    const identity = identityOf(peer);
    const states = awareness.getStates();
    let owned = this.counts.get(peer) ?? 0;
    let present = states.size;
    const kept: PresenceEntry[] = [];
    for (const entry of entries) {
      if (entry.clientId === awareness.clientID) continue;
      const owner = this.owners.get(entry.clientId);
      if (owner !== undefined && owner !== peer) {
        // The same person back on a new socket: check soon whether the old one is still there.
        if (owner !== REMOTE_OWNER && identityOf(owner) === identity) owner.probe?.();
        continue;
      }
      if (owner === undefined) {
        if (entry.state === 'null') continue;
        const last = this.identities.get(entry.clientId);
        if (last !== undefined && last !== identity) continue;
        if (owned >= MAX_PRESENCE_IDS_PER_CONNECTION || present >= MAX_PRESENCE_PER_ROOM) continue;
      }
      if (Buffer.byteLength(entry.state, 'utf8') > MAX_PRESENCE_BYTES) continue;
      const state: unknown = JSON.parse(entry.state);
      if (typeof state === 'object' && state !== null && ROOM_STATE_KEY in state) continue;
      if (peer.role !== 'facilitator' && claimsFacilitatorPresence(state)) continue;
      if (owner === undefined) {
        owned += 1;
        if (!states.has(entry.clientId)) present += 1;
      }
      kept.push(entry);
    }
    if (kept.length === 0 || !admit()) return { kept: 0, dropped: entries.length };
    for (const entry of kept) {
      if (this.owners.get(entry.clientId) === peer) {
        entry.clock += this.clockOffsets.get(entry.clientId) ?? 0;
        continue;
      }
      // A user back on a new socket sends the clock its state had; everyone already holds a
      // higher clock for the id (its state was removed when the old socket left) and would ignore
      // it until the client renews its state twice (30 s). Its clocks are shifted past what
      // anyone holds, this message's and every later one's, so each still counts in order. A
      // client id nobody has seen keeps its clocks as they are.
      const known = awareness.meta.get(entry.clientId)?.clock;
      const offset = known !== undefined && entry.clock <= known && !states.has(entry.clientId) ? known + 1 - entry.clock : 0;
      if (offset > 0) this.clockOffsets.set(entry.clientId, offset);
      else this.clockOffsets.delete(entry.clientId);
      entry.clock += offset;
      this.owners.set(entry.clientId, peer);
      this.counts.set(peer, (this.counts.get(peer) ?? 0) + 1);
      this.rememberIdentity(entry.clientId, identity);
    }
    awarenessProtocol.applyAwarenessUpdate(awareness, encodePresence(kept), peer);
    return { kept: kept.length, dropped: entries.length - kept.length };
  }

  private rememberIdentity(clientId: number, identity: string): void {
    this.identities.delete(clientId);
    this.identities.set(clientId, identity);
    if (this.identities.size > REMEMBERED_PRESENCE_OWNERS) {
      const oldest = this.identities.keys().next();
      if (!oldest.done) this.identities.delete(oldest.value);
    }
  }

  /**
   * Applies presence another instance relayed to its connections. It checked them (owner,
   * size, room state, facilitator fields) against its own connections; here only entries a
   * local connection owns, and the server's own, are kept out. Throws when it does not decode.
   */
  receiveRemotePresence(update: Uint8Array): number {
    const awareness = this.awareness;
    if (this.core.isClosed()) return 0;
    const count = presenceEntryCount(update);
    if (count > MAX_PRESENCE_PER_ROOM) return 0;
    let present = awareness.getStates().size;
    const kept = decodePresence(update).filter((entry) => {
      if (entry.clientId === awareness.clientID) return false;
      const owner = this.owners.get(entry.clientId);
      if (owner !== undefined && owner !== REMOTE_OWNER) return false;
      // Each instance kept its own rooms under the cap; together they may not be.
      if (owner === undefined && entry.state !== 'null') {
        if (present >= MAX_PRESENCE_PER_ROOM) return false;
        present += 1;
      }
      return true;
    });
    for (const entry of kept) {
      if (entry.state === 'null') this.owners.delete(entry.clientId);
      else this.owners.set(entry.clientId, REMOTE_OWNER);
    }
    if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(awareness, encodePresence(kept), CLUSTER_ORIGIN);
    return kept.length;
  }

  /** Every current presence state, for a joining connection or a query. */
  snapshot(): Uint8Array | null {
    const awareness = this.awareness;
    if (this.cache) return this.cache;
    const ids = [...awareness.getStates().keys()];
    if (ids.length === 0) return null;
    return (this.cache = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, ids)));
  }

  /** Removes the presence a connection that left introduced, and tells the others. */
  left(peer: RoomPeer): void {
    const owned: number[] = [];
    for (const [clientId, owner] of this.owners) {
      if (owner === peer) owned.push(clientId);
    }
    for (const clientId of owned) {
      this.owners.delete(clientId);
      this.clockOffsets.delete(clientId);
    }
    this.counts.delete(peer);
    if (owned.length > 0 && !this.core.isClosed()) awarenessProtocol.removeAwarenessStates(this.awareness, owned, 'left');
  }

  destroy(): void {
    this.awareness.off('update', this.relayPresence);
    this.awareness.destroy();
  }

  private readonly relayPresence = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const changed = [...added, ...updated, ...removed];
    const awareness = this.awareness;
    if (changed.length === 0) return;
    this.cache = null;
    const cluster = this.core.deps.cluster;
    if (cluster) {
      for (const clientId of removed) {
        if (this.owners.get(clientId) === REMOTE_OWNER) this.owners.delete(clientId);
      }
      // What this instance's connections said (or that they left). Not: what another instance
      // sent, timeouts (each instance times out stale presence itself), and the server's own
      // entry, whose room state travels as its own frame.
      if (origin !== CLUSTER_ORIGIN && origin !== 'timeout') {
        const ours = changed.filter((clientId) => clientId !== awareness.clientID);
        if (ours.length > 0) cluster.publishPresence(this.core.id, awarenessProtocol.encodeAwarenessUpdate(awareness, ours));
      }
    }
    // A room of one: the only connection is the one that sent it; there is nobody to tell.
    const peers = this.core.peers;
    if (peers.size === 0 || (peers.size === 1 && peers.has(origin as RoomPeer))) return;
    this.broadcast(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, changed)));
  };
}
