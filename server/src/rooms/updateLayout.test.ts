import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { updateLayout } from './updateLayout';

/** A small seeded generator (mulberry32), so a failure names its case. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One change of each kind of content Yjs writes: any values, strings, formats, embeds, XML, binary, subdocuments, deletes. */
function change(doc: Y.Doc, next: () => number, step: number): void {
  const map = doc.getMap('cards');
  const text = doc.getText('text');
  const list = doc.getArray<unknown>('list');
  const xml = doc.getXmlFragment('xml');
  switch (Math.floor(next() * 9)) {
    case 0:
      map.set(`k${step % 7}`, { x: next() * 1000, y: -Math.floor(next() * 1e6), big: 2 ** 40, nested: { a: [1, 'two', null, true, false] }, none: undefined });
      break;
    case 1:
      text.insert(Math.floor(next() * (text.length + 1)), `tekst ${step} ✓ 😀`);
      break;
    case 2:
      if (text.length > 2) text.format(0, 2, { bold: true });
      text.insertEmbed(0, { image: 'a.png' });
      break;
    case 3:
      list.push([new Uint8Array([step, 1, 2]), 1.5, -step, 'los']);
      break;
    case 4: {
      const element = new Y.XmlElement('p');
      element.setAttribute('class', 'c');
      element.insert(0, [new Y.XmlText('hi')]);
      xml.insert(0, [new Y.XmlHook('hook') as unknown as Y.XmlElement]);
      xml.insert(0, [element]);
      break;
    }
    case 5:
      list.push([new Y.Doc({ guid: `sub-${step}` })]);
      break;
    case 6:
      if (text.length > 1) text.delete(0, 1);
      break;
    case 7:
      map.delete(`k${step % 7}`);
      break;
    default:
      list.insert(0, [new Y.Map(), new Y.Array(), 'plain']);
  }
}

function reassembled(layout: NonNullable<ReturnType<typeof updateLayout>>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, layout.clients.length);
  encoding.writeUint8Array(encoder, layout.blocks);
  encoding.writeVarUint(encoder, layout.deleteCount);
  encoding.writeUint8Array(encoder, layout.deletes);
  return encoding.toUint8Array(encoder);
}

describe('the layout of an update, read from its bytes', () => {
  it('finds the clients and the boundary between structs and delete set, as Yjs decodes them (seed 11)', () => {
    const next = random(11);
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    for (let step = 0; step < 300; step++) {
      const doc = docs[step % docs.length]!;
      const before = Y.encodeStateVector(doc);
      change(doc, next, step);
      const update = Y.encodeStateAsUpdate(doc, before);
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update);
      // The whole state now and then: GC structs, deleted content and several clients' blocks.
      for (const bytes of step % 10 === 9 ? [update, Y.encodeStateAsUpdate(doc)] : [update]) {
        const layout = updateLayout(bytes);
        expect(layout, `step ${step}`).not.toBeNull();
        const decoded = Y.decodeUpdate(bytes);
        expect(layout!.clients).toEqual([...new Set(decoded.structs.map((struct) => struct.id.client))]);
        expect(layout!.deleteCount).toBe(decoded.ds.clients.size);
        expect(reassembled(layout!)).toEqual(bytes);
      }
    }
  }, 20_000);

  it('answers null, never throws, for bytes Yjs does not write (seed 12)', () => {
    const next = random(12);
    const doc = new Y.Doc();
    for (let step = 0; step < 40; step++) change(doc, next, step);
    const honest = Y.encodeStateAsUpdate(doc);
    expect(updateLayout(honest)).not.toBeNull();
    expect(updateLayout(honest.subarray(0, honest.length - 1))).toBeNull();
    expect(updateLayout(new Uint8Array([...honest, 0]))).toBeNull();
    for (let i = 0; i < 5000; i++) {
      const bytes = i % 2 === 0 ? honest.slice() : new Uint8Array(Math.floor(next() * 64)).map(() => Math.floor(next() * 256));
      const at = Math.floor(next() * bytes.length);
      if (i % 2 === 0) bytes[at] = bytes[at]! ^ (1 << Math.floor(next() * 8));
      expect(() => updateLayout(bytes)).not.toThrow();
    }
  });
});
