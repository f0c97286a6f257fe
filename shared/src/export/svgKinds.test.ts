import { describe, expect, it } from 'vitest';
import { exportSvg } from './svg';
import { sampleBoard } from './testing';

/** Each card's group in the picture: its id, the words of its texts, and whether it draws a glyph. */
function cardGroups(svg: string): Array<{ id: string; words: string; glyph: boolean }> {
  // A card's group holds groups of its own (the glyph): it runs up to the next card.
  return svg
    .split('<g data-card="')
    .slice(1)
    .map((chunk) => ({
      id: chunk.slice(0, chunk.indexOf('"')),
      words: [...chunk.matchAll(/<text[^>]*>(.*?)<\/text>/gs)].map(([, text]) => text!.replace(/<[^>]+>/g, '')).join(' '),
      glyph: /data-part="kind-icon"[^>]*>\s*<(polyline|circle)\b/.test(chunk),
    }));
}

describe('the SVG export tells the kinds apart without colour (WCAG 1.4.1)', () => {
  it.each([
    ['en', { success: 'Success', problem: 'Problem', lesson: 'Lesson', note: 'Note' }],
    ['nl', { success: 'Succes', problem: 'Probleem', lesson: 'Les', note: 'Notitie' }],
  ] as const)('names every card’s kind in words and draws its glyph (%s)', (locale, names) => {
    const { board, ids } = sampleBoard(locale);
    const groups = cardGroups(exportSvg(board));
    expect(groups).toHaveLength(Object.keys(ids).length);
    for (const [key, id] of Object.entries(ids)) {
      const kind = key.replace(/\d$/, '') as keyof typeof names;
      const group = groups.find((g) => g.id === id);
      expect(group?.words, key).toContain(names[kind]);
      expect(group?.glyph, key).toBe(true);
    }
  });
});
