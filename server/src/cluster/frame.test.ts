import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { boardOfChannel, channelFor, decodeFrame, encodeFrame, encodeRoomState, FrameError, FrameKind, INSTANCE_ID_BYTES, sameInstance } from './frame';

const instance = randomBytes(INSTANCE_ID_BYTES);

describe('cluster frames', () => {
  it('round-trips every kind with the sender’s instance id', () => {
    const update = decodeFrame(encodeFrame(instance, FrameKind.Update, new Uint8Array([1, 2, 3])));
    expect(update).toMatchObject({ kind: FrameKind.Update, update: new Uint8Array([1, 2, 3]) });
    expect(sameInstance(update.instanceId, instance)).toBe(true);
    expect(sameInstance(update.instanceId, randomBytes(INSTANCE_ID_BYTES))).toBe(false);

    expect(decodeFrame(encodeFrame(instance, FrameKind.Presence, new Uint8Array([9])))).toMatchObject({
      kind: FrameKind.Presence,
      presence: new Uint8Array([9]),
    });
    expect(decodeFrame(encodeRoomState(instance, { locked: true, showJoin: false }))).toMatchObject({
      kind: FrameKind.RoomState,
      state: { locked: true, showJoin: false },
    });
    expect(decodeFrame(encodeFrame(instance, FrameKind.Closed)).kind).toBe(FrameKind.Closed);
    expect(decodeFrame(encodeFrame(instance, FrameKind.Resync)).kind).toBe(FrameKind.Resync);
    expect(decodeFrame(encodeFrame(instance, FrameKind.Hello)).kind).toBe(FrameKind.Hello);
    expect(decodeFrame(encodeFrame(instance, FrameKind.Revoked, Buffer.from('viewer')))).toMatchObject({ kind: FrameKind.Revoked, role: 'viewer' });
  });

  it('lays a frame out as version, instance id, kind, payload', () => {
    const frame = encodeFrame(instance, FrameKind.Update, new Uint8Array([7]));
    expect([...frame]).toEqual([1, ...instance, 1, 7]);
  });

  const header = (kind: number, version = 1) => Buffer.concat([Buffer.from([version]), instance, Buffer.from([kind])]);
  it.each([
    ['an empty frame', Buffer.alloc(0), /shorter than its header/],
    ['a truncated header', header(1).subarray(0, 10), /shorter than its header/],
    ['an unknown version', Buffer.concat([header(1, 2), Buffer.from([1])]), /version 2/],
    ['an unknown kind', header(99), /kind 99/],
    ['an update without an update', header(FrameKind.Update), /without an update/],
    ['presence without presence', header(FrameKind.Presence), /without presence/],
    ['a room state that is not JSON', Buffer.concat([header(FrameKind.RoomState), Buffer.from('{locked')]), /not JSON/],
    ['a room state with a wrong type', Buffer.concat([header(FrameKind.RoomState), Buffer.from('{"locked":"yes","showJoin":true}')]), /locked, showJoin/],
    [
      'a room state with an extra field',
      Buffer.concat([header(FrameKind.RoomState), Buffer.from('{"locked":true,"showJoin":true,"x":1}')]),
      /locked, showJoin/,
    ],
    ['a closed frame with a payload', Buffer.concat([header(FrameKind.Closed), Buffer.from([1])]), /no payload/],
    ['a revoked frame naming no role', Buffer.concat([header(FrameKind.Revoked), Buffer.from('admin')]), /names no role/],
    ['a hello frame with a payload', Buffer.concat([header(FrameKind.Hello), Buffer.from([1])]), /no payload/],
  ])('rejects %s', (_what, data, message) => {
    expect(() => decodeFrame(data)).toThrow(FrameError);
    expect(() => decodeFrame(data)).toThrow(message);
  });

  it('names a board’s channel and reads the board back', () => {
    expect(channelFor('abc')).toBe('benchlearn:board:abc');
    expect(boardOfChannel(channelFor('abc'))).toBe('abc');
    expect(boardOfChannel('benchlearn:board:')).toBeNull();
    expect(boardOfChannel('other:abc')).toBeNull();
  });

  it('refuses an instance id of the wrong length', () => {
    expect(() => encodeFrame(new Uint8Array(3), FrameKind.Closed)).toThrow(RangeError);
  });
});
