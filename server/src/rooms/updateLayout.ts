import * as decoding from 'lib0/decoding';

/**
 * Where a v1 update's parts lie, read from its bytes without building Yjs structs (what the
 * relay needs to join updates; see concatUpdates in relay.ts). A v1 update is: a count of
 * client blocks; per block its struct count, client, first clock and structs; then the delete
 * set: a count of clients and, per client, its ranges (Yjs' utils/encoding.js, UpdateDecoderV1).
 */
export interface UpdateLayout {
  /** The clients of the struct blocks, in order. */
  clients: number[];
  /** The blocks' bytes, after their count. */
  blocks: Uint8Array;
  /** The delete set's client count, and its bytes after that count. */
  deleteCount: number;
  deletes: Uint8Array;
  /** The delete set's clients, in order. */
  deleteClients: number[];
}

/** Nested values of ContentAny deeper than this are not expected from Yjs clients: no layout (the relay falls back). */
const MAX_ANY_DEPTH = 64;

class NotLaidOut extends Error {}

function skip(decoder: decoding.Decoder, bytes: number): void {
  if (bytes > decoder.arr.length - decoder.pos) throw new NotLaidOut();
  decoder.pos += bytes;
}

const skipString = (decoder: decoding.Decoder): void => skip(decoder, decoding.readVarUint(decoder));

/** Skips one value of lib0's `writeAny` encoding. */
function skipAny(decoder: decoding.Decoder, depth: number): void {
  if (depth > MAX_ANY_DEPTH) throw new NotLaidOut();
  const tag = decoding.readUint8(decoder);
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125: // integer
      decoding.readVarInt(decoder);
      return;
    case 124: // float32
      skip(decoder, 4);
      return;
    case 123: // float64
    case 122: // bigint64
      skip(decoder, 8);
      return;
    case 119: // string
    case 116: // Uint8Array
      skipString(decoder);
      return;
    case 118: {
      // object: key and value pairs
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        skipString(decoder);
        skipAny(decoder, depth + 1);
      }
      return;
    }
    case 117: {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) skipAny(decoder, depth + 1);
      return;
    }
    default:
      throw new NotLaidOut();
  }
}

/** Skips an Item's content, by its kind (the info byte's low 5 bits; Yjs' contentRefs). */
function skipContent(decoder: decoding.Decoder, kind: number): void {
  switch (kind) {
    case 1: // deleted: a length
    case 7: {
      // a type: its type ref, and a name for XML elements (3) and hooks (5)
      const value = decoding.readVarUint(decoder);
      if (kind === 7 && (value === 3 || value === 5)) skipString(decoder);
      return;
    }
    case 2: {
      // JSON: a count of JSON strings
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) skipString(decoder);
      return;
    }
    case 3: // binary
    case 4: // string
    case 5: // embed (a JSON string)
      skipString(decoder);
      return;
    case 6: // format: key and JSON value
      skipString(decoder);
      skipString(decoder);
      return;
    case 8: {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) skipAny(decoder, 0);
      return;
    }
    case 9: // a subdocument: guid and options
      skipString(decoder);
      skipAny(decoder, 0);
      return;
    default:
      throw new NotLaidOut();
  }
}

function skipStruct(decoder: decoding.Decoder): void {
  const info = decoding.readUint8(decoder);
  const kind = info & 0b11111;
  if (kind === 0 || kind === 10) {
    // GC or Skip: a length
    decoding.readVarUint(decoder);
    return;
  }
  if (info & 0b10000000) skip2(decoder); // origin
  if (info & 0b01000000) skip2(decoder); // right origin
  if ((info & 0b11000000) === 0) {
    // No neighbour to take the parent from: the parent is named (a root type's key) or an id.
    if (decoding.readVarUint(decoder) === 1) skipString(decoder);
    else skip2(decoder);
    if (info & 0b00100000) skipString(decoder); // the key in a map
  }
  skipContent(decoder, kind);
}

/** An id: client and clock. */
function skip2(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** The layout of a v1 update, or null when its bytes are not laid out as Yjs writes them. */
export function updateLayout(update: Uint8Array): UpdateLayout | null {
  try {
    const decoder = decoding.createDecoder(update);
    const blockCount = decoding.readVarUint(decoder);
    const blocksStart = decoder.pos;
    const clients: number[] = [];
    for (let b = 0; b < blockCount; b++) {
      const structs = decoding.readVarUint(decoder);
      clients.push(decoding.readVarUint(decoder));
      decoding.readVarUint(decoder); // first clock
      for (let s = 0; s < structs; s++) skipStruct(decoder);
    }
    const blocksEnd = decoder.pos;
    const deleteCount = decoding.readVarUint(decoder);
    const deletesStart = decoder.pos;
    const deleteClients: number[] = [];
    for (let c = 0; c < deleteCount; c++) {
      deleteClients.push(decoding.readVarUint(decoder));
      const ranges = decoding.readVarUint(decoder);
      for (let r = 0; r < ranges; r++) skip2(decoder);
    }
    if (decoder.pos !== update.length) return null;
    return { clients, blocks: update.subarray(blocksStart, blocksEnd), deleteCount, deletes: update.subarray(deletesStart), deleteClients };
  } catch {
    // lib0 throws on reading past the end; NotLaidOut on what Yjs does not write.
    return null;
  }
}
