import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { resources } from '../i18n';
import { EditorProvider } from '../editor/react';
import { testEditor } from '../editor/testEditor';
import { HistoryPanel } from './HistoryPanel';

/** The panel as the header shows it; `open`: as the `history` action leaves it. */
function render(open: boolean, language: 'en' | 'nl' = 'en'): string {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources, lng: language, defaultNS: 'app', ns: ['app', 'export'], initAsync: false, showSupportNotice: false });
  const { editor } = testEditor();
  if (open) editor.panel.set('history');
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>
        <HistoryPanel boardId="b1" token="t1" />
      </EditorProvider>
    </I18nextProvider>,
  );
}

describe('the history panel', () => {
  it('is its button alone while closed', () => {
    const html = render(false);
    expect(html).toContain('data-testid="history-button"');
    expect(html).not.toContain('data-testid="history-panel"');
  });

  it('opened: the form to take a snapshot, and the list loading', () => {
    const html = render(true);
    expect(html).toContain('data-testid="history-panel"');
    expect(html).toContain('name="snapshot-name"');
    expect(html).not.toContain('data-testid="history-list"');
    expect(html).not.toContain('data-testid="history-error"');
  });

  it('cannot take a snapshot without a name', () => {
    expect(render(true)).toMatch(/data-testid="history-take" disabled=""/);
  });

  it('speaks Dutch on a Dutch page', () => {
    expect(render(true, 'nl')).not.toBe(render(true, 'en'));
  });
});
