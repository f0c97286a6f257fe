import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { resources } from '../i18n';
import type { Editor } from './Editor';
import { EditorProvider, useAction, useCard, useCards, useEditor, useSelection, useValue } from './react';
import { fakeCanvas, testEditor } from './testEditor';

async function render(editor: Editor, node: ReactNode, language: 'en' | 'nl' = 'en'): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    defaultNS: 'app',
    ns: ['app', 'canvas', 'session', 'export'],
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>{node}</EditorProvider>
    </I18nextProvider>,
  );
}

function ActionProbe({ id }: { id: 'undo' | 'lock' | 'show-outline' | 'link-tool' }) {
  const state = useAction(id);
  return (
    <p data-enabled={state.enabled} data-visible={state.visible} data-pressed={String(state.pressed)} title={state.title} aria-label={state.ariaLabel}>
      {state.label}
    </p>
  );
}

function AddProbe() {
  const state = useAction('add-card', { kind: 'lesson' });
  return <p data-enabled={state.enabled}>{state.label}</p>;
}

function ModelProbe({ id }: { id: string }) {
  const editor = useEditor();
  const cards = useCards();
  const selection = useSelection();
  const card = useCard(id);
  const readOnly = useValue(editor.readOnly);
  return (
    <p>
      {cards.length} cards, {selection.size} selected, {card?.kind ?? 'none'}, {readOnly ? 'read-only' : 'editable'}
    </p>
  );
}

describe('the editor in React', () => {
  it('useEditor outside a provider says so', () => {
    function Lost() {
      useEditor();
      return null;
    }
    expect(() => renderToStaticMarkup(<Lost />)).toThrow(/EditorProvider/);
  });

  it('reads cards, selection and local state from the one editor', async () => {
    const { editor, add } = testEditor();
    const id = add('problem');
    add('note', 300, 0);
    editor.select([id]);
    editor.setReadOnly(true);
    expect(await render(editor, <ModelProbe id={id} />)).toContain('2 cards, 1 selected, problem, read-only');
    expect(await render(editor, <ModelProbe id="gone" />)).toContain('none');
  });

  it("an action says its name, tooltip and state in the page's language", async () => {
    const { editor } = testEditor();
    editor.addCard('note');
    const en = await render(editor, <ActionProbe id="undo" />);
    expect(en).toContain('>Undo<');
    expect(en).toContain('title="Undo your last change (Ctrl+Z)"');
    expect(en).toContain('data-enabled="true"');
    expect(en).toContain('data-pressed="undefined"');
    const nl = await render(editor, <ActionProbe id="undo" />, 'nl');
    expect(nl).not.toContain('>Undo<');
  });

  it('a toggle shows its pressed words: the lock of a locked board says Unlock', async () => {
    const { editor } = testEditor();
    editor.facilitator.set(true);
    editor.locked.set(true);
    editor.host = { setLocked: async () => undefined };
    const html = await render(editor, <ActionProbe id="lock" />);
    expect(html).toContain('data-pressed="true"');
    expect(html).toContain('data-visible="true"');
    expect(html).toContain('>Unlock');
  });

  it('an action with arguments is enabled by them (the kinds a phase allows)', async () => {
    const { editor } = testEditor();
    editor.session.set({ author: { authorId: 'a', authorName: 'A' }, addableKinds: ['note'], anonymous: false, decor: new Map(), onVote: null });
    expect(await render(editor, <AddProbe />)).toContain('data-enabled="false"');
  });

  it('the link tool needs the canvas', async () => {
    const { editor } = testEditor();
    expect(await render(editor, <ActionProbe id="link-tool" />)).toContain('data-enabled="false"');
    editor.canvas.set(fakeCanvas().port);
    expect(await render(editor, <ActionProbe id="link-tool" />)).toContain('data-enabled="true"');
  });
});
