/**
 * A PNG written strip by strip (RGBA, 8 bits, no interlace), compressed by the browser's own
 * CompressionStream ('deflate' is the zlib format PNG's IDAT holds). No full-size canvas or
 * pixel buffer ever exists, so a board far larger than a canvas may be still becomes one file.
 */

const SIGNATURE = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it; `crc` continues an earlier run. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/** One chunk: length, type, data, CRC of type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typeBytes = ascii(type);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(data, crc32(typeBytes)));
  return out;
}

function header(width: number, height: number): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  return data;
}

/**
 * `count` rows of `width` RGBA pixels as PNG scanlines: each row starts with its filter type.
 * 0 (none) keeps the work light; flat board areas compress well without a filter. Always a
 * fresh buffer: a compressor may still hold the chunk after the write resolves (Node's does),
 * and another thread may be handed it.
 */
export function filterRows(rgba: Uint8Array, count: number, width: number): Uint8Array<ArrayBuffer> {
  const stride = width * 4;
  if (rgba.length < count * stride) throw new Error('not enough pixels for the rows');
  const filtered = new Uint8Array(count * (stride + 1));
  for (let row = 0; row < count; row++) {
    filtered.set(rgba.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }
  return filtered;
}

/** Where a picture's rows go to become a PNG file: a PngWriter here, or one in another thread. */
export interface PngSink {
  addRows(rgba: Uint8Array, count: number): Promise<void>;
  finish(): Promise<Blob>;
  abort(): void;
}

export class PngWriter implements PngSink {
  private readonly writer: WritableStreamDefaultWriter<Uint8Array<ArrayBuffer>>;
  private readonly parts: Uint8Array<ArrayBuffer>[] = [];
  private readonly drained: Promise<void>;
  private rows = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    const stream = new CompressionStream('deflate');
    this.writer = stream.writable.getWriter();
    this.parts.push(SIGNATURE, pngChunk('IHDR', header(width, height)));
    // Compressed output becomes IDAT chunks as it arrives, so its CRC work is spread out too.
    this.drained = (async () => {
      const reader = stream.readable.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value.length > 0) this.parts.push(pngChunk('IDAT', value));
      }
    })();
    // An aborted export rejects this with nobody waiting; finish() still sees a failure.
    this.drained.catch(() => undefined);
  }

  /**
   * Adds whole rows, top to bottom: `rgba` holds `count` rows of `width` pixels (4 bytes each,
   * not premultiplied, as getImageData gives them; pass a Uint8Array view of its bytes).
   */
  async addRows(rgba: Uint8Array, count: number): Promise<void> {
    await this.addFiltered(filterRows(rgba, count, this.width), count);
  }

  /** Adds rows already given their filter bytes (filterRows). */
  async addFiltered(filtered: Uint8Array<ArrayBuffer>, count: number): Promise<void> {
    if (filtered.length !== count * (this.width * 4 + 1)) throw new Error('the rows do not match the picture’s width');
    if (this.rows + count > this.height) throw new Error('more rows than the picture has');
    this.rows += count;
    await this.writer.ready;
    await this.writer.write(filtered);
  }

  /** The file, once every row has been added. */
  async finish(): Promise<Blob> {
    if (this.rows !== this.height) throw new Error(`the picture has ${this.rows} of ${this.height} rows`);
    await this.writer.close();
    await this.drained;
    this.parts.push(pngChunk('IEND', new Uint8Array(0)));
    return new Blob(this.parts, { type: 'image/png' });
  }

  /** Gives up (the export was cancelled): the stream is closed, nothing is kept. */
  abort(): void {
    void this.writer.abort().catch(() => undefined);
  }
}
