import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { binaryFrame, frameWriter } from './frames';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A real socket pair on 127.0.0.1: the server's end and what the client receives. */
async function socketPair(): Promise<{ server: WebSocket; received: Buffer[]; next: () => Promise<Buffer> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const serverEnd = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  cleanups.push(() => {
    client.terminate();
    wss.close();
  });
  const received: Buffer[] = [];
  const waiters: ((message: Buffer) => void)[] = [];
  client.on('message', (data: Buffer, isBinary: boolean) => {
    expect(isBinary).toBe(true);
    const waiter = waiters.shift();
    if (waiter) waiter(data);
    else received.push(data);
  });
  await new Promise<void>((resolve) => client.once('open', () => resolve()));
  const next = () => {
    const ready = received.shift();
    return ready ? Promise.resolve(ready) : new Promise<Buffer>((resolve) => waiters.push(resolve));
  };
  return { server: await serverEnd, received, next };
}

describe('a message framed once', () => {
  it('arrives whole at a ws client for every length encoding (7, 16 and 64 bits)', async () => {
    const { server, next } = await socketPair();
    const writer = frameWriter(server);
    expect(writer).not.toBeNull();
    for (const length of [0, 1, 125, 126, 300, 65_535, 65_536, 200_000]) {
      const message = new Uint8Array(length).map((_, i) => (i * 7 + length) % 251);
      writer!.sendFrame([binaryFrame(message)]);
      expect(Buffer.compare(await next(), Buffer.from(message))).toBe(0);
    }
  });

  it('is framed once for a run of sockets, and again for the next message', () => {
    const first = new Uint8Array([1, 2, 3]);
    const frame = binaryFrame(first);
    expect(binaryFrame(first)).toBe(frame);
    expect([...frame]).toEqual([0x82, 3, 1, 2, 3]);
    const second = new Uint8Array([1, 2, 3]);
    expect(binaryFrame(second)).not.toBe(frame);
  });
});
