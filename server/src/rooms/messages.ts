import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** y-websocket message types (the first varUint of every message). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
/** y-protocols sync message subtypes. */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

export function syncMessage(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** One client's entry in an awareness update; `state` is the JSON text as sent. */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** How many entries an awareness update says it holds (its first number); throws when there is none. */
export function presenceEntryCount(update: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(update));
}

/**
 * Decodes an awareness update without applying it; throws on malformed input, and on invalid
 * JSON when `parse` (else the caller parses the states it keeps).
 */
export function decodePresence(update: Uint8Array, parse = true): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  // Every entry takes at least three bytes, so a count beyond that is a lie, not a loop bound.
  if (count > update.length) throw new RangeError('awareness entry count exceeds the message');
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (parse) JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  return entries;
}

export function encodePresence(entries: readonly PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
