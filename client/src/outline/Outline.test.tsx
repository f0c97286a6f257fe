import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { linkCards } from '@benchlearn/shared';
import type { Editor } from '../editor/Editor';
import { EditorProvider } from '../editor/react';
import { ANN, testEditor } from '../editor/testEditor';
import type { OutlineSession } from '../editor/types';
import { resources } from '../i18n';
import { Outline, type OutlineProps } from './Outline';

function render(editor: Editor, props: Partial<OutlineProps> = {}): string {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources, lng: 'en', defaultNS: 'app', ns: ['app', 'session'], initAsync: false, showSupportNotice: false });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>
        <Outline identity={ANN} readOnly={false} onSelectCard={vi.fn()} {...props} />
      </EditorProvider>
    </I18nextProvider>,
  );
}

const rows = (html: string) =>
  // The row's button carries the selection (aria-pressed); a list item may not (aria-selected, axe's critical rule).
  [...html.matchAll(/data-testid="outline-card" data-card-id="([^"]+)" data-kind="([^"]+)"[^>]*><button[^>]*aria-pressed="(true|false)"/g)].map(
    ([, id, kind, selected]) => ({
      id,
      kind,
      selected,
    }),
  );

function session(overrides: Partial<OutlineSession> = {}): OutlineSession {
  return {
    anonymous: false,
    votes: new Map(),
    sortByVotes: false,
    canVote: () => false,
    onVote: vi.fn(),
    matches: null,
    query: '',
    ...overrides,
  };
}

describe("the outline, from the editor's read model", () => {
  it('says the board is empty, then lists every card by kind with the total', () => {
    const { editor, add } = testEditor();
    expect(render(editor)).toContain('outline-empty');
    add('lesson', 0, 0);
    add('success', 0, 300);
    add('note', 300, 300);
    const html = render(editor);
    expect(rows(html).map((row) => row.kind)).toEqual(['lesson', 'success', 'note']);
    expect(html).toContain('<span class="outline-count">3</span>');
    expect(html).not.toContain('aria-selected');
  });

  it("marks the editor's selection on its rows", () => {
    const { editor, add } = testEditor();
    const a = add('lesson', 0, 0);
    const b = add('lesson', 300, 0);
    editor.select([b]);
    expect(rows(render(editor))).toEqual([
      { id: a, kind: 'lesson', selected: 'false' },
      { id: b, kind: 'lesson', selected: 'true' },
    ]);
  });

  it('shows under a lesson the cards linked to it', () => {
    const { editor, add } = testEditor();
    const success = add('success', 0, 0);
    const lesson = add('lesson', 300, 0);
    const problem = add('problem', 0, 300);
    linkCards(editor.board, success, lesson, ANN.id);
    linkCards(editor.board, problem, lesson, ANN.id);
    const html = render(editor);
    expect(html).toContain(`data-testid="outline-link" data-from="${success}" data-to="${lesson}"`);
    // Each linked card shows its kind by a glyph named in words, not by its colour alone.
    const kinds = [...html.matchAll(/data-testid="outline-link-kind" title="([^"]+)"><svg/g)].map(([, title]) => title).sort();
    expect(kinds).toEqual(['Problem', 'Success']);
  });

  it('the finder keeps only its matches and marks the text searched', () => {
    const { editor } = testEditor();
    const a = editor.addCard('note', { text: 'Pair new staff' })!;
    editor.addCard('note', { text: 'Visit each other' });
    const html = render(editor, { session: session({ matches: new Set([a]), query: 'pair' }) });
    expect(rows(html).map((row) => row.id)).toEqual([a]);
    expect(html).toContain('<mark data-testid="outline-match">Pair</mark>');
  });

  it('during a round, offers dots on the cards this person may vote on', () => {
    const { editor, add } = testEditor();
    const lesson = add('lesson');
    add('note', 300, 0);
    const html = render(editor, { session: session({ canVote: (card) => card.id === lesson, votes: new Map([[lesson, { mine: 1, total: null }]]) }) });
    expect(html.match(/data-testid="outline-vote-add"/g)).toHaveLength(1);
    expect(html).toContain('data-testid="outline-card-votes" data-mine="1" data-total=""');
  });

  it('a read-only person gets no dots, no link select and no edit button', () => {
    const { editor, add } = testEditor();
    add('success');
    add('lesson', 300, 0);
    const html = render(editor, { readOnly: true, onEditCard: vi.fn(), session: session({ canVote: () => true }) });
    expect(html).not.toContain('outline-vote-add');
    expect(html).not.toContain('outline-link-select');
    expect(html).not.toContain('outline-card-edit');
  });

  it("on a phone, every card gets an edit button, not only one's own", () => {
    const { editor, add } = testEditor();
    editor.addCard('note');
    add('success', 300, 0);
    const html = render(editor, { onEditCard: vi.fn(), session: session() });
    expect(html.match(/data-testid="outline-card-edit"/g)).toHaveLength(2);
  });
});
