import { describe, expect, it } from 'vitest';
import { estimateWidth, fitLines, oneLine, wrapText } from './text';

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

describe('fitLines, oneLine, estimateWidth', () => {
  const measure = (text: string) => Array.from(text).length;

  it('cuts what does not fit the lines with an ellipsis that fits the width', () => {
    expect(fitLines('the quick brown fox', 10, 5, measure)).toEqual(['the quick', 'brown fox']);
    expect(fitLines('a b c d e f g h', 3, 2, measure)).toEqual(['a b', 'c…']);
    expect(fitLines('abcdefghij klm', 4, 1, measure)).toEqual(['abc…']);
    expect(fitLines('one\n\ntwo\n\n', 10, 5, measure)).toEqual(['one', '', 'two']);
    expect(fitLines('', 10, 3, measure)).toEqual([]);
  });

  it('keeps one line whole or cuts it, newlines as spaces', () => {
    expect(oneLine('Ann · Org', 20, measure)).toBe('Ann · Org');
    expect(oneLine('Ann\nOrg', 20, measure)).toBe('Ann Org');
    expect(oneLine('A very long name', 6, measure)).toBe('A ver…');
  });

  it('estimates wide glyphs wider than narrow ones, bold wider than regular', () => {
    const font = { size: 10, weight: 'normal', style: 'normal' } as const;
    expect(estimateWidth('iiii', font)).toBeLessThan(estimateWidth('MMMM', font));
    expect(estimateWidth('学习', font)).toBe(20);
    expect(estimateWidth('Ab', { ...font, weight: 'bold' })).toBeGreaterThan(estimateWidth('Ab', font));
  });
});
