import { describe, expect, it } from 'vitest';
import appEn from './app.en';
import appNl from './app.nl';
import canvasEn from './canvas.en';
import canvasNl from './canvas.nl';
import exportEn from './export.en';
import exportNl from './export.nl';
import sessionEn from './session.en';
import sessionNl from './session.nl';

type Tree = { [key: string]: string | Tree };

/** Every key path with its value, e.g. ['outline.title', 'Outline']. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value, path)) out.set(p, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Words Dutch spells as English does (names and keyboard keys included); shorter tokens (A4, 2x) need no translation. */
const SAME_IN_BOTH = new Set([
  'Benchlearn',
  'Nederlands',
  'English',
  'Facilitator',
  'Offline',
  'Agenda',
  'Timer',
  'Zoom',
  'pixels',
  'Delete',
  'Backspace',
  'Enter',
  'Esc',
  'Ctrl',
  'Shift',
]);

function sameInBoth(text: string): boolean {
  const words = text.replace(/\{\{\s*\w+\s*\}\}/g, ' ').match(/\p{L}+/gu) ?? [];
  return words.every((word) => word.length <= 2 || SAME_IN_BOTH.has(word));
}

describe.each([
  ['app', appEn, appNl],
  ['canvas', canvasEn, canvasNl],
  ['export', exportEn, exportNl],
  ['session', sessionEn, sessionNl],
])('the %s namespace', (_name, en, nl) => {
  const enKeys = leaves(en as unknown as Tree);
  const nlKeys = leaves(nl as unknown as Tree);

  it('has every English key in Dutch, and no Dutch key English lacks', () => {
    expect([...nlKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('has no empty strings and the same placeholders in both languages', () => {
    for (const [key, text] of enKeys) {
      const dutch = nlKeys.get(key) ?? '';
      expect(text.trim(), `en ${key}`).not.toBe('');
      expect(dutch.trim(), `nl ${key}`).not.toBe('');
      expect(placeholders(dutch), key).toEqual(placeholders(text));
    }
  });

  it('has no English left untranslated in Dutch (words the same in both languages aside)', () => {
    const same = [...enKeys].filter(([key, text]) => nlKeys.get(key) === text && !sameInBoth(text));
    expect(same).toEqual([]);
  });
});
