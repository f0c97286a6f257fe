import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Awareness } from 'y-protocols/awareness';
import type { Presence } from '@benchlearn/shared';
import type { Identity } from '../platform/identity';

export type { Identity };

/**
 * The server drops a presence state over 4 KiB (contract §3), which would drop the cursor too.
 * A card id is 21 characters, so a hundred ids (~2.5 KiB) is what a selection may share.
 */
export const MAX_SHARED_SELECTION = 100;

export const INITIAL_VIEWPORT: Presence['viewport'] = { x: 0, y: 0, scale: 1, width: 0, height: 0 };

function presenceUser(identity: Identity): Presence['user'] {
  return { id: identity.id.slice(0, 100), name: identity.name.slice(0, 100), color: identity.color.slice(0, 50) };
}

/**
 * Sets this browser's presence (contract §2). The page owns `user` and `selection`; the canvas
 * owns `cursor`, `viewport` and `dragging`. Fields already set (a canvas that started first)
 * are kept.
 */
export function startPresence(awareness: Awareness, identity: Identity): void {
  const current = (awareness.getLocalState() ?? {}) as Partial<Presence>;
  const state: Presence = {
    user: presenceUser(identity),
    cursor: current.cursor ?? null,
    viewport: current.viewport ?? INITIAL_VIEWPORT,
    selection: current.selection ?? [],
    presenting: current.presenting ?? false,
    dragging: current.dragging ?? null,
  };
  awareness.setLocalState({ ...current, ...state });
}

export function setPresenceUser(awareness: Awareness, identity: Identity): void {
  const user = presenceUser(identity);
  const current = awareness.getLocalState()?.user as Presence['user'] | undefined;
  if (current && current.id === user.id && current.name === user.name && current.color === user.color) return;
  awareness.setLocalStateField('user', user);
}

export function setPresenceSelection(awareness: Awareness, ids: Iterable<string>): void {
  const selection = [...ids].filter((id) => id.length <= 100).slice(0, MAX_SHARED_SELECTION);
  const current = awareness.getLocalState()?.selection;
  if (Array.isArray(current) && current.length === selection.length && current.every((id, i) => id === selection[i])) return;
  awareness.setLocalStateField('selection', selection);
}

/** Someone on the board, once, however many tabs they have open. */
export interface Peer {
  id: string;
  name: string;
  color: string;
  self: boolean;
}

const PresenceUser = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  name: Type.String({ maxLength: 100 }),
  color: Type.String({ maxLength: 50 }),
});

/**
 * Who is on the board: other clients' states are untrusted input, so only well-formed users
 * count; one entry per user id (two tabs of one person are one avatar); yourself first.
 */
export function peersOf(awareness: Pick<Awareness, 'getStates' | 'clientID'>, selfId: string): Peer[] {
  const byId = new Map<string, Peer>();
  for (const [clientId, state] of awareness.getStates()) {
    const user: unknown = (state as { user?: unknown } | null)?.user;
    if (!Value.Check(PresenceUser, user)) continue;
    const self = user.id === selfId || clientId === awareness.clientID;
    if (!byId.has(user.id) || clientId === awareness.clientID) {
      byId.set(user.id, { id: user.id, name: user.name, color: user.color, self });
    }
  }
  return [...byId.values()].sort((a, b) => (a.self !== b.self ? (a.self ? -1 : 1) : a.name.localeCompare(b.name) || a.id.localeCompare(b.id)));
}
