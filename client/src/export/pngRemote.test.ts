import { describe, expect, it } from 'vitest';
import { PngWriter } from './png';
import { openPngCompressor, type CompressorPort, type CompressorReply, type CompressorRequest } from './pngRemote';

/** A compressor thread played in place: a real PngWriter behind the message protocol, answering on a later task. */
class FakeCompressor implements CompressorPort {
  onmessage: ((event: MessageEvent<CompressorReply>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  terminated = false;
  transferred = 0;
  private png: PngWriter | null = null;
  private queue = Promise.resolve();

  postMessage(message: CompressorRequest, transfer: Transferable[] = []): void {
    this.transferred += transfer.length;
    const copy = message.type === 'rows' ? { ...message, filtered: message.filtered.slice() } : message;
    this.queue = this.queue.then(() => this.handle(copy));
  }

  private answer(reply: CompressorReply): void {
    setTimeout(() => this.onmessage?.(new MessageEvent('message', { data: reply })), 0);
  }

  private async handle(message: CompressorRequest): Promise<void> {
    if (message.type === 'start') {
      this.png = new PngWriter(message.width, message.height);
      this.answer({ type: 'ready' });
    } else if (message.type === 'rows') {
      await this.png!.addFiltered(message.filtered, message.count);
      this.answer({ type: 'written', bytes: message.filtered.length });
    } else this.answer({ type: 'done', blob: await this.png!.finish() });
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('the PNG compressed in its own thread', () => {
  it('gets the rows with their filter bytes and gives back the same file as compressing in place', async () => {
    const port = new FakeCompressor();
    const remote = (await openPngCompressor(3, 2, () => port))!;
    expect(remote).not.toBeNull();
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 7) % 256);
    await remote.addRows(rgba.subarray(0, 12), 1);
    await remote.addRows(rgba.subarray(12), 1);
    const file = new Uint8Array(await (await remote.finish()).arrayBuffer());
    expect(port.transferred).toBe(2);
    expect(port.terminated).toBe(true);

    const local = new PngWriter(3, 2);
    await local.addRows(rgba, 2);
    expect(file).toEqual(new Uint8Array(await (await local.finish()).arrayBuffer()));
  });

  it('compresses in place when no compressor thread starts', async () => {
    const broken: CompressorPort = {
      onmessage: null,
      onerror: null,
      terminate: () => undefined,
      postMessage() {
        setTimeout(() => this.onerror?.(new Event('error', { cancelable: true })), 0);
      },
    };
    expect(await openPngCompressor(3, 2, () => broken)).toBeNull();
    expect(
      await openPngCompressor(3, 2, () => {
        throw new Error('no nested workers');
      }),
    ).toBeNull();
  });

  it('a failure in the compressor fails the export', async () => {
    const port = new FakeCompressor();
    const remote = (await openPngCompressor(3, 2, () => port))!;
    port.onmessage?.(new MessageEvent('message', { data: { type: 'failed', message: 'out of memory' } satisfies CompressorReply }));
    await expect(remote.addRows(new Uint8Array(12), 1)).rejects.toThrow('out of memory');
  });
});
