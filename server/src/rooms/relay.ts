import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { SyncType, syncMessage } from './messages';
import { updateLayout, type UpdateLayout } from './updateLayout';

/** The most updates merged into one relayed message (each sender's own copy is one merge more). */
export const MAX_MERGED = 8;

/** One committed update as the relay sees it. */
export interface Relayable<Peer> {
  update: Uint8Array;
  /** The bytes as received when they were exactly one update message (relayed without re-encoding). */
  message: Uint8Array | null;
  /** The connection it came from; null for the server's own changes. */
  from: Peer | null;
  /** Where `update`'s parts lie (made by the relay when it merges). */
  layout?: UpdateLayout | null | undefined;
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

/**
 * Y.mergeUpdates without decoding and re-encoding every struct, for the common case: updates
 * whose structs come from different Yjs clients. A reader keys an update's blocks by client (so
 * no client may appear twice): the blocks are concatenated under a new count. The delete sets
 * are concatenated too when no client appears in two of them; else they are merged (mergedDeletes).
 * Null when a client's blocks would appear twice or an update is not laid out as expected: then
 * Y.mergeUpdates.
 */
export function concatUpdates(entries: readonly { update: Uint8Array; layout?: UpdateLayout | null | undefined }[]): Uint8Array | null {
  const clients = new Set<number>();
  const deleteClients = new Set<number>();
  let blockCount = 0;
  let deleteCount = 0;
  let deletesOverlap = false;
  for (const { layout } of entries) {
    if (!layout) return null;
    for (const client of layout.clients) {
      if (clients.has(client)) return null;
      clients.add(client);
    }
    for (const client of layout.deleteClients) {
      if (deleteClients.has(client)) deletesOverlap = true;
      deleteClients.add(client);
    }
    blockCount += layout.clients.length;
    deleteCount += layout.deleteCount;
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, blockCount);
  for (const { layout } of entries) encoding.writeUint8Array(encoder, layout!.blocks);
  if (deletesOverlap) {
    writeMergedDeletes(
      encoder,
      entries.map(({ layout }) => layout!),
    );
  } else {
    encoding.writeVarUint(encoder, deleteCount);
    for (const { layout } of entries) encoding.writeUint8Array(encoder, layout!.deletes);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The delete sets of several updates as one, each client once with its ranges in order, as
 * Yjs writes it. Yjs applies the ranges of items it has as they come, but keeps the ones it
 * lacks as pending deletions, re-encoded as differences from one range to the next: a client
 * named twice, or ranges out of order, came out as the wrong ranges there, so a receiver that
 * did not have the items yet (a client reconnecting) lost deletions for good.
 */
function writeMergedDeletes(encoder: encoding.Encoder, layouts: readonly UpdateLayout[]): void {
  const ranges = new Map<number, [clock: number, length: number][]>();
  for (const layout of layouts) {
    const decoder = decoding.createDecoder(layout.deletes);
    for (let c = 0; c < layout.deleteCount; c++) {
      const client = decoding.readVarUint(decoder);
      const count = decoding.readVarUint(decoder);
      let list = ranges.get(client);
      if (!list) ranges.set(client, (list = []));
      for (let r = 0; r < count; r++) list.push([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]);
    }
  }
  encoding.writeVarUint(encoder, ranges.size);
  for (const [client, list] of ranges) {
    list.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [clock, length] of list) {
      const last = merged[merged.length - 1];
      if (last && clock <= last[0] + last[1]) last[1] = Math.max(last[1], clock + length - last[0]);
      else merged.push([clock, length]);
    }
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, merged.length);
    for (const [clock, length] of merged) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, length);
    }
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
 * What each peer is sent of one run: ONE update message, the run's updates merged (applying it
 * is the same as applying its updates in order, in one transaction on the client: fewer
 * frames, fewer transactions, fewer observer calls). A peer that sent one of the updates gets
 * the merge of the others only: nothing is ever sent back to its sender. The merge for
 * everyone else is made once, when first asked.
 */
export function runMessages<Peer>(given: readonly Relayable<Peer>[]): (peer: Peer) => readonly Uint8Array[] {
  // Laid out here, once per run, only when there is something to merge.
  const run = given.length > 1 ? given.map((entry) => ({ ...entry, layout: entry.layout ?? updateLayout(entry.update) })) : given;
  let all: Uint8Array[] | null = null;
  return (peer) => {
    let own = -1;
    for (let i = 0; i < run.length; i++) {
      if (run[i]!.from === peer) {
        own = i;
        break;
      }
    }
    return own === -1 ? (all ??= messagesOf(run)) : run.length > 1 ? messagesOf(run.filter((_, i) => i !== own)) : [];
  };
}
