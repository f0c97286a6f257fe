import { describe, expect, it } from 'vitest';
import appEn from './app.en';
import appNl from './app.nl';
import canvasEn from './canvas.en';
import canvasNl from './canvas.nl';
import exportEn from './export.en';
import exportNl from './export.nl';
import sessionEn from './session.en';
import sessionNl from './session.nl';
import libraryEn from './library.en';
import libraryNl from './library.nl';

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
  'Alt',
]);

function sameInBoth(text: string): boolean {
  // A nested `$t(key, …)` is a reference to a translated string, not words.
  const words =
    text
      .replace(/\$t\([^)]*\)/g, ' ')
      .replace(/\{\{\s*\w+\s*\}\}/g, ' ')
      .match(/\p{L}+/gu) ?? [];
  return words.every((word) => word.length <= 2 || SAME_IN_BOTH.has(word));
}

describe.each([
  ['app', appEn, appNl],
  ['canvas', canvasEn, canvasNl],
  ['export', exportEn, exportNl],
  ['session', sessionEn, sessionNl],
  ['library', libraryEn, libraryNl],
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

describe('counts read right for one and for many (i18next plurals)', () => {
  async function translators() {
    const { default: i18next } = await import('i18next');
    const { resources } = await import('./index');
    const instance = i18next.createInstance();
    await instance.init({ resources, lng: 'en', fallbackLng: 'en', ns: ['app', 'export'], defaultNS: 'app', interpolation: { escapeValue: false } });
    return { en: (ns: 'app' | 'export') => instance.getFixedT('en', ns), nl: (ns: 'app' | 'export') => instance.getFixedT('nl', ns) };
  }

  it('says "1 card", "1 note", "1 more person", in English and Dutch', async () => {
    const { en, nl } = await translators();
    expect(en('export')('history.counts', { cards: 1, links: 2 })).toBe('1 card · 2 links');
    expect(nl('export')('history.counts', { cards: 1, links: 2 })).toBe('1 kaart · 2 koppelingen');
    const counts = { success: 1, problem: 2, lesson: 0, note: 1, links: 1 };
    expect(en('export')('history.previewCounts', counts)).toBe('1 success · 2 problems · 0 lessons · 1 note · 1 link');
    expect(nl('export')('history.previewCounts', counts)).toBe('1 succes · 2 problemen · 0 lessen · 1 notitie · 1 koppeling');
    expect(en('app')('avatars.moreLabel', { count: 1 })).toBe('1 more person');
    expect(nl('app')('avatars.moreLabel', { count: 3 })).toBe('nog 3 mensen');
  });

  it('has no count in English before a noun that only has a plural form', () => {
    const pluralAfterNumber = /\{\{\s*(\w+)\s*\}\} (cards|notes|links|lessons|successes|problems|people|votes|dots|snapshots)\b/;
    for (const catalogue of [appEn, canvasEn, exportEn, sessionEn]) {
      for (const [key, text] of leaves(catalogue as unknown as Tree)) {
        if (/_(other|many|few|two|zero)$/.test(key)) continue;
        expect(pluralAfterNumber.test(text), `${key}: ${text}`).toBe(false);
      }
    }
  });
});

describe('one Dutch word per role', () => {
  it('calls the facilitator "begeleider" and the editor "deelnemer" everywhere, never "facilitator" or "bewerker"', () => {
    for (const catalogue of [appNl, canvasNl, exportNl, sessionNl]) {
      for (const [key, text] of leaves(catalogue as unknown as Tree)) {
        expect(/facilitator|bewerker/i.test(text), `${key}: ${text}`).toBe(false);
      }
    }
    expect(appNl.roles).toMatchObject({ facilitator: 'Begeleider', editor: 'Deelnemer' });
  });
});
