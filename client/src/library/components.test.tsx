import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { ReactNode } from 'react';
import { addCard, linkCards, setAnonymous } from '@benchlearn/shared';
import { EditorProvider } from '../editor/react';
import { testEditor } from '../editor/testEditor';
import { resources } from '../i18n';
import type { LibraryEntry } from '../platform/library';
import { EntryItem } from './EntryItem';
import { PublishDialog } from './PublishDialog';

function render(node: ReactNode, language: 'en' | 'nl' = 'en'): string {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources, lng: language, defaultNS: 'app', ns: ['app', 'library'], initAsync: false, showSupportNotice: false });
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

const ENTRY: LibraryEntry = {
  id: 'e1',
  version: 1,
  lessonId: 'l1',
  text: 'Samen <b>fietsen</b>',
  organisation: null,
  votes: 3,
  evidence: [{ kind: 'problem', text: 'Vrijwilligers haken af', organisation: 'Zwolle', votes: 1 }],
  organisations: ['Zwolle'],
  tags: ['fiets'],
  boardId: 'b1',
  boardTitle: 'Zwolle, maart',
  language: 'nl',
  publishedAt: 1,
  snippet: { text: 'Samen <b>fietsen</b>', marks: [[9, 16]] },
};

describe('a library entry', () => {
  it('marks the searched words and shows board text as text, never markup', () => {
    const html = render(<EntryItem entry={ENTRY} />);
    expect(html).toContain('<mark>fietsen</mark>');
    expect(html).toContain('Samen &lt;b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('from Zwolle, maart');
    expect(html).toContain('1 piece of evidence');
    expect(html).toContain('3 votes');
  });

  it('speaks Dutch on a Dutch page', () => {
    const html = render(<EntryItem entry={ENTRY} />, 'nl');
    expect(html).toContain('van Zwolle, maart');
    expect(html).toContain('1 onderbouwing');
  });
});

function publishing(anonymous: boolean, linked = true): string {
  const { editor, board } = testEditor();
  const lesson = addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Begin klein', authorId: 'u1', authorName: 'Anna' });
  const problem = addCard(board, { kind: 'problem', x: 300, y: 0, text: 'Te veel tegelijk', authorId: 'u2', authorName: 'Bram' });
  if (linked) linkCards(board, problem, lesson, 'u1');
  setAnonymous(board, anonymous);
  return render(
    <EditorProvider editor={editor}>
      <PublishDialog boardId="b1" token="t" network={{ id: 'n1', name: 'SPARK' }} onClose={() => undefined} />
    </EditorProvider>,
  );
}

describe('publishing to the network', () => {
  it('previews each linked lesson with its evidence and the names that will be visible', () => {
    const html = publishing(false);
    expect(html).toContain('Publish to SPARK');
    expect(html).toContain('Begin klein');
    expect(html).toContain('Problem: Te veel tegelijk (Bram)');
    expect(html).toContain('Publish 1 lesson');
  });

  it('leaves names out of the preview in anonymous mode, as the server does', () => {
    const html = publishing(true);
    expect(html).toContain('Te veel tegelijk');
    expect(html).not.toContain('Bram');
    expect(html).toContain('Anonymous mode is on');
  });

  it('says what to do when no lesson has a linked card, and offers no publish button', () => {
    const html = publishing(false, false);
    expect(html).toContain('No lesson has a linked card yet');
    expect(html).not.toContain('data-testid="library-publish-submit"');
  });
});
