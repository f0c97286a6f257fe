import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ROLES, type BoardDocument, type Role, type RoomState } from '@benchlearn/shared';

/**
 * The binary frame instances exchange on a board's Redis channel (docs/cluster.md):
 * version (1 byte) | instance id (16 bytes) | kind (1 byte) | payload.
 * The version lets a rolling upgrade tell frames it cannot read from frames that are broken.
 */
export const FRAME_VERSION = 1;
export const INSTANCE_ID_BYTES = 16;
const HEADER_BYTES = 1 + INSTANCE_ID_BYTES + 1;

export const FrameKind = {
  /** A content document update (cards, links, votes) the sending instance has committed to storage. */
  Update: 1,
  /** An awareness (presence) update the sending instance relayed to its own connections. */
  Presence: 2,
  /** The room state (lock, join code) as the sending instance set it; JSON. */
  RoomState: 3,
  /** The board was deleted on the sending instance. */
  Closed: 4,
  /** The sender could not publish some committed updates: re-read the board from storage. */
  Resync: 5,
  /** The sender has just loaded the board: whoever changed its room state, say it (kind 3). */
  Hello: 6,
  /** A role's token was rotated on the sending instance: close the sockets opened with that role. */
  Revoked: 7,
  /** A control document update (meta, frames, session) the sending instance has committed to storage. */
  ControlUpdate: 8,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/**
 * The frame kind of a committed update of one of a board's documents. The content keeps kind 1,
 * as before the board became two documents; the control document has a kind of its own.
 */
export function updateFrameKind(doc: BoardDocument): typeof FrameKind.Update | typeof FrameKind.ControlUpdate {
  return doc === 'content' ? FrameKind.Update : FrameKind.ControlUpdate;
}

/** The document a committed update frame belongs to. */
export function frameDocument(kind: typeof FrameKind.Update | typeof FrameKind.ControlUpdate): BoardDocument {
  return kind === FrameKind.Update ? 'content' : 'control';
}

export type Frame =
  | { instanceId: Uint8Array; kind: typeof FrameKind.Update | typeof FrameKind.ControlUpdate; update: Uint8Array }
  | { instanceId: Uint8Array; kind: typeof FrameKind.Presence; presence: Uint8Array }
  | { instanceId: Uint8Array; kind: typeof FrameKind.RoomState; state: RoomState }
  | { instanceId: Uint8Array; kind: typeof FrameKind.Closed }
  | { instanceId: Uint8Array; kind: typeof FrameKind.Resync }
  | { instanceId: Uint8Array; kind: typeof FrameKind.Hello }
  | { instanceId: Uint8Array; kind: typeof FrameKind.Revoked; role: Role };

const RoomStateSchema = Type.Object({ locked: Type.Boolean(), showJoin: Type.Boolean() }, { additionalProperties: false });
const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));

export function channelFor(boardId: string): string {
  return `benchlearn:board:${boardId}`;
}

/** The board id a channel name carries, or null for a channel that is not a board's. */
export function boardOfChannel(channel: string): string | null {
  const prefix = 'benchlearn:board:';
  return channel.startsWith(prefix) && channel.length > prefix.length ? channel.slice(prefix.length) : null;
}

export function encodeFrame(instanceId: Uint8Array, kind: FrameKind, payload: Uint8Array = new Uint8Array(0)): Buffer {
  if (instanceId.length !== INSTANCE_ID_BYTES) throw new RangeError('an instance id is 16 bytes');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame[0] = FRAME_VERSION;
  frame.set(instanceId, 1);
  frame[1 + INSTANCE_ID_BYTES] = kind;
  frame.set(payload, HEADER_BYTES);
  return frame;
}

export function encodeRoomState(instanceId: Uint8Array, state: RoomState): Buffer {
  const json = JSON.stringify({ locked: state.locked, showJoin: state.showJoin });
  return encodeFrame(instanceId, FrameKind.RoomState, Buffer.from(json, 'utf8'));
}

export class FrameError extends Error {}

/**
 * Decodes a frame from Redis; throws a FrameError saying what is wrong with it. Payloads are
 * views into `data`, not copies. A document or presence update is checked further where it is
 * applied (a Yjs update only proves itself by decoding).
 */
export function decodeFrame(data: Uint8Array): Frame {
  if (data.length < HEADER_BYTES) throw new FrameError(`a frame of ${data.length} bytes is shorter than its header`);
  if (data[0] !== FRAME_VERSION) throw new FrameError(`unknown frame version ${data[0]}`);
  // Plain views (not Buffers, whatever `data` is): what Yjs and the room code expect.
  const view = (start: number, end = data.length) => new Uint8Array(data.buffer, data.byteOffset + start, end - start);
  const instanceId = view(1, 1 + INSTANCE_ID_BYTES);
  const kind = data[1 + INSTANCE_ID_BYTES];
  const payload = view(HEADER_BYTES);
  switch (kind) {
    case FrameKind.Update:
    case FrameKind.ControlUpdate:
      if (payload.length === 0) throw new FrameError('an update frame without an update');
      return { instanceId, kind, update: payload };
    case FrameKind.Presence:
      if (payload.length === 0) throw new FrameError('a presence frame without presence');
      return { instanceId, kind, presence: payload };
    case FrameKind.RoomState: {
      let state: unknown;
      try {
        state = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
      } catch {
        throw new FrameError('a room state frame whose payload is not JSON');
      }
      if (!Value.Check(RoomStateSchema, state)) throw new FrameError('a room state frame that is not {locked, showJoin}');
      return { instanceId, kind, state };
    }
    case FrameKind.Revoked: {
      const role = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
      if (!Value.Check(RoleSchema, role)) throw new FrameError('a revoked frame that names no role');
      return { instanceId, kind, role };
    }
    case FrameKind.Closed:
    case FrameKind.Resync:
    case FrameKind.Hello:
      if (payload.length !== 0) throw new FrameError(`a frame of kind ${kind} carries no payload`);
      return { instanceId, kind };
    default:
      throw new FrameError(`unknown frame kind ${String(kind)}`);
  }
}

export function sameInstance(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}
