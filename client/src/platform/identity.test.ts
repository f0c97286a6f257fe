import { describe, expect, it } from 'vitest';
import { isId } from '@benchlearn/shared';
import { IDENTITY_COLORS, IDENTITY_KEY, avatarTextColor, contrastRatio, initials, loadIdentity, randomIdentityColor, saveIdentity } from './identity';
import { memoryStore } from './storage';

describe('identity', () => {
  it('is absent until the person names themselves, so the name dialog is shown', () => {
    expect(loadIdentity(memoryStore())).toBeNull();
  });

  it('is created once with a fresh id and persisted under benchlearn:identity', () => {
    const store = memoryStore();
    const created = saveIdentity(store, { name: '  Ann   de Vries ', color: '#d81b60' }, null);
    expect(isId(created.id)).toBe(true);
    expect(created).toEqual({ id: created.id, name: 'Ann de Vries', color: '#d81b60' });
    expect(JSON.parse(store.getItem(IDENTITY_KEY) ?? 'null')).toEqual(created);
    expect(loadIdentity(store)).toEqual(created);
  });

  it('keeps its id when the name or colour is edited', () => {
    const store = memoryStore();
    const first = saveIdentity(store, { name: 'Ann', color: '#d81b60' }, null);
    const edited = saveIdentity(store, { name: 'Annie', color: '#1e88e5' }, first);
    expect(edited).toEqual({ id: first.id, name: 'Annie', color: '#1e88e5' });
    expect(loadIdentity(store)).toEqual(edited);
  });

  it('refuses an empty name', () => {
    expect(() => saveIdentity(memoryStore(), { name: '   ', color: '#d81b60' }, null)).toThrow(RangeError);
  });

  it('accepts an identity written by a test or an older version, and ignores garbage', () => {
    const preset = { id: 'ann-0000000000000000001', name: 'Ann', color: '#e91e63' };
    expect(loadIdentity(memoryStore({ [IDENTITY_KEY]: JSON.stringify(preset) }))).toEqual(preset);
    expect(loadIdentity(memoryStore({ [IDENTITY_KEY]: '{"id":"x"}' }))).toBeNull();
    expect(loadIdentity(memoryStore({ [IDENTITY_KEY]: 'not json' }))).toBeNull();
    expect(loadIdentity(memoryStore({ [IDENTITY_KEY]: JSON.stringify({ ...preset, name: '  ' }) }))).toBeNull();
  });

  it('picks a colour from the palette and makes initials for avatars', () => {
    expect(IDENTITY_COLORS).toContain(randomIdentityColor(() => 0.999999));
    expect(IDENTITY_COLORS).toContain(randomIdentityColor(() => 0));
    expect(initials('Ann de Vries')).toBe('AV');
    expect(initials('bob')).toBe('BO');
    expect(initials('Émile')).toBe('ÉM');
    expect(initials('  ')).toBe('?');
    expect(initials('Ann (Delft)')).toBe('AD');
    expect(initials('(Bob)')).toBe('BO');
  });

  it('gives every palette colour white initials at 4.5:1 or more, and dark initials on light colours', () => {
    for (const color of IDENTITY_COLORS) {
      expect(contrastRatio(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
      expect(avatarTextColor(color)).toBe('#ffffff');
    }
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    // An older palette's light colour: dark initials read there.
    expect(avatarTextColor('#43a047')).toBe('#111111');
    expect(contrastRatio('#43a047', avatarTextColor('#43a047'))).toBeGreaterThanOrEqual(4.5);
  });
});
