import { describe, expect, it } from 'vitest';
import { crc32, pngChunk, PngWriter } from './png';

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('the streamed PNG', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    // The IEND chunk every PNG ends with.
    expect([...pngChunk('IEND', new Uint8Array(0))]).toEqual([0, 0, 0, 0, 73, 69, 78, 68, 0xae, 0x42, 0x60, 0x82]);
  });

  it('writes a header with the size and the rows, filter byte first, in zlib data', async () => {
    const png = new PngWriter(2, 3);
    const rgba = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    await png.addRows(rgba.subarray(0, 16), 2);
    await png.addRows(rgba.subarray(16), 1);
    const bytes = new Uint8Array(await (await png.finish()).arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('IHDR');
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([2, 3]);
    // Every IDAT chunk's data, joined, inflates to the rows with their filter bytes.
    const parts: Uint8Array[] = [];
    for (let at = 8; at < bytes.length;) {
      const length = view.getUint32(at);
      const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8));
      if (type === 'IDAT') parts.push(bytes.subarray(at + 8, at + 8 + length));
      expect(view.getUint32(at + 8 + length)).toBe(crc32(bytes.subarray(at + 8, at + 8 + length), crc32(bytes.subarray(at + 4, at + 8))));
      at += 12 + length;
    }
    const raw = await inflate(new Uint8Array(parts.flatMap((part) => [...part])));
    expect(raw.length).toBe(3 * (1 + 8));
    expect([...raw.subarray(0, 9)]).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...raw.subarray(18)]).toEqual([0, 16, 17, 18, 19, 20, 21, 22, 23]);
  });

  it('refuses more rows than the picture has', async () => {
    const png = new PngWriter(1, 1);
    await expect(png.addRows(new Uint8Array(8), 2)).rejects.toThrow();
    png.abort();
  });
});
