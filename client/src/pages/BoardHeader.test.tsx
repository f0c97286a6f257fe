import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { Editor } from '../editor/Editor';
import { libraryState } from '../editor/libraryState';
import { EditorProvider } from '../editor/react';
import { ANN, testEditor } from '../editor/testEditor';
import { resources } from '../i18n';
import type { BoardConnection } from '../sync/connection';
import { initialConnectionState } from '../sync/connectionState';
import type { Workshop } from '../workshop/useWorkshop';
import { BoardHeader, type BoardHeaderProps } from './BoardHeader';

const workshop = { session: { agenda: null, timer: null, voting: null, anonymous: false }, takeSnapshot: vi.fn() } as unknown as Workshop;

function render(editor: Editor, role: 'facilitator' | 'editor' | 'viewer', overrides: Partial<BoardHeaderProps> = {}): string {
  const i18n = i18next.createInstance();
  void i18n
    .use(initReactI18next)
    .init({ resources, lng: 'en', defaultNS: 'app', ns: ['app', 'canvas', 'session', 'export'], initAsync: false, showSupportNotice: false });
  const props: BoardHeaderProps = {
    boardId: 'b1',
    token: 't1',
    access: { phase: 'ready', role, locked: false, title: 'Retro', source: 'server' },
    editable: role !== 'viewer',
    presentation: false,
    hash: '',
    identity: ANN,
    onEditIdentity: vi.fn(),
    onConnected: vi.fn(),
    connection: { board: editor.board, awareness: editor.awareness } as unknown as BoardConnection,
    title: 'Retro',
    mayEdit: role !== 'viewer',
    state: initialConnectionState(),
    showJoin: true,
    workshop,
    selection: new Set(),
    ...overrides,
  };
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorProvider editor={editor}>
        <BoardHeader {...props} />
      </EditorProvider>
    </I18nextProvider>,
  );
}

describe("the board page's header", () => {
  it('a facilitator: title, rename, share, export, history, session buttons and panel', () => {
    // The share panel writes its links with the page's origin.
    vi.stubGlobal('window', { location: { origin: 'http://board.test' } });
    const { editor } = testEditor();
    editor.facilitator.set(true);
    const html = render(editor, 'facilitator');
    for (const id of [
      'board-title',
      'rename-board',
      'share-button',
      'export-button',
      'history-button',
      'lock-toggle',
      'present-toggle',
      'summon',
      'session-button',
    ])
      expect(html, id).toContain(`data-testid="${id}"`);
    expect(html).not.toContain('read-only-badge');
    vi.unstubAllGlobals();
  });

  it("an editor: title and export, none of the facilitator's tools", () => {
    const { editor } = testEditor();
    const html = render(editor, 'editor');
    expect(html).toContain('data-testid="export-button"');
    for (const id of ['rename-board', 'share-button', 'history-button', 'lock-toggle', 'session-button', 'more-button'])
      expect(html, id).not.toContain(`data-testid="${id}"`);
  });

  it('a viewer sees why the board is read-only', () => {
    const { editor } = testEditor();
    const html = render(editor, 'viewer', { mayEdit: false });
    expect(html).toContain('data-testid="read-only-badge"');
    expect(html).toContain('Viewer');
  });

  it('on a phone, a board of a network gives everyone "More" for the Library (the dock’s buttons give way)', () => {
    const { editor } = testEditor();
    libraryState(editor).network.set({ id: 'n1', name: 'SPARK' });
    expect(render(editor, 'editor')).not.toContain('data-testid="more-button"');
    editor.narrow.set(true);
    expect(render(editor, 'editor')).toContain('data-testid="more-button"');
    libraryState(editor).network.set(null);
    expect(render(editor, 'editor')).not.toContain('data-testid="more-button"');
  });
});
