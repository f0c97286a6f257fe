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

/** Colours that stay readable as a cursor label and as avatar background with white initials (4.5:1 or more). */
export const IDENTITY_COLORS = ['#d81b60', '#8e24aa', '#5e35b1', '#3949ab', '#1976d2', '#00796b', '#2e7d32', '#bf360c', '#6d4c41', '#546e7a'] as const;

/** WCAG relative luminance of a #rrggbb colour (null for anything else). */
function luminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => {
    const v = parseInt(part, 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two #rrggbb colours (1 when either is not one). */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return 1;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The initials' colour on an avatar of `background`: white where it reads at 4.5:1, else near
 * black (a colour chosen by an older version or another app may be light).
 */
export function avatarTextColor(background: string): string {
  return luminance(background) === null || contrastRatio(background, '#ffffff') >= 4.5 ? '#ffffff' : '#111111';
}

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
