import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { Value } from '@sinclair/typebox/value';
import { MAX_PRESENCE_BYTES, Presence } from '@benchlearn/shared';
import { MAX_SHARED_SELECTION, peersOf, setPresenceSelection, setPresenceUser, startPresence } from './presence';

const ann = { id: 'ann', name: 'Ann', color: '#d81b60' };

function awarenessWith(...states: Record<string, unknown>[]): Awareness {
  const awareness = new Awareness(new Y.Doc());
  states.forEach((state, i) => awareness.states.set(1000 + i, state));
  return awareness;
}

describe('presence', () => {
  it('starts with the contract’s shape', () => {
    const awareness = new Awareness(new Y.Doc());
    startPresence(awareness, ann);
    const state = awareness.getLocalState();
    expect(Value.Check(Presence, state)).toBe(true);
    expect(state).toMatchObject({ user: ann, cursor: null, selection: [], presenting: false, dragging: null });
    awareness.destroy();
  });

  it('keeps fields the canvas already set', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ cursor: { x: 1, y: 2 } });
    startPresence(awareness, ann);
    expect(awareness.getLocalState()?.cursor).toEqual({ x: 1, y: 2 });
    awareness.destroy();
  });

  it('mirrors the selection, small enough for the server’s presence limit', () => {
    const awareness = new Awareness(new Y.Doc());
    startPresence(awareness, ann);
    setPresenceSelection(awareness, new Set(['a', 'b']));
    expect(awareness.getLocalState()?.selection).toEqual(['a', 'b']);
    const many = Array.from({ length: 1000 }, (_, i) => `${i}`.padStart(21, 'x'));
    setPresenceSelection(awareness, many);
    const state = awareness.getLocalState();
    expect(state?.selection).toHaveLength(MAX_SHARED_SELECTION);
    expect(new TextEncoder().encode(JSON.stringify({ ...state, viewport: { x: 1e6, y: 1e6, scale: 1, width: 4000, height: 3000 } })).length).toBeLessThan(
      MAX_PRESENCE_BYTES,
    );
    awareness.destroy();
  });

  it('updates the user when the name changes, and only then', () => {
    const awareness = new Awareness(new Y.Doc());
    startPresence(awareness, ann);
    let changes = 0;
    awareness.on('change', () => changes++);
    setPresenceUser(awareness, ann);
    expect(changes).toBe(0);
    setPresenceUser(awareness, { ...ann, name: 'Annie' });
    expect(awareness.getLocalState()?.user).toEqual({ ...ann, name: 'Annie' });
    expect(changes).toBe(1);
    awareness.destroy();
  });

  it('lists each person once, yourself first, and ignores malformed states', () => {
    const awareness = awarenessWith(
      { user: { id: 'bob', name: 'Bob', color: '#1e88e5' } },
      { user: { id: 'bob', name: 'Bob', color: '#1e88e5' } }, // Bob's second tab
      { user: { id: 'cy', name: 'Cy', color: '#43a047' } },
      { user: { id: 42, name: 'Bad' } },
      {},
    );
    startPresence(awareness, ann);
    expect(peersOf(awareness, 'ann').map((p) => [p.id, p.self])).toEqual([
      ['ann', true],
      ['bob', false],
      ['cy', false],
    ]);
    awareness.destroy();
  });
});
