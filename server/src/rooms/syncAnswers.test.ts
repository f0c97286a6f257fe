import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { SyncAnswers } from './syncAnswers';

/** The update inside a sync step 2 or update message. */
function payload(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

/** Applies an answer (step 2 and what follows it) to a document, as a stock client does. */
function applyAnswer(doc: Y.Doc, messages: readonly Uint8Array[]): void {
  for (const message of messages) Y.applyUpdate(doc, payload(message));
}

function textDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

/** A state vector naming only `client` at `clock`. */
function vectorOf(client: number, clock: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  return encoding.toUint8Array(encoder);
}

describe('sync answers', () => {
  it('encodes the whole board once for any number of fresh joiners; after a change it sends the change after it', () => {
    const doc = textDoc('hello');
    const answers = new SyncAnswers(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const [first] = answers.step2Messages(empty);
    expect(answers.step2Messages(empty)).toEqual([first]);
    doc.getText('t').insert(5, '!');
    const after = answers.step2Messages(empty);
    // Not encoded again: the cached board, then the update made since.
    expect(after[0]).toBe(first);
    expect(after).toHaveLength(2);
    const joiner = new Y.Doc();
    applyAnswer(joiner, after);
    expect(joiner.getText('t').toString()).toBe('hello!');
    answers.destroy();
  });

  it('a state vector of clients the board does not have gets the cached whole board (issue 12: asking again and again)', () => {
    const doc = textDoc('hello');
    const answers = new SyncAnswers(doc);
    const [whole] = answers.step2Messages(Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 50; i++) expect(answers.step2Messages(vectorOf(1000 + i, 0))).toEqual([whole]);
    expect(answers.step2Messages(vectorOf(doc.clientID, 0))).toEqual([whole]);
    answers.destroy();
  });

  it('encodes a partial answer for a client that lacks a little; the whole board (cached) for one that lacks most, or past the room’s budget', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (let i = 0; i < 200; i++) text.insert(text.length, `line ${i}\n`);
    const answers = new SyncAnswers(doc);
    const whole = answers.step2Messages(Y.encodeStateVector(new Y.Doc()))[0];
    const clock = Y.getState(doc.store, doc.clientID);
    const nearly = vectorOf(doc.clientID, clock - 5);
    const [partial] = answers.step2Messages(nearly);
    expect(partial).not.toBe(whole);
    expect(partial!.length).toBeLessThan(whole!.length / 10);
    // Lacking most of the board: the cached whole board, however much budget is left.
    expect(answers.step2Messages(vectorOf(doc.clientID, 3))).toEqual([whole]);
    // The budget is time: a burst of partial answers ends in the whole board.
    const started = performance.now();
    let fellBack = false;
    while (!fellBack && performance.now() - started < 5_000) fellBack = answers.step2Messages(nearly)[0] === whole;
    expect(fellBack).toBe(true);
    for (const answer of [[partial!], [whole!]]) {
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(doc, vectorOf(doc.clientID, 0)));
      applyAnswer(client, answer);
      expect(client.getText('t').toString()).toBe(text.toString());
    }
    answers.destroy();
  });

  it('answers a client that has everything with the delete set only, cached; a client that lacks some gets it', () => {
    const doc = textDoc('hello');
    doc.getText('t').delete(0, 1);
    const answers = new SyncAnswers(doc);
    const upToDate = new Y.Doc();
    Y.applyUpdate(upToDate, Y.encodeStateAsUpdate(doc));
    const vector = Y.encodeStateVector(upToDate);
    const answer = answers.step2Messages(vector);
    expect(answers.step2Messages(vector)).toEqual(answer);
    expect(answer).toHaveLength(1);
    expect(Y.decodeUpdate(payload(answer[0]!)).structs).toHaveLength(0);

    const behind = new Y.Doc();
    Y.applyUpdate(behind, Y.encodeStateAsUpdate(doc));
    doc.getText('t').insert(0, 'J');
    doc.getText('t').delete(4, 1);
    applyAnswer(behind, answers.step2Messages(Y.encodeStateVector(behind)));
    expect(behind.getText('t').toString()).toBe('Jell');
    // An up-to-date client gets the cached delete set and the changes since, deletions included.
    const current = new Y.Doc();
    Y.applyUpdate(current, Y.encodeStateAsUpdate(doc));
    const stale = new Y.Doc();
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(upToDate));
    const cached = answers.step2Messages(Y.encodeStateVector(current));
    expect(cached[0]).toBe(answer[0]);
    expect(cached).toHaveLength(3);
    applyAnswer(stale, cached);
    expect(stale.getText('t').toString()).toBe('Jell');
    expect(() => answers.step2Messages(new Uint8Array([5, 200]))).toThrow();
    answers.destroy();
  });

  it('encodes the board again once the changes since the cached answer outgrow it', () => {
    const doc = textDoc('x');
    const answers = new SyncAnswers(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const [first] = answers.step2Messages(empty);
    for (let i = 0; i < 300; i++) doc.getText('t').insert(0, 'y');
    const again = answers.step2Messages(empty);
    expect(again[0]).not.toBe(first);
    const joiner = new Y.Doc();
    applyAnswer(joiner, again);
    expect(joiner.getText('t').length).toBe(301);
    answers.destroy();
  });
});
