import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { EditorProvider } from '../editor/react';
import { testEditor } from '../editor/testEditor';
import type { CanvasSession } from '../editor/types';
import { resources } from '../i18n';
import { CanvasController } from './controller';
import { CardVoteControls } from './CardVoteControls';

function setup() {
  const { editor, add } = testEditor();
  const ctl = new CanvasController(editor, { canEditFrames: false, synced: true });
  ctl.start();
  const lesson = add('lesson', 0, 0);
  const success = add('success', 400, 0);
  const i18n = i18next.createInstance();
  void i18n
    .use(initReactI18next)
    .init({ resources, lng: 'en', defaultNS: 'app', ns: ['app', 'canvas', 'session'], initAsync: false, showSupportNotice: false });
  const render = () =>
    renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <EditorProvider editor={editor}>
          <CardVoteControls ctl={ctl} />
        </EditorProvider>
      </I18nextProvider>,
    );
  const session = (left: number, mine: number): CanvasSession => ({
    author: { authorId: 'u', authorName: 'Ann' },
    addableKinds: ['lesson'],
    anonymous: false,
    decor: new Map(mine > 0 ? [[lesson, { votes: { mine, total: null }, match: null }]] : []),
    onVote: vi.fn(),
    voting: { kinds: ['lesson'], left },
  });
  return { editor, ctl, lesson, success, render, session };
}

/** The attributes of the element with `data-testid=testId`, or null. */
const tag = (html: string, testId: string) => new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? null;

describe("the selected card's vote buttons", () => {
  it('show only for one selected card of a kind in the open round', () => {
    const { editor, lesson, success, render, session } = setup();
    editor.select([lesson]);
    expect(render()).toBe('');
    editor.session.set(session(3, 0));
    expect(tag(render(), 'card-vote')).toContain(`data-card-id="${lesson}"`);
    editor.select([success]);
    expect(render()).toBe('');
    editor.select([lesson, success]);
    expect(render()).toBe('');
    editor.select([]);
    expect(render()).toBe('');
  });

  it('name "+ dot" and "− dot": taking back needs a dot of one’s own, giving needs a dot left', () => {
    const { editor, lesson, render, session } = setup();
    editor.select([lesson]);
    editor.session.set(session(3, 0));
    let html = render();
    expect(html).toContain('+ dot');
    expect(html).toContain('− dot');
    expect(tag(html, 'card-vote-remove')).toContain('disabled');
    expect(tag(html, 'card-vote-add')).not.toContain('disabled');
    editor.session.set(session(0, 2));
    html = render();
    expect(tag(html, 'card-vote')).toContain('data-mine="2"');
    expect(tag(html, 'card-vote-remove')).not.toContain('disabled');
    expect(tag(html, 'card-vote-add')).toContain('disabled');
  });
});
