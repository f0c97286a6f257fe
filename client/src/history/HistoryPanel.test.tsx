import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { resources } from '../i18n';
import { HistoryPanel } from './HistoryPanel';

function render(language: 'en' | 'nl' = 'en'): string {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources, lng: language, defaultNS: 'app', ns: ['app', 'export'], initAsync: false, showSupportNotice: false });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <HistoryPanel boardId="b1" token="t1" />
    </I18nextProvider>,
  );
}

describe('the history panel, before it is opened', () => {
  it('is a closed panel with its button, the form to take a snapshot, and the list loading', () => {
    const html = render();
    expect(html).toMatch(/^<details class="share history">/);
    expect(html).toContain('data-testid="history-button"');
    expect(html).toContain('data-testid="history-panel"');
    expect(html).toContain('name="snapshot-name"');
    expect(html).not.toContain('data-testid="history-list"');
    expect(html).not.toContain('data-testid="history-error"');
  });

  it('cannot take a snapshot without a name', () => {
    expect(render()).toMatch(/data-testid="history-take" disabled=""/);
  });

  it('speaks Dutch on a Dutch page', () => {
    expect(render('nl')).not.toBe(render('en'));
  });
});
