import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { newBoardDocs } from '@benchlearn/shared';
import { resources } from '../i18n';
import { BoardError } from './BoardError';

async function render(language: 'en' | 'nl', props: Parameters<typeof BoardError>[0]): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n
    .use(initReactI18next)
    .init({ resources, lng: language, defaultNS: 'app', ns: ['app'], interpolation: { escapeValue: false }, showSupportNotice: false });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(BoardError, props)));
}

describe('the board’s error', () => {
  for (const [code, reason] of [
    [1009, 'too large to send'],
    [4413, 'The board is full'],
    [4400, 'could not read a change'],
  ] as const) {
    it(`on a refusal (${code}) says why, that the changes are kept here, and offers them as a file`, async () => {
      const html = await render('en', { code, board: newBoardDocs(), title: 'Retro' });
      expect(html).toContain('The server refused your change');
      expect(html).toContain(reason);
      expect(html).toContain('kept in this browser');
      expect(html).toContain('data-testid="download-local-copy"');
      expect(html).toContain('data-testid="board-error-reload"');
      expect(html).not.toContain('cannot be opened');
    });
  }

  it('says it in Dutch too', async () => {
    const html = await render('nl', { code: 4413, board: newBoardDocs() });
    expect(html).toContain('De server weigerde je wijziging');
    expect(html).toContain('bewaard in deze browser');
    expect(html).toContain('Mijn kopie downloaden');
  });

  it('offers no copy when the board is closed to this link or gone', async () => {
    for (const code of [4401, 4403, 4404]) {
      const html = await render('en', { code, board: newBoardDocs() });
      expect(html).toContain('The board cannot be opened');
      expect(html).not.toContain('download-local-copy');
      expect(html).not.toContain('kept in this browser');
    }
  });
});
