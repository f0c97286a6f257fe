import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { BoardDocs } from '@benchlearn/shared';

/**
 * How a server frames the Yjs sync protocol. Benchlearn and @y/websocket-server speak the
 * y-websocket protocol; Hocuspocus prefixes every message with the document name and wants an
 * auth message first. Everything else (sync step 1/2, updates, awareness) is y-protocols.
 */
export type Dialect = 'y-websocket' | 'hocuspocus';

/** Where one client connects: a full socket URL and, for Hocuspocus, the document name. */
export interface Endpoint {
  url: string;
  dialect: Dialect;
  room: string;
}

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
/** Hocuspocus only: the server's own sync step 1, answered like a normal one. */
const MESSAGE_SYNC_REPLY = 4;
const AUTH_PERMISSION_DENIED = 1;

/**
 * A minimal Yjs client: a real Y.Doc synced through the server with y-protocols, the same code
 * for all three servers so the load (and the client's own CPU cost) is identical. It does what
 * a stock WebsocketProvider does on the wire (step 1, answer step 1 with step 2, send every
 * local update, one presence state on join) and nothing else: no reconnects, no timers.
 */
export class BenchClient {
  readonly doc = new Y.Doc();
  /**
   * The board as shared's functions take it. Only the content document (cards, links, votes:
   * what the load writes) is synced, as a stock client of `/sync/:boardId` does; the control
   * document stays local and empty, and the peers have no such document.
   */
  readonly board: BoardDocs = { content: this.doc, control: new Y.Doc() };
  readonly synced: Promise<void>;
  private readonly ws: WebSocket;
  private resolveSynced!: () => void;
  private rejectSynced!: (error: Error) => void;
  closeCode: number | null = null;
  /** performance.now() when the server's sync step 2 (the board) arrived, before it was applied. */
  answerReceivedAt: number | null = null;

  constructor(
    readonly endpoint: Endpoint,
    presence: Record<string, unknown> | null = null,
  ) {
    this.synced = new Promise((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    // Nobody waits on `synced` for a client that is only measured; an early close must not crash the process.
    this.synced.catch(() => {});
    this.ws = new WebSocket(endpoint.url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => {
      if (endpoint.dialect === 'hocuspocus') {
        this.send((encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_AUTH);
          encoding.writeVarUint(encoder, 0);
          encoding.writeVarString(encoder, '');
        });
      }
      this.send((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
      });
      if (presence) {
        this.send((encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
          const update = encoding.createEncoder();
          encoding.writeVarUint(update, 1);
          encoding.writeVarUint(update, this.doc.clientID);
          encoding.writeVarUint(update, 1);
          encoding.writeVarString(update, JSON.stringify(presence));
          encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
        });
      }
    });
    this.ws.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    this.ws.on('close', (code) => {
      this.closeCode = code;
      this.rejectSynced(new Error(`closed with ${code} before it synced`));
    });
    this.ws.on('error', (error) => this.rejectSynced(error));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      this.send((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeUpdate(encoder, update);
      });
    });
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    if (this.endpoint.dialect === 'hocuspocus') encoding.writeVarString(encoder, this.endpoint.room);
    write(encoder);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  private onMessage(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    if (this.endpoint.dialect === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) {
      const reply = encoding.createEncoder();
      if (this.endpoint.dialect === 'hocuspocus') encoding.writeVarString(reply, this.endpoint.room);
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      const empty = encoding.length(reply);
      if (this.answerReceivedAt === null && decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep2) {
        this.answerReceivedAt = performance.now();
      }
      const syncType = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > empty && this.ws.readyState === WebSocket.OPEN) this.ws.send(encoding.toUint8Array(reply));
      if (syncType === syncProtocol.messageYjsSyncStep2) this.resolveSynced();
    } else if (type === MESSAGE_AUTH && this.endpoint.dialect === 'hocuspocus') {
      if (decoding.readVarUint(decoder) === AUTH_PERMISSION_DENIED) this.rejectSynced(new Error('permission denied'));
    }
    // Presence from others and Hocuspocus's save acknowledgements are not what we measure.
  }

  /** Resolves once everything sent so far has left the socket buffer (or the socket is gone). */
  async flushed(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.ws.readyState === WebSocket.OPEN && this.ws.bufferedAmount > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.ws.close();
    this.doc.destroy();
    this.board.control.destroy();
  }
}
