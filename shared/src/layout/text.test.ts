import { describe, expect, it } from 'vitest';
import { wrapText } from './textWrap';

/** Every user-perceived character is one unit wide. */
const width = (clusters: readonly string[]) => clusters.length;

describe('wrapText', () => {
  it('breaks after spaces and keeps newlines', () => {
    expect(wrapText('one two three four\nfive', 9, width)).toEqual(['one two', 'three', 'four', 'five']);
    expect(wrapText('a\n\nb', 9, width)).toEqual(['a', '', 'b']);
  });

  it('breaks between Chinese characters, keeping closing punctuation on its line', () => {
    expect(wrapText('我们学到了很多。下次再来', 5, width)).toEqual(['我们学到了', '很多。下次', '再来']);
  });

  it('breaks a word longer than the line, and never an emoji cluster', () => {
    expect(wrapText('abcdefghij', 4, width)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('👩‍💻👩‍💻👩‍💻', 2, width)).toEqual(['👩‍💻👩‍💻', '👩‍💻']);
  });
});
