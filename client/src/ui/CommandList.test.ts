import { describe, expect, it } from 'vitest';
import { matchesQuery } from './CommandList';

describe('the list commands filter as people type', () => {
  it('keeps an item when every word typed occurs in it, in any order and case', () => {
    expect(matchesQuery('Plan cover early', '')).toBe(true);
    expect(matchesQuery('Plan cover early', 'COVER')).toBe(true);
    expect(matchesQuery('Plan cover early', 'early plan')).toBe(true);
    expect(matchesQuery('Plan cover early', 'cover late')).toBe(false);
    expect(matchesQuery('Successen', 'succ')).toBe(true);
  });
});
