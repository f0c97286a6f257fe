import { describe, expect, it } from 'vitest';
import { cacheName, deleteBoardCaches } from './cache';

describe('the offline copy', () => {
  it('is named per board and per edit rights', () => {
    expect(cacheName('b1', true)).toBe('benchlearn:b1:edit');
    expect(cacheName('b1', false)).toBe('benchlearn:b1:view');
    expect(cacheName('b1', false)).not.toBe(cacheName('b2', false));
  });

  it('is deleted in both variants, even if one deletion fails', async () => {
    const deleted: string[] = [];
    await deleteBoardCaches('b1', async (name) => {
      deleted.push(name);
      if (name.endsWith(':edit')) throw new Error('blocked');
    });
    expect(deleted.sort()).toEqual(['benchlearn:b1:edit', 'benchlearn:b1:view']);
  });
});
