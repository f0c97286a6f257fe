import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addFrame, boardMaps, deleteCards, initBoard, linkCards, readFrames, replaceCardText, setBoardTitle, updateFrame } from '@benchlearn/shared';
import { rootsTouched } from './writeScope';

/** A server-side document and a client that has synced it, so the client's changes are deltas. */
function pair() {
  const server = new Y.Doc();
  initBoard(server, { title: 'Scope', template: 'benchlearning', locale: 'en' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** What the client changes with `change`, as the update it would send. */
function delta(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change();
  return Y.encodeStateAsUpdate(client, before);
}

const author = { authorId: 'a', authorName: 'A' };

describe('rootsTouched', () => {
  it('sees cards and links for card work, including typing into a card made earlier', () => {
    const { server, client } = pair();
    let id = '';
    const add = delta(client, () => (id = addCard(client, { kind: 'success', x: 0, y: 0, ...author })));
    expect(rootsTouched(server, add)).toEqual(new Set(['cards']));
    Y.applyUpdate(server, add);
    const lesson = addCard(client, { kind: 'lesson', x: 0, y: 0, ...author });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    expect(rootsTouched(server, delta(client, () => replaceCardText(client, id, 'typed later')))).toEqual(new Set(['cards']));
    expect(rootsTouched(server, delta(client, () => linkCards(client, id, lesson, 'a')))).toEqual(new Set(['links']));
  });

  it('sees a deletion of a card with its links', () => {
    const { server, client } = pair();
    const s = addCard(client, { kind: 'success', x: 0, y: 0, ...author });
    const l = addCard(client, { kind: 'lesson', x: 0, y: 0, ...author });
    linkCards(client, s, l, 'a');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(rootsTouched(server, delta(client, () => deleteCards(client, [l])))).toEqual(new Set(['cards', 'links']));
  });

  it('sees frame and meta changes, new or nested', () => {
    const { server, client } = pair();
    const frame = readFrames(client)[0]!;
    // Each change reaches the server before the next, as over a socket.
    const touched = (change: () => void) => {
      const update = delta(client, change);
      const roots = rootsTouched(server, update);
      Y.applyUpdate(server, update);
      return roots;
    };
    expect(touched(() => updateFrame(client, frame.id, { title: 'Renamed' }))).toEqual(new Set(['frames']));
    expect(touched(() => addFrame(client, { title: 'New', x: 0, y: 0, w: 10, h: 10 }))).toEqual(new Set(['frames']));
    expect(touched(() => setBoardTitle(client, 'Mine now'))).toEqual(new Set(['meta']));
    expect(touched(() => boardMaps(client).frames.delete(frame.id))).toEqual(new Set(['frames']));
    expect(touched(() => boardMaps(client).cards.set('x'.repeat(21), new Y.Map()))).toEqual(new Set(['cards']));
  });

  it('ignores deletions it already has, as a full sync message repeats them', () => {
    const { server, client } = pair();
    const id = addCard(client, { kind: 'note', x: 0, y: 0, ...author });
    deleteCards(client, [id]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const again = addCard(client, { kind: 'note', x: 1, y: 1, ...author });
    expect(again).toBeTruthy();
    // Everything the client has, against everything the server has: the old deletion rides along.
    expect(rootsTouched(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toEqual(new Set(['cards']));
  });

  it('cannot judge an update that builds on content it has never seen', () => {
    const { server, client } = pair();
    const id = addCard(client, { kind: 'note', x: 0, y: 0, ...author });
    // The card's creation never reached the server; only the later edit does.
    expect(rootsTouched(server, delta(client, () => replaceCardText(client, id, 'orphan')))).toBeNull();
  });
});
