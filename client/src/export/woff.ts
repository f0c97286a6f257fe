/**
 * A WOFF font as the plain TrueType (sfnt) file it wraps: each table inflated once, by the
 * browser's own DecompressionStream. fontkit reads WOFF itself, but inflates a table in plain
 * JavaScript every time it reads from it: once per glyph, which made a PDF with DejaVu take
 * seconds.
 */
export async function sfntFromWoff(woff: Uint8Array): Promise<Uint8Array> {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) return woff; // not 'wOFF': already a plain font
  const flavor = view.getUint32(4);
  const count = view.getUint16(12);
  const tables = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const at = 44 + i * 20;
      const offset = view.getUint32(at + 4);
      const compressed = view.getUint32(at + 8);
      const length = view.getUint32(at + 12);
      const stored = woff.subarray(offset, offset + compressed);
      const data = compressed < length ? await inflate(stored) : stored;
      if (data.length !== length) throw new Error('damaged font file');
      return { tag: view.getUint32(at), checksum: view.getUint32(at + 16), data };
    }),
  );
  // sfnt: offset table, table records (sorted by tag, as in the WOFF), tables 4-byte aligned.
  const headerSize = 12 + 16 * count;
  const size = tables.reduce((sum, table) => sum + align4(table.data.length), headerSize);
  const out = new Uint8Array(size);
  const write = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(count));
  write.setUint32(0, flavor);
  write.setUint16(4, count);
  write.setUint16(6, power * 16);
  write.setUint16(8, Math.log2(power));
  write.setUint16(10, count * 16 - power * 16);
  let offset = headerSize;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    write.setUint32(record, table.tag);
    write.setUint32(record + 4, table.checksum);
    write.setUint32(record + 8, offset);
    write.setUint32(record + 12, table.data.length);
    out.set(table.data, offset);
    offset += align4(table.data.length);
  });
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
