import { describe, expect, it } from 'vitest';
import {
  OFFLINE_AFTER_FAILURES,
  combineConnectionStates,
  initialConnectionState,
  nextConnectionState,
  type ConnectionEvent,
  type ConnectionState,
} from './connectionState';

const run = (events: ConnectionEvent[], start: ConnectionState = initialConnectionState()) => events.reduce(nextConnectionState, start);

describe('the connection status', () => {
  it('starts connecting and becomes connected', () => {
    expect(initialConnectionState().status).toBe('connecting');
    expect(run([{ type: 'connecting' }, { type: 'connected' }]).status).toBe('connected');
  });

  it('says reconnecting after a lost connection, then offline after failed attempts', () => {
    let state = run([{ type: 'connected' }, { type: 'closed', code: 1006 }]);
    expect(state).toMatchObject({ status: 'connecting', reconnecting: true });
    for (let i = 1; i < OFFLINE_AFTER_FAILURES; i++) state = run([{ type: 'connecting' }, { type: 'closed', code: 1006 }], state);
    expect(state.status).toBe('offline');
    state = run([{ type: 'connecting' }], state);
    expect(state.status).toBe('offline');
    expect(run([{ type: 'connected' }], state)).toMatchObject({ status: 'connected', failures: 0 });
  });

  it('follows the browser going offline and online', () => {
    const offline = run([{ type: 'connected' }, { type: 'browser-offline' }]);
    expect(offline.status).toBe('offline');
    expect(run([{ type: 'closed', code: 1006 }, { type: 'browser-online' }], offline).status).toBe('connecting');
  });

  it('stops at a final code and stays stopped', () => {
    const stopped = run([{ type: 'connected' }, { type: 'closed', code: 4404 }]);
    expect(stopped).toMatchObject({ status: 'offline', finalCode: 4404 });
    expect(run([{ type: 'connecting' }, { type: 'connected' }, { type: 'browser-online' }], stopped)).toBe(stopped);
  });

  it('treats a close it made itself (no code) as one that heals', () => {
    expect(run([{ type: 'connected' }, { type: 'closed', code: null }])).toMatchObject({ status: 'connecting', finalCode: null });
  });
});

describe('the status of a board’s two connections', () => {
  const connected = run([{ type: 'connected' }, { type: 'synced', synced: true }]);
  const connecting = initialConnectionState();

  it('is connected and synced only when both are', () => {
    expect(combineConnectionStates([connected, connected])).toMatchObject({ status: 'connected', synced: true });
    expect(combineConnectionStates([connected, connecting])).toMatchObject({ status: 'connecting', synced: false });
    expect(combineConnectionStates([connected, run([{ type: 'connected' }])])).toMatchObject({ status: 'connected', synced: false });
  });

  it('is offline when either is', () => {
    const offline = run([{ type: 'browser-offline' }], connected);
    expect(combineConnectionStates([connected, offline])).toMatchObject({ status: 'offline', browserOffline: true });
  });

  it('stops for good when either closed with a final code', () => {
    const refused = run([{ type: 'closed', code: 4413 }], connected);
    const stopped = combineConnectionStates([connected, refused]);
    expect(stopped).toMatchObject({ status: 'offline', finalCode: 4413, synced: false });
    expect(combineConnectionStates([connected, connected], stopped)).toBe(stopped);
  });

  it('keeps the same object while nothing shown changes', () => {
    const first = combineConnectionStates([connected, connecting]);
    expect(combineConnectionStates([connected, { ...connecting }], first)).toBe(first);
  });
});
