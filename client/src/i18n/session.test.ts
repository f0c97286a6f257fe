import { describe, expect, it } from 'vitest';
import en from './session.en';
import nl from './session.nl';

type Tree = { [key: string]: string | Tree };

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

describe('the session namespace', () => {
  it('has the same keys and placeholders in Dutch and English, none empty, Dutch not left in English', () => {
    const enKeys = leaves(en as unknown as Tree);
    const nlKeys = leaves(nl as unknown as Tree);
    expect([...nlKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    for (const [key, text] of enKeys) {
      const dutch = nlKeys.get(key)!;
      expect(dutch.trim(), key).not.toBe('');
      expect(placeholders(dutch), key).toEqual(placeholders(text));
    }
    const same = [...enKeys].filter(([key, text]) => nlKeys.get(key) === text && !/^(Agenda|Timer)$/.test(text));
    expect(same).toEqual([]);
  });
});
