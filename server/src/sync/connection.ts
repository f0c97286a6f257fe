import * as decoding from 'lib0/decoding';
import type { WebSocket, RawData } from 'ws';
import { mayWrite } from '../auth/access';
import type { Log } from '../logging';
import {
  CloseCode,
  MAX_PRESENCE_MESSAGE_BYTES,
  MAX_PRESENCE_PER_SECOND,
  SYNC_REQUEST_BURST,
  SYNC_REQUESTS_PER_SECOND,
  type BoardDocument,
  type Role,
} from '@benchlearn/shared';
import type { Metrics } from '../metrics';
import { MessageType, SyncType, type LoadedBoard, type Room, type RoomManager, type RoomPeer } from '../rooms';
import type { SocketsPerAddress } from './addressSockets';
import { binaryFrame, frameWriter } from './frames';

/** Messages a client may send before its room is ready (a stock client sends two). */
const MAX_EARLY_MESSAGES = 64;
/** A silent socket is probed this often and dropped when the probe goes unanswered. */
const PING_INTERVAL_MS = 30_000;
/** How long a probed socket has to answer before it counts as gone. */
export const PROBE_TIMEOUT_MS = 3_000;
/** The close code for a socket over its address's limit: "try again later", which a stock client does. */
export const TRY_AGAIN_LATER = 1013;

export interface ConnectionDeps {
  rooms: RoomManager;
  metrics: Metrics;
  log: Log;
  maxMessageBytes: number;
  /** The limit of concurrent sockets per client address, and this socket's address (request.ip). */
  sockets?: { perAddress: SocketsPerAddress; address: string };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * One sync socket, on one of a board's two documents. Its role is decided once, when it opens,
 * and carried here. Nothing a client sends may throw out of this class: a bad message closes
 * this socket with 4400 and nothing else.
 */
export class SyncConnection implements RoomPeer {
  role: Role = 'viewer';
  /** Role and token hash (see RoomPeer.identity), set when the socket starts. */
  identity: string | undefined;
  private board: LoadedBoard | null = null;
  private room: Room | null = null;
  private early: Uint8Array[] | null = [];
  private closed = false;
  private alive = true;
  private probeTimer: NodeJS.Timeout | null = null;
  private readonly pingTimer: NodeJS.Timeout;
  private presenceWindowStart = 0;
  private presenceInWindow = 0;
  /** Bytes of updates waiting for storage; above a limit the socket stops reading (backpressure). */
  private pendingBytes = 0;
  /** The budget of requests for state (a token bucket; see SYNC_REQUEST_BURST). */
  private requestTokens = SYNC_REQUEST_BURST;
  private requestsCheckedAt = Date.now();
  /** The address this socket counts against, until it is released. */
  private address: string | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly boardId: string,
    readonly document: BoardDocument,
    private readonly deps: ConnectionDeps,
  ) {
    socket.on('error', (error) => {
      // ws closes the socket itself (1009 for an oversize message); count it, nothing more.
      deps.metrics.errors.inc({ kind: 'socket' });
      deps.log.debug({ err: error, boardId }, 'sync socket error');
    });
    socket.on('close', () => this.onClose());
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    const sockets = deps.sockets;
    if (sockets) {
      if (sockets.perAddress.acquire(sockets.address)) this.address = sockets.address;
      else {
        deps.metrics.errors.inc({ kind: 'sockets_per_address' });
        deps.log.warn({ boardId, limit: sockets.perAddress.max }, 'too many sync sockets from one address');
      }
    }
    this.pingTimer = setInterval(() => {
      if (!this.alive) {
        socket.terminate();
        return;
      }
      this.alive = false;
      try {
        socket.ping();
      } catch {
        socket.terminate();
      }
    }, PING_INTERVAL_MS);
    this.pingTimer.unref();
    if (sockets && this.address === null) this.close(TRY_AGAIN_LATER, 'too many connections from this address');
  }

  /**
   * Joins the document's room with the role decided at open, then handles what arrived
   * meanwhile. `tokenHash`: the hash of the token the socket opened with (its presence identity).
   */
  start(board: LoadedBoard, role: Role, tokenHash?: string): void {
    if (this.closed) return;
    const room = board.room(this.document);
    this.role = role;
    this.identity = tokenHash === undefined ? role : `${role}:${tokenHash}`;
    this.board = board;
    this.room = room;
    this.deps.rooms.join(board, this.document, this);
    this.send(room.syncStep1());
    const presence = room.presenceSnapshot();
    if (presence) this.send(presence);
    const early = this.early ?? [];
    this.early = null;
    for (const message of early) {
      if (this.closed) break;
      this.handle(message);
    }
  }

  /** Closed already (by the server, or over its address's limit at open). */
  get isClosed(): boolean {
    return this.closed;
  }

  send(message: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > 4 * this.deps.maxMessageBytes) {
      // A client that does not read would make the server hold everything for it; 1013 heals on reconnect.
      this.close(1013, 'not reading fast enough');
      return;
    }
    this.deps.metrics.hot.bytesOut += message.length;
    const writer = frameWriter(this.socket);
    if (writer) writer.sendFrame([binaryFrame(message)], this.onSent);
    else this.socket.send(message, this.onSent);
  }

  /** ws keeps its TCP socket private; corking it batches frames into one write. */
  private get tcp(): { cork(): void; uncork(): void } | undefined {
    return (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  }

  cork(): void {
    this.tcp?.cork();
  }

  uncork(): void {
    this.tcp?.uncork();
  }

  private readonly onSent = (error?: Error): void => {
    if (error) this.deps.log.debug({ err: error, boardId: this.boardId }, 'send failed');
  };

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.metrics.closes.inc({ code: String(code) });
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
    this.detach();
  }

  private onClose(): void {
    this.closed = true;
    this.detach();
  }

  /** A ping now; no answer (no pong, no message) within PROBE_TIMEOUT_MS drops the socket. */
  probe(): void {
    if (this.closed || this.probeTimer) return;
    this.alive = false;
    try {
      this.socket.ping();
    } catch {
      this.socket.terminate();
      return;
    }
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      if (!this.alive) this.socket.terminate();
    }, PROBE_TIMEOUT_MS);
    this.probeTimer.unref();
  }

  private detach(): void {
    if (this.address !== null) {
      this.deps.sockets?.perAddress.release(this.address);
      this.address = null;
    }
    clearInterval(this.pingTimer);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    if (this.board) this.deps.rooms.leave(this.board, this.document, this);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    this.alive = true;
    if (!isBinary) {
      // The protocol is binary; a text frame (the reference server dies on `4294967297`) is refused.
      this.reject('text frames are not part of the protocol');
      return;
    }
    const message = toBytes(data);
    this.deps.metrics.hot.bytesIn += message.length;
    if (this.early) {
      if (this.early.length >= MAX_EARLY_MESSAGES) this.reject('too many messages before the board was ready');
      else this.early.push(message);
      return;
    }
    this.handle(message);
  }

  private reject(reason: string): void {
    this.deps.metrics.errors.inc({ kind: 'bad_message' });
    this.deps.log.info({ boardId: this.boardId, reason }, 'closing a sync socket that sent a bad message');
    this.close(CloseCode.BadMessage, reason);
  }

  private handle(message: Uint8Array): void {
    const room = this.room;
    if (!room || this.closed) return;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.Sync) this.handleSync(room, decoder, message);
      else if (type === MessageType.Awareness) {
        if (message.length > MAX_PRESENCE_MESSAGE_BYTES) {
          // Unread: no honest client's own presence is this long (see MAX_PRESENCE_MESSAGE_BYTES).
          this.deps.metrics.messages.inc({ kind: 'awareness', outcome: 'dropped_size' });
          return;
        }
        const update = decoding.readVarUint8Array(decoder);
        // Presence lives on the content socket; the control socket drops it (docs/protocol.md).
        if (room.awareness) this.handlePresence(room, update);
        else this.deps.metrics.messages.inc({ kind: 'awareness', outcome: 'dropped_control' });
      } else if (type === MessageType.QueryAwareness) {
        if (!this.takeRequest()) {
          this.deps.metrics.messages.inc({ kind: 'query_awareness', outcome: 'dropped_rate' });
          return;
        }
        this.deps.metrics.messages.inc({ kind: 'query_awareness', outcome: 'answered' });
        const presence = room.presenceSnapshot();
        if (presence) this.send(presence);
      } else this.reject(`unknown message type ${type}`);
    } catch {
      this.reject('the message could not be decoded');
    }
  }

  private handleSync(room: Room, decoder: decoding.Decoder, message: Uint8Array): void {
    const subtype = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (subtype === SyncType.Step1) {
      if (!this.takeRequest()) {
        // Asking for the board again and again costs the server, not the asker (issue 12).
        this.deps.metrics.messages.inc({ kind: 'sync_step1', outcome: 'dropped_rate' });
        return;
      }
      this.deps.metrics.messages.inc({ kind: 'sync_step1', outcome: 'answered' });
      // Throws on a malformed state vector, which closes with 4400.
      const uncommitted = room.uncommitted();
      if (!uncommitted) {
        this.sendAll(room.syncStep2(payload));
        return;
      }
      // Only committed state is shown (PostgreSQL may still be committing what the document holds).
      void uncommitted.then(() => {
        try {
          if (!room.closed) this.sendAll(room.syncStep2(payload));
        } catch {
          this.reject('the message could not be decoded');
        }
      });
      return;
    }
    if (subtype !== SyncType.Step2 && subtype !== SyncType.Update) {
      this.reject(`unknown sync message ${subtype}`);
      return;
    }
    // The lock is read per message: a facilitator may lock the board while this socket is open.
    if (!mayWrite(this.role, this.document, room.locked)) {
      this.deps.metrics.messages.inc({ kind: 'update', outcome: 'dropped_read_only' });
      return;
    }
    // An update message with nothing after it is relayed as received, without re-encoding.
    const relay = subtype === SyncType.Update && decoder.pos === message.length ? message : null;
    this.submit(room, payload, relay);
  }

  private submit(room: Room, update: Uint8Array, relay: Uint8Array | null): void {
    this.pendingBytes += update.length;
    if (this.pendingBytes > this.deps.maxMessageBytes) this.socket.pause();
    // A callback, not a promise: no allocation per update beyond the closure.
    room.submitUpdate(
      update,
      this,
      (result, error) => {
        this.pendingBytes -= update.length;
        if (this.pendingBytes <= this.deps.maxMessageBytes && this.socket.isPaused) this.socket.resume();
        if (error !== undefined) {
          // Storage failed: the update was not committed, so it must not look accepted.
          this.deps.log.error({ err: error, boardId: this.boardId }, 'storing an update failed');
          this.close(1011, 'the update could not be stored');
          return;
        }
        this.deps.metrics.hot.update[result] += 1;
        if (result === 'invalid') this.reject('the update could not be applied');
        else if (result === 'too-large') this.close(CloseCode.BoardFull, 'the board is full');
        else if (result === 'pending-full') this.close(CloseCode.BoardFull, 'too much content that builds on content the board does not have');
        else if (result === 'gone') this.close(CloseCode.BoardNotFound, 'the board was deleted');
      },
      relay,
    );
  }

  /** Several messages in one write. */
  private sendAll(messages: readonly Uint8Array[]): void {
    if (messages.length === 1) {
      this.send(messages[0]!);
      return;
    }
    this.cork();
    try {
      for (const message of messages) this.send(message);
    } finally {
      this.uncork();
    }
  }

  /** Takes one request from the connection's budget (refilled continuously); false when it is spent. */
  private takeRequest(): boolean {
    const now = Date.now();
    this.requestTokens = Math.min(SYNC_REQUEST_BURST, this.requestTokens + ((now - this.requestsCheckedAt) / 1000) * SYNC_REQUESTS_PER_SECOND);
    this.requestsCheckedAt = now;
    if (this.requestTokens < 1) return false;
    this.requestTokens -= 1;
    return true;
  }

  /** At most MAX_PRESENCE_PER_SECOND messages that change something, per connection and second. */
  private readonly admitPresence = (): boolean => {
    const now = Date.now();
    if (now - this.presenceWindowStart >= 1000) {
      this.presenceWindowStart = now;
      this.presenceInWindow = 0;
    }
    this.presenceInWindow += 1;
    return this.presenceInWindow <= MAX_PRESENCE_PER_SECOND;
  };

  private handlePresence(room: Room, update: Uint8Array): void {
    let limited = false;
    const admit = () => {
      if (this.admitPresence()) return true;
      limited = true;
      return false;
    };
    const { kept, dropped } = room.receivePresence(this, update, admit);
    const outcome = limited ? 'dropped_rate' : kept === 0 ? 'dropped' : dropped > 0 ? 'partly_dropped' : 'relayed';
    this.deps.metrics.messages.inc({ kind: 'awareness', outcome });
  }
}
