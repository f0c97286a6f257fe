import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Editor } from '../editor/Editor';
import { EditorProvider } from '../editor/react';
import { fakeCanvas, testEditor } from '../editor/testEditor';
import { resources } from '../i18n';
import { CanvasController } from './controller';
import { Toolbar } from './Toolbar';

function render(editor: Editor, language: 'en' | 'nl' = 'en'): string {
  const ctl = new CanvasController(editor, { canEditFrames: false, synced: true });
  const i18n = i18next.createInstance();
  void i18n
    .use(initReactI18next)
    .init({ resources, lng: language, defaultNS: 'app', ns: ['app', 'canvas', 'session'], initAsync: false, showSupportNotice: false });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>
        <Toolbar ctl={ctl} />
      </EditorProvider>
    </I18nextProvider>,
  );
}

/** The attributes of the button with `data-testid=testId`, as written in the markup. */
function button(html: string, testId: string): string {
  const match = new RegExp(`<button[^>]*data-testid="${testId}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no ${testId}`);
  return match[0];
}

describe('the toolbar, made from the action registry', () => {
  it('keeps the test ids, names and tooltips the page always had', () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    const html = render(editor);
    for (const id of [
      'add-success',
      'add-problem',
      'add-lesson',
      'add-note',
      'link-tool',
      'delete-selection',
      'undo',
      'redo',
      'zoom-out',
      'zoom-in',
      'zoom-fit',
    ])
      expect(html).toContain(`data-testid="${id}"`);
    expect(button(html, 'undo')).toContain('aria-label="Undo"');
    expect(button(html, 'undo')).toContain('title="Undo your last change (Ctrl+Z)"');
    expect(button(html, 'zoom-fit')).toContain('aria-label="Show the whole board"');
    expect(button(html, 'link-tool')).toContain('aria-pressed="false"');
    expect(html).toContain('Zoom 100%');
  });

  it('disables what cannot be done now: undo with nothing done, delete with nothing selected', () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    const html = render(editor);
    expect(button(html, 'undo')).toContain('disabled');
    expect(button(html, 'redo')).toContain('disabled');
    expect(button(html, 'delete-selection')).toContain('disabled');
    expect(button(html, 'add-note')).not.toContain('disabled');
  });

  it("after an added card: undo is enabled, delete too, and the card's kind and organisation show", () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    editor.addCard('problem', { org: 'Acme' });
    const html = render(editor);
    expect(button(html, 'undo')).not.toContain('disabled');
    expect(button(html, 'delete-selection')).not.toContain('disabled');
    expect(html).toContain('data-testid="kind-select"');
    expect(html).toMatch(/<option value="problem" selected="">/);
    expect(html).toContain('value="Acme"');
  });

  it('a phase that allows only lessons disables the other kinds, and says why', () => {
    const { editor } = testEditor();
    editor.session.set({ author: { authorId: 'a', authorName: 'A' }, addableKinds: ['lesson'], anonymous: false, decor: new Map(), onVote: null });
    const html = render(editor);
    expect(button(html, 'add-success')).toContain('disabled');
    expect(button(html, 'add-success')).toMatch(/title="Add a success: [^"]+"/);
    expect(button(html, 'add-lesson')).not.toContain('disabled');
  });

  it('+ Frame shows for a facilitator only', () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    expect(render(editor)).not.toContain('data-testid="add-frame"');
    editor.facilitator.set(true);
    expect(render(editor)).toContain('data-testid="add-frame"');
  });

  it('the link tool shows pressed while on', () => {
    const { editor } = testEditor();
    editor.canvas.set(fakeCanvas().port);
    editor.linkTool.set(true);
    expect(button(render(editor), 'link-tool')).toContain('aria-pressed="true"');
  });

  it('speaks Dutch on a Dutch page', () => {
    const { editor } = testEditor();
    const html = render(editor, 'nl');
    expect(button(html, 'undo')).not.toContain('aria-label="Undo"');
  });
});
