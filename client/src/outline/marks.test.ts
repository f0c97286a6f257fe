import { describe, expect, it } from 'vitest';
import { markMatches } from './marks';

describe('markMatches', () => {
  it('marks each occurrence for <mark>', () => {
    expect(markMatches('Stand up, stand still', 'stand')).toEqual([
      { text: 'Stand', match: true },
      { text: ' up, ', match: false },
      { text: 'stand', match: true },
      { text: ' still', match: false },
    ]);
    expect(markMatches('abc', '')).toEqual([{ text: 'abc', match: false }]);
  });
});
