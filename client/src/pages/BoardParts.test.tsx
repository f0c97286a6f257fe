import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Editor } from '../editor/Editor';
import { EditorProvider } from '../editor/react';
import { testEditor } from '../editor/testEditor';
import { resources } from '../i18n';
import type { Workshop } from '../workshop/useWorkshop';
import { CardFormSheet, PhoneBar } from './BoardParts';

function render(editor: Editor, node: ReactNode): string {
  const i18n = i18next.createInstance();
  void i18n
    .use(initReactI18next)
    .init({ resources, lng: 'en', defaultNS: 'app', ns: ['app', 'canvas', 'session'], initAsync: false, showSupportNotice: false });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>{node}</EditorProvider>
    </I18nextProvider>,
  );
}

const workshop = { form: { kinds: ['success', 'problem', 'lesson', 'note'], defaultOrg: 'Acme' } } as unknown as Workshop;

describe('the phone bar', () => {
  it('switches between board and outline and offers "+ card" to someone who may edit', () => {
    const { editor } = testEditor();
    editor.narrow.set(true);
    const html = render(editor, <PhoneBar />);
    expect(html).toContain('data-testid="phone-tab-board" aria-pressed="true"');
    expect(html).toContain('data-testid="phone-tab-outline" aria-pressed="false"');
    expect(html).toContain('data-testid="phone-add-card"');
    editor.phoneTab.set('outline');
    expect(render(editor, <PhoneBar />)).toContain('data-testid="phone-tab-outline" aria-pressed="true"');
  });

  it('has no "+ card" on a read-only board', () => {
    const { editor } = testEditor();
    editor.narrow.set(true);
    editor.setReadOnly(true);
    expect(render(editor, <PhoneBar />)).not.toContain('phone-add-card');
  });
});

describe('the phone card form', () => {
  it('is closed until the open-card-form action opens it', () => {
    const { editor } = testEditor();
    expect(render(editor, <CardFormSheet workshop={workshop} />)).toBe('');
  });

  it('a new card starts with the organisation this person used last', () => {
    const { editor } = testEditor();
    editor.cardForm.set({ cardId: null });
    const html = render(editor, <CardFormSheet workshop={workshop} />);
    expect(html).toContain('data-testid="card-form"');
    expect(html).toContain('value="Acme"');
  });

  it('an existing card opens with its own kind, text and organisation', () => {
    const { editor } = testEditor();
    const id = editor.addCard('lesson', { text: 'Pair up', org: 'Beta' })!;
    editor.cardForm.set({ cardId: id });
    const html = render(editor, <CardFormSheet workshop={workshop} />);
    expect(html).toContain('Pair up');
    expect(html).toContain('value="Beta"');
    expect(html).toContain('checked="" value="lesson"');
  });
});
