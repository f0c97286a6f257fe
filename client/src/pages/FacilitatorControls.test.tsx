import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Editor } from '../editor/Editor';
import { EditorProvider } from '../editor/react';
import { testEditor } from '../editor/testEditor';
import { resources } from '../i18n';
import { ApiError } from '../platform/api';
import { SessionControls, useSessionActions } from './FacilitatorControls';

function Controls({ overflowed }: { overflowed: ReadonlySet<string> }) {
  const { actions, error } = useSessionActions();
  return <SessionControls actions={actions} error={error} overflowed={overflowed} />;
}

function render(editor: Editor, overflowed: ReadonlySet<string> = new Set()): string {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources, lng: 'en', defaultNS: 'app', ns: ['app'], initAsync: false, showSupportNotice: false });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>
        <Controls overflowed={overflowed} />
      </EditorProvider>
    </I18nextProvider>,
  );
}

function facilitatorEditor() {
  const { editor } = testEditor();
  editor.facilitator.set(true);
  editor.host = { setLocked: async () => undefined };
  return editor;
}

describe("the facilitator's session buttons, from the registry", () => {
  it('lock, present and summon with their test ids and fit keys', () => {
    const html = render(facilitatorEditor());
    for (const [testId, key] of [
      ['lock-toggle', 'lock'],
      ['present-toggle', 'present'],
      ['summon', 'summon'],
    ])
      expect(html).toMatch(new RegExp(`data-testid="${testId}" data-fit="${key}"`));
    expect(html).toContain('aria-pressed="false"');
  });

  it("a locked board's toggle is pressed and says Unlock; presenting says so too", () => {
    const editor = facilitatorEditor();
    editor.locked.set(true);
    editor.presenting.set(true);
    const html = render(editor);
    expect(html).toMatch(/data-testid="lock-toggle"[^>]*aria-pressed="true"[^>]*>Unlock/);
    expect(html).toMatch(/data-testid="present-toggle"[^>]*aria-pressed="true"/);
  });

  it('what went into "More" is not in the row', () => {
    const html = render(facilitatorEditor(), new Set(['summon', 'lock']));
    expect(html).not.toContain('data-testid="summon"');
    expect(html).not.toContain('data-testid="lock-toggle"');
    expect(html).toContain('data-testid="present-toggle"');
  });

  it('all in "More" and no error: nothing at all', () => {
    expect(render(facilitatorEditor(), new Set(['summon', 'lock', 'present']))).toBe('');
  });

  it("the lock's error, in words", () => {
    const editor = facilitatorEditor();
    editor.actionError.set(new ApiError('http', 503, 'storage_unavailable', 'down for a moment'));
    const html = render(editor);
    expect(html).toContain('role="alert"');
  });

  it('while the lock request is under way, the toggle is disabled', () => {
    const editor = facilitatorEditor();
    editor.lockBusy.set(true);
    expect(render(editor)).toMatch(/data-testid="lock-toggle"[^>]*disabled=""/);
  });
});
