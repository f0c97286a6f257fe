import type { WebSocket } from 'ws';

/**
 * A message framed once for every socket it goes to. A room relays one message to all its
 * peers in a row; ws would build a header per socket and write header and payload as two
 * buffers (a writev each). Here the unmasked binary frame (RFC 6455 §5.2: FIN + opcode 2, the
 * length in 7, 16 or 64 bits; a server never masks) is made once, for the last message asked.
 */
let lastMessage: Uint8Array | null = null;
let lastFrame: Buffer | null = null;

export function binaryFrame(message: Uint8Array): Buffer {
  if (message === lastMessage && lastFrame !== null) return lastFrame;
  const length = message.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x82;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  frame.set(message, header);
  lastMessage = message;
  lastFrame = frame;
  return frame;
}

/** The part of ws's Sender used here: its state (0 = nothing queued) and its raw frame write. */
interface FrameWriter {
  _state: number;
  sendFrame(list: Buffer[], cb?: (error?: Error) => void): void;
}

/**
 * ws's sender when a ready frame can go straight to it: nothing queued before it (no deflate,
 * no blob being read: the server runs without permessage-deflate) — otherwise null, and the
 * caller sends through ws as usual. ws keeps the sender private; this reads it defensively.
 */
export function frameWriter(socket: WebSocket): FrameWriter | null {
  const sender = (socket as unknown as { _sender?: Partial<FrameWriter> })._sender;
  if (sender === undefined || typeof sender.sendFrame !== 'function' || sender._state !== 0) return null;
  return sender as FrameWriter;
}
