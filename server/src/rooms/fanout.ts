/** What the fan-out needs of a connection. */
export interface FanoutPeer {
  send(message: Uint8Array): void;
  cork?(): void;
  uncork?(): void;
}

/** What one peer is to be sent of one relay (nothing, for the sender of an update). */
export type MessagesFor<Peer> = (peer: Peer) => readonly Uint8Array[];

/**
 * Peers a room sends to in one go; a bigger room is sent to in slices of this many, with the
 * event loop free in between.
 */
export const FANOUT_SLICE = 128;

/**
 * Sends a room's relays to its peers, in order. A room of up to FANOUT_SLICE peers is sent to
 * at once. A bigger one (a projected workshop: hundreds of phones and viewers) is sent to in
 * passes over its peers, a slice per turn of the event loop, each peer getting everything it
 * lacks in one write: a socket write per peer per relay was what held a busy server's event
 * loop (1,000 sockets: 100 ms and more per edit on a loaded machine), so that the edits behind
 * it waited, and the work grew with the edit rate. Now a pass costs one write per peer however
 * many relays it carries, the edits of every room keep being read and committed between
 * slices, and each peer is at most one pass behind.
 *
 * The peers who may write (the first FANOUT_SLICE of them, by arrival) are sent to at once, as
 * in a small room: the people editing together see each other's changes first, and viewers and
 * projectors at most one pass later.
 */
export class Fanout<Peer extends FanoutPeer> {
  /** Relays not yet sent to every peer, oldest first; `seq` counts up by one. */
  private queue: { seq: number; messagesFor: MessagesFor<Peer> }[] = [];
  private head = 0;
  /** The newest relay each peer has (or needs not: what it joined with covers it). */
  private readonly upTo = new Map<Peer, number>();
  private pass: Peer[] = [];
  private cursor = 0;
  private passing = false;

  /** The peers sent to at once however big the room (see the class); null: to be found again. */
  private front: Peer[] | null = null;

  constructor(
    private readonly peers: ReadonlySet<Peer>,
    /** Whether a peer may write (its relays are not left for a pass). */
    private readonly writes: (peer: Peer) => boolean = () => false,
  ) {}

  /** A peer's sync answer holds everything relayed so far: it is sent only what comes after. */
  joined(peer: Peer): void {
    this.upTo.set(peer, this.head);
    this.front = null;
  }

  left(peer: Peer): void {
    this.upTo.delete(peer);
    this.front = null;
  }

  /** Whether some peers still wait for relays (a pass is on). */
  get busy(): boolean {
    return this.passing;
  }

  send(messagesFor: MessagesFor<Peer>): void {
    if (!this.passing && this.peers.size <= FANOUT_SLICE) {
      for (const peer of this.peers) sendAll(peer, messagesFor(peer));
      return;
    }
    if (!this.passing) {
      // Nothing queued: every peer has everything so far.
      for (const peer of this.peers) if (!this.upTo.has(peer)) this.upTo.set(peer, this.head);
    }
    this.queue.push({ seq: ++this.head, messagesFor });
    for (const peer of this.frontPeers()) this.catchUp(peer);
    if (this.passing) return;
    this.passing = true;
    this.cursor = 0;
    this.pass = [...this.peers];
    this.step();
  }

  private readonly step = (): void => {
    const end = Math.min(this.pass.length, this.cursor + FANOUT_SLICE);
    for (; this.cursor < end; this.cursor++) this.catchUp(this.pass[this.cursor]!);
    if (this.cursor < this.pass.length) {
      setImmediate(this.step);
      return;
    }
    // A pass is over: drop what every peer has; another pass for what came meanwhile.
    let oldest = this.head;
    for (const peer of this.peers) oldest = Math.min(oldest, this.upTo.get(peer) ?? this.head);
    const first = this.queue[0]?.seq ?? this.head + 1;
    this.queue = this.queue.slice(Math.max(0, oldest - first + 1));
    if (this.queue.length === 0) {
      this.passing = false;
      this.pass = [];
      return;
    }
    this.cursor = 0;
    this.pass = [...this.peers];
    setImmediate(this.step);
  };

  private frontPeers(): Peer[] {
    if (this.front) return this.front;
    const front: Peer[] = [];
    for (const peer of this.peers) {
      if (front.length >= FANOUT_SLICE) break;
      if (this.writes(peer)) front.push(peer);
    }
    this.front = front;
    return front;
  }

  private catchUp(peer: Peer): void {
    const had = this.upTo.get(peer);
    if (had === undefined || had >= this.head) return;
    const first = this.queue[0]!.seq;
    const messages: Uint8Array[] = [];
    for (let i = Math.max(0, had - first + 1); i < this.queue.length; i++) messages.push(...this.queue[i]!.messagesFor(peer));
    this.upTo.set(peer, this.head);
    sendAll(peer, messages);
  }
}

/** Several messages to one peer leave in one write. */
function sendAll(peer: FanoutPeer, messages: readonly Uint8Array[]): void {
  if (messages.length === 0) return;
  if (messages.length === 1) {
    peer.send(messages[0]!);
    return;
  }
  peer.cork?.();
  try {
    for (const message of messages) peer.send(message);
  } finally {
    peer.uncork?.();
  }
}
