import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { addCard, newBoardDocs, type BoardDocument } from '@benchlearn/shared';
import { connectRaw, syncUrlFor, updateMessage, type RawClient } from '../../server/src/testing/testkit';

// Bare sockets for what a stock client never sends (hostile and broken updates), and for
// counting what a joiner downloads.

const MESSAGE_SYNC = 0;

/** A bare socket on one of a board's documents at a server process (http://…). */
export function rawSocket(serverUrl: string, boardId: string, token: string, doc: BoardDocument = 'content'): RawClient {
  return connectRaw(syncUrlFor({ syncUrl: `${serverUrl.replace(/^http/, 'ws')}/sync` }, boardId, token, doc));
}

/** A sync step 1 carrying `stateVector` (empty: "send me everything"). */
export function syncStep1Message(stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

export { updateMessage };

/** Whether a message from the server is a sync step 2 (the answer to a step 1). */
export function isSyncStep2(message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  return decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
}

/** The outcome of one socket: its close code, or null while it is open. */
export async function closedWithin(client: RawClient, ms: number): Promise<{ code: number; reason: string } | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([client.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Bytes a fresh joiner of one document downloads: a bare socket asks for everything (step 1
 * with an empty state vector) and counts every byte received until the step 2 answer, and
 * for `settleMs` after it (the server's own step 1 and presence come too).
 */
export async function joinerDownload(serverUrl: string, boardId: string, token: string, doc: BoardDocument, settleMs = 200): Promise<number> {
  const client = rawSocket(serverUrl, boardId, token, doc);
  try {
    await client.opened;
    client.ws.send(syncStep1Message());
    const deadline = Date.now() + 20_000;
    while (!client.received.some(isSyncStep2)) {
      if (Date.now() > deadline) throw new Error(`no sync step 2 for ${doc} within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return client.received.reduce((total, message) => total + message.byteLength, 0);
  } finally {
    client.ws.close();
  }
}

/**
 * An update whose earlier part never arrives: a new client adds a card (its clocks 0..n),
 * then writes `bytes` of text into it; only the second part is returned. A server that has
 * not seen the card cannot place the text, and Yjs keeps it aside as pending structs.
 */
export function pendingOnlyUpdate(bytes: number, seed = 0): Uint8Array {
  const board = newBoardDocs();
  const card = addCard(board, { kind: 'note', x: seed, y: 0, text: 'first part', authorId: 'ghost', authorName: 'Ghost' });
  const before = Y.encodeStateVector(board.content);
  const text = board.content.getMap<Y.Map<unknown>>('cards').get(card)!.get('text') as Y.Text;
  // One string struct of `bytes` ASCII characters: its encoding is about `bytes` long.
  text.insert(0, 'x'.repeat(bytes));
  const update = Y.encodeStateAsUpdate(board.content, before);
  board.content.destroy();
  board.control.destroy();
  return update;
}

export type { RawClient };
