import { describe, expect, it } from 'vitest';
import { Fanout, FANOUT_SLICE, type FanoutPeer } from './fanout';

/** A peer that records its messages and how many writes they took (a corked run is one). */
class Recorder implements FanoutPeer {
  readonly received: number[] = [];
  constructor(readonly writer = false) {}
  writes = 0;
  private corked = false;
  private wroteWhileCorked = false;
  send(message: Uint8Array): void {
    this.received.push(message[0]!);
    if (!this.corked) this.writes += 1;
    else this.wroteWhileCorked = true;
  }
  cork(): void {
    this.corked = true;
  }
  uncork(): void {
    this.corked = false;
    if (this.wroteWhileCorked) this.writes += 1;
    this.wroteWhileCorked = false;
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const message = (n: number) => new Uint8Array([n]);
/** Every peer but `except` gets message n. */
const toAllBut = (n: number, except: Recorder | null) => (peer: Recorder) => (peer === except ? [] : [message(n)]);

function room(size: number): { peers: Set<Recorder>; list: Recorder[]; fanout: Fanout<Recorder> } {
  const list = Array.from({ length: size }, () => new Recorder());
  const peers = new Set(list);
  const fanout = new Fanout(peers);
  for (const peer of list) fanout.joined(peer);
  return { peers, list, fanout };
}

async function settle(fanout: Fanout<Recorder>): Promise<void> {
  for (let i = 0; i < 1000 && fanout.busy; i++) await turn();
  expect(fanout.busy).toBe(false);
}

describe('the fan-out of a room', () => {
  it('sends to a room of up to FANOUT_SLICE peers at once, never to the sender', () => {
    const { list, fanout } = room(FANOUT_SLICE);
    fanout.send(toAllBut(1, list[3]!));
    fanout.send(toAllBut(2, null));
    expect(fanout.busy).toBe(false);
    expect(list[0]!.received).toEqual([1, 2]);
    expect(list[3]!.received).toEqual([2]);
  });

  it('sends to a bigger room a slice per turn; every peer gets every relay in order, the lagging ones in one write', async () => {
    const { list, fanout } = room(FANOUT_SLICE * 3 + 5);
    const sender = list[FANOUT_SLICE * 2]!;
    fanout.send(toAllBut(1, null));
    // The first slice at once, the rest later: the event loop is free in between.
    expect(list[0]!.received).toEqual([1]);
    expect(list[FANOUT_SLICE]!.received).toEqual([]);
    await turn();
    expect(list[FANOUT_SLICE]!.received).toEqual([1]);
    // Two more relays while the pass is on: the peers not reached yet get all three in one write.
    fanout.send(toAllBut(2, sender));
    fanout.send(toAllBut(3, null));
    await settle(fanout);
    for (const peer of list) expect(peer.received).toEqual(peer === sender ? [1, 3] : [1, 2, 3]);
    const last = list[list.length - 1]!;
    expect(last.writes).toBe(1);
    // The first peers got the first relay alone, then the next two together in the next pass.
    expect(list[0]!.writes).toBe(2);
  });

  it('a peer joining during a pass is sent only what comes after; peers that left hold nothing back', async () => {
    const { peers, list, fanout } = room(FANOUT_SLICE * 2 + 1);
    fanout.send(toAllBut(1, null));
    const late = new Recorder();
    peers.add(late);
    fanout.joined(late);
    const gone = list[list.length - 1]!;
    peers.delete(gone);
    fanout.left(gone);
    fanout.send(toAllBut(2, null));
    await settle(fanout);
    expect(late.received).toEqual([2]);
    expect(gone.received).toEqual([]);
    expect(list[0]!.received).toEqual([1, 2]);
    // Nothing is kept once everyone has it: the next relay to a small room goes at once.
    for (const peer of list.slice(1)) {
      peers.delete(peer);
      fanout.left(peer);
    }
    fanout.send(toAllBut(3, null));
    expect(late.received).toEqual([2, 3]);
  });

  it('sends to the peers who may write at once, however big the room; viewers get it within a pass', async () => {
    const viewers = Array.from({ length: FANOUT_SLICE * 4 }, () => new Recorder());
    const editors = [new Recorder(true), new Recorder(true)];
    const peers = new Set([...viewers, ...editors]);
    const fanout = new Fanout(peers, (peer) => peer.writer);
    for (const peer of peers) fanout.joined(peer);
    fanout.send(toAllBut(1, editors[0]!));
    fanout.send(toAllBut(2, editors[1]!));
    // The editors joined last, yet neither waits for the pass.
    expect(editors[0]!.received).toEqual([2]);
    expect(editors[1]!.received).toEqual([1]);
    expect(viewers[viewers.length - 1]!.received).toEqual([]);
    await settle(fanout);
    for (const viewer of viewers) expect(viewer.received).toEqual([1, 2]);
    expect(editors[0]!.received).toEqual([2]);
    expect(editors[1]!.received).toEqual([1]);
  });

  it('keeps the order when a big room shrinks while a pass is on', async () => {
    const { peers, list, fanout } = room(FANOUT_SLICE + 10);
    fanout.send(toAllBut(1, null));
    for (const peer of list.slice(FANOUT_SLICE - 20, FANOUT_SLICE)) {
      peers.delete(peer);
      fanout.left(peer);
    }
    // Now a small room, but the pass is on: the next relay waits behind it.
    fanout.send(toAllBut(2, null));
    await settle(fanout);
    for (const peer of peers) expect(peer.received).toEqual([1, 2]);
  });
});
