import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

// The lint check of issue 15 (scripts/eslint-i18n.mjs, wired in eslint.config.js): words people
// see or hear in the client's JSX go through i18next. Missing nl/en keys fail i18n.test.ts and
// the typed catalogues (index.ts).
const root = fileURLToPath(new URL('../../../', import.meta.url));

async function problems(code: string, file = 'client/src/ui/Sample.tsx'): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'i18n/no-literal-ui-text').map((m) => /"([^"]*)"\.?$/.exec(m.message)?.[1] ?? m.message);
}

describe('the lint check for words outside i18n', () => {
  it('flags JSX text and spoken attributes with words in them', async () => {
    const code = [
      "import { useTranslation } from 'react-i18next';",
      'export function Sample() {',
      '  const { t } = useTranslation();',
      '  return (',
      '    <p title="Delete the card">',
      '      Hello',
      "      {'there'}",
      '      <button type="button" aria-label={t(\'outline.unlink\')}>×</button>',
      "      <span>{t('outline.title')} 3</span>",
      '    </p>',
      '  );',
      '}',
      '',
    ].join('\n');
    // The × and the 3 are marks and digits, the t(...) calls are fine.
    expect(await problems(code)).toEqual(['Delete the card', 'Hello', 'there']);
  }, 30_000);

  it('leaves tests alone', async () => {
    expect(await problems('export const x = <p>Hello</p>;\n', 'client/src/ui/Sample.test.tsx')).toEqual([]);
  }, 30_000);
});
