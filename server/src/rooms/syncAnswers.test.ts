import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { SyncAnswers } from './syncAnswers';

/** The update inside a sync step 2 message. */
function payload(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

function textDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

describe('sync answers', () => {
  it('encodes the whole board once for any number of fresh joiners, and again after a change', () => {
    const doc = textDoc('hello');
    const answers = new SyncAnswers(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = answers.step2Message(empty);
    expect(answers.step2Message(empty)).toBe(first);
    doc.getText('t').insert(5, '!');
    const after = answers.step2Message(empty);
    expect(after).not.toBe(first);
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, payload(after));
    expect(joiner.getText('t').toString()).toBe('hello!');
    answers.destroy();
  });

  it('answers a client that has everything with the delete set only, cached; a client that lacks some gets it', () => {
    const doc = textDoc('hello');
    doc.getText('t').delete(0, 1);
    const answers = new SyncAnswers(doc);
    const upToDate = new Y.Doc();
    Y.applyUpdate(upToDate, Y.encodeStateAsUpdate(doc));
    const vector = Y.encodeStateVector(upToDate);
    const answer = answers.step2Message(vector);
    expect(answers.step2Message(vector)).toBe(answer);
    expect(Y.decodeUpdate(payload(answer)).structs).toHaveLength(0);

    const behind = new Y.Doc();
    Y.applyUpdate(behind, Y.encodeStateAsUpdate(doc));
    doc.getText('t').insert(0, 'J');
    const catchUp = answers.step2Message(Y.encodeStateVector(behind));
    Y.applyUpdate(behind, payload(catchUp));
    expect(behind.getText('t').toString()).toBe('Jello');
    expect(() => answers.step2Message(new Uint8Array([5, 200]))).toThrow();
    answers.destroy();
  });
});
