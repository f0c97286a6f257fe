import { describe, expect, it } from 'vitest';
import { cacheName, cacheNames, deleteBoardCaches } from './cache';

describe('the offline copy', () => {
  it('is named per board, per document and per edit rights', () => {
    expect(cacheName('b1', 'content', true)).toBe('benchlearn:b1:edit');
    expect(cacheName('b1', 'content', false)).toBe('benchlearn:b1:view');
    expect(cacheName('b1', 'control', true)).toBe('benchlearn:b1:control:edit');
    expect(cacheName('b1', 'control', false)).toBe('benchlearn:b1:control:view');
    expect(cacheName('b1', 'content', false)).not.toBe(cacheName('b2', 'content', false));
    expect(new Set(cacheNames('b1')).size).toBe(4);
  });

  it('is deleted in every variant, even if one deletion fails', async () => {
    const deleted: string[] = [];
    await deleteBoardCaches('b1', async (name) => {
      deleted.push(name);
      if (name.endsWith(':edit')) throw new Error('blocked');
    });
    expect(deleted.sort()).toEqual(['benchlearn:b1:control:edit', 'benchlearn:b1:control:view', 'benchlearn:b1:edit', 'benchlearn:b1:view']);
  });
});
