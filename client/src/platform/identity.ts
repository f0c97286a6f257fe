import { Type } from '@sinclair/typebox';
import { newId } from '@benchlearn/shared';
import { readJson, writeJson, type KeyValueStore } from './storage';

/** A person on this browser: no accounts, a local identity (asked once, editable). */
export interface Identity {
  id: string;
  name: string;
  color: string;
}

export const IDENTITY_KEY = 'benchlearn:identity';
export const MAX_NAME_LENGTH = 60;

/** Lenient on purpose: an identity written by a test or an older version is still used. */
const StoredIdentity = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  color: Type.String({ minLength: 1, maxLength: 50 }),
});

/** Colours that stay readable as a cursor label and as avatar background with white initials. */
export const IDENTITY_COLORS = ['#d81b60', '#8e24aa', '#5e35b1', '#3949ab', '#1e88e5', '#00897b', '#43a047', '#f4511e', '#6d4c41', '#546e7a'] as const;

export function randomIdentityColor(random: () => number = Math.random): string {
  const index = Math.min(IDENTITY_COLORS.length - 1, Math.floor(random() * IDENTITY_COLORS.length));
  return IDENTITY_COLORS[index]!;
}

export function loadIdentity(store: KeyValueStore): Identity | null {
  const stored = readJson(store, IDENTITY_KEY, StoredIdentity);
  if (!stored || stored.name.trim() === '') return null;
  return { id: stored.id, name: stored.name, color: stored.color };
}

export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
}

/**
 * Saves a name and colour. The id is kept when the person edits their name, so their cards and
 * presence stay theirs; a first save makes a new id.
 */
export function saveIdentity(store: KeyValueStore, input: { name: string; color: string }, previous: Identity | null): Identity {
  const name = cleanName(input.name);
  if (!name) throw new RangeError('a name is required');
  const identity: Identity = { id: previous?.id ?? newId(), name, color: input.color || randomIdentityColor() };
  writeJson(store, IDENTITY_KEY, identity);
  return identity;
}

/** Up to two letters for an avatar: first letters of the first and last word. */
export function initials(name: string): string {
  // Letters and digits only: "Ann (Delft)" is AD, not "A(".
  const words = cleanName(name)
    .split(' ')
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1]! : '';
  const letters = [...first].slice(0, 1).concat(last ? [...last].slice(0, 1) : [...first].slice(1, 2));
  return letters.join('').toUpperCase();
}
