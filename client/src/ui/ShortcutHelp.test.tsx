import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Editor } from '../editor/Editor';
import { EditorProvider } from '../editor/react';
import { testEditor } from '../editor/testEditor';
import { resources } from '../i18n';
import { ShortcutHelp } from './ShortcutHelp';

async function render(editor: Editor, node: ReactNode, language: 'en' | 'nl' = 'en'): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n
    .use(initReactI18next)
    .init({ resources, lng: language, defaultNS: 'app', ns: ['app', 'canvas'], interpolation: { escapeValue: false }, showSupportNotice: false });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>{node}</EditorProvider>
    </I18nextProvider>,
  );
}

describe('the shortcut list', () => {
  it('is closed until asked for', async () => {
    const { editor } = testEditor();
    expect(await render(editor, <ShortcutHelp />)).toBe('');
  });

  it("lists every action that has keys, from the registry, with the keys' names", async () => {
    const { editor } = testEditor();
    editor.shortcutsOpen.set(true);
    const html = await render(editor, <ShortcutHelp />);
    expect(html).toContain('data-testid="shortcut-help"');
    expect(html).toContain('aria-label="Keyboard shortcuts"');
    for (const id of ['undo', 'redo', 'delete-selection', 'edit-card', 'select-all', 'nudge', 'card-step', 'cancel', 'show-shortcuts'])
      expect(html).toContain(`data-action="${id}"`);
    expect(html).toContain('<kbd>Ctrl+Z</kbd>');
    expect(html).toContain('<kbd>Ctrl+Shift+Z</kbd>');
    expect(html).toContain('<kbd>Delete</kbd> or <kbd>Backspace</kbd>');
    // The four arrows are one entry: plain ones go from card to card, with Shift they move it, with Alt+Shift they resize it.
    expect(html.match(/Arrow keys/g)).toHaveLength(3);
    expect(html).toContain('<kbd>Shift+Arrow keys</kbd>');
    expect(html).toContain('<kbd>Alt+Shift+Arrow keys</kbd>');
    // The list commands: K links, Shift+M moves to a chosen frame.
    expect(html).toMatch(/data-action="link-to"><td>Link to…<\/td><td><kbd>K<\/kbd>/);
    expect(html).toMatch(/data-action="choose-frame"><td>Move to frame…<\/td><td><kbd>Shift\+M<\/kbd>/);
    expect(html).not.toContain('data-action="lock"');
  });

  it('speaks Dutch on a Dutch page', async () => {
    const { editor } = testEditor();
    editor.shortcutsOpen.set(true);
    const html = await render(editor, <ShortcutHelp />, 'nl');
    expect(html).toContain('aria-label="Sneltoetsen"');
    expect(html).toContain('Pijltjestoetsen');
    expect(html).toContain('Sluiten');
  });
});
