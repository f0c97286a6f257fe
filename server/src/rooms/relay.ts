import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { SyncType, syncMessage } from './messages';

/** An update as Y.decodeUpdate reads it (its structs and its delete set). */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** The most updates merged into one relayed message (each sender's own copy is one merge more). */
export const MAX_MERGED = 8;

/** One committed update as the relay sees it. */
export interface Relayable<Peer> {
  update: Uint8Array;
  /** The bytes as received when they were exactly one update message (relayed without re-encoding). */
  message: Uint8Array | null;
  /** The connection it came from; null for the server's own changes. */
  from: Peer | null;
  /** Y.decodeUpdate of `update` (made by the relay when it merges). */
  decoded?: DecodedUpdate | undefined;
}

/**
 * Splits the updates committed together into runs that are each relayed as one message: a run
 * never holds two updates of the same connection (so every update of a sender stays its own
 * change on every other client, as it was sent) and at most MAX_MERGED updates.
 */
export function relayRuns<Peer, T extends Relayable<Peer>>(entries: readonly T[]): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  const senders = new Set<Peer>();
  for (const entry of entries) {
    if (run.length >= MAX_MERGED || (entry.from !== null && senders.has(entry.from))) {
      runs.push(run);
      run = [];
      senders.clear();
    }
    run.push(entry);
    if (entry.from !== null) senders.add(entry.from);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A delete set in the v1 update encoding, clients in the order decoding found them. */
function encodeDeleteSet(ds: DecodedUpdate['ds']): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ds.clients.size);
  for (const [client, ranges] of ds.clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.len);
    }
  }
  return encoding.toUint8Array(encoder);
}

function endsWith(bytes: Uint8Array, tail: Uint8Array): boolean {
  if (tail.length > bytes.length) return false;
  const offset = bytes.length - tail.length;
  for (let i = 0; i < tail.length; i++) if (bytes[offset + i] !== tail[i]) return false;
  return true;
}

/**
 * Y.mergeUpdates without decoding and re-encoding every struct, for the common case: updates
 * whose structs come from different Yjs clients. A v1 update is a count of client blocks, the
 * blocks, then the delete set (a count of clients, then their ranges); a reader keys the blocks
 * by client (so no client may appear twice) and applies every delete-set entry as it comes (so
 * a client may). The updates' blocks and delete-set entries are concatenated under new counts.
 * Null when that does not hold or an update is not laid out as expected: then Y.mergeUpdates.
 */
export function concatUpdates(entries: readonly { update: Uint8Array; decoded?: DecodedUpdate | undefined }[]): Uint8Array | null {
  const clients = new Set<number>();
  let blockCount = 0;
  let deleteCount = 0;
  const blocks: Uint8Array[] = [];
  const deletes: Uint8Array[] = [];
  for (const { update, decoded } of entries) {
    if (!decoded) return null;
    const own = new Set<number>();
    for (const struct of decoded.structs) own.add(struct.id.client);
    for (const client of own) {
      if (clients.has(client)) return null;
      clients.add(client);
    }
    const ds = encodeDeleteSet(decoded.ds);
    if (!endsWith(update, ds)) return null;
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    // Yjs writes one block per client; anything else is left to Y.mergeUpdates.
    if (count !== own.size) return null;
    blockCount += count;
    blocks.push(update.subarray(decoder.pos, update.length - ds.length));
    const dsDecoder = decoding.createDecoder(ds);
    deleteCount += decoding.readVarUint(dsDecoder);
    deletes.push(ds.subarray(dsDecoder.pos));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, blockCount);
  for (const part of blocks) encoding.writeUint8Array(encoder, part);
  encoding.writeVarUint(encoder, deleteCount);
  for (const part of deletes) encoding.writeUint8Array(encoder, part);
  return encoding.toUint8Array(encoder);
}

function decodeOrNull(update: Uint8Array): DecodedUpdate | undefined {
  try {
    return Y.decodeUpdate(update);
  } catch {
    return undefined;
  }
}

const single = <Peer>(entry: Relayable<Peer>): Uint8Array => entry.message ?? syncMessage(SyncType.Update, entry.update);

/** One message for these updates; one each should merging fail (every one of them applied, so it should not). */
function messagesOf<Peer>(entries: readonly Relayable<Peer>[]): Uint8Array[] {
  if (entries.length === 1) return [single(entries[0]!)];
  try {
    const merged = concatUpdates(entries) ?? Y.mergeUpdates(entries.map((entry) => entry.update));
    return [syncMessage(SyncType.Update, merged)];
  } catch {
    return entries.map(single);
  }
}

/**
 * Sends one run to every peer as ONE update message: the run's updates merged (applying it is
 * the same as applying its updates in order, in one transaction on the client: fewer frames,
 * fewer transactions, fewer observer calls). A peer that sent one of the updates gets the merge
 * of the others only: nothing is ever sent back to its sender.
 */
export function relayRun<Peer extends { send(message: Uint8Array): void }>(given: readonly Relayable<Peer>[], peers: Iterable<Peer>): void {
  // Decoded here, once per run, only when there is something to merge. (Keeping the room's own
  // decoding until the commit raised the bench's memory per loaded board from ~5 to ~7.8 MiB.)
  const run = given.length > 1 ? given.map((entry) => ({ ...entry, decoded: entry.decoded ?? decodeOrNull(entry.update) })) : given;
  let all: Uint8Array[] | null = null;
  for (const peer of peers) {
    let own = -1;
    for (let i = 0; i < run.length; i++) {
      if (run[i]!.from === peer) {
        own = i;
        break;
      }
    }
    const messages = own === -1 ? (all ??= messagesOf(run)) : run.length > 1 ? messagesOf(run.filter((_, i) => i !== own)) : [];
    for (const message of messages) peer.send(message);
  }
}
