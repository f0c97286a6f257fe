import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseCode } from '@benchlearn/shared';
import { BoardCanvas } from '../canvas/BoardCanvas';
import { Editor } from '../editor/Editor';
import { EditorProvider, useEditor, useValue } from '../editor/react';
import { forgetAnonymousAuthorId } from '../workshop/anonymity';
import { ProjectorWorkshop } from '../workshop/useWorkshop';
import { ProjectorResults } from '../workshop/VoteResults';
import type { BoardConnection } from '../sync/connection';
import { useBoardConnection, useConnectionState } from '../sync/hooks';
import type { Identity } from '../editor/types';
import { BoardError } from './BoardError';
import type { BoardAccess } from './boardAccess';
import { BoardSession } from './BoardSession';
import { LibraryDock } from '../library/LibraryDock';
import { ConnectionStatus } from '../ui/ConnectionStatus';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { joinTokenFor, ProjectorCorner } from '../present/ProjectorCorner';
import { forgetBoard } from '../platform/recentBoards';
import { browserStore } from '../platform/storage';
import { useBoardTitle } from './useBoardTitle';
import { useRoomState } from './useRoomState';

type ReadyAccess = Extract<BoardAccess, { phase: 'ready' }>;

export interface BoardViewProps {
  boardId: string;
  token: string;
  access: ReadyAccess;
  /** Whether the role may edit at all (the lock is applied live on top of it). */
  editable: boolean;
  presentation: boolean;
  /** The page's fragment (the projector reads its join code from it). */
  hash: string;
  identity: Identity;
  onEditIdentity(): void;
  /** The socket (re)connected or the tab became visible: ask the server for role and lock again. */
  onConnected(): void;
}

export type SessionProps = BoardViewProps & { connection: BoardConnection };

/** Opens the board's document and connection, and one Editor over them; shows the board once they exist. */
export function BoardView(props: BoardViewProps) {
  const { t } = useTranslation();
  const { boardId } = props;
  const onFinalClose = useCallback(
    (code: number) => {
      if (code === CloseCode.BoardNotFound) {
        forgetBoard(browserStore('local'), boardId);
        forgetAnonymousAuthorId(browserStore('local'), boardId);
      }
    },
    [boardId],
  );
  const connection = useBoardConnection({
    boardId,
    token: props.token,
    editable: props.editable,
    identity: props.identity,
    onFinalClose,
    presence: !props.presentation,
  });
  if (!connection) {
    return (
      <div className="page board-message-page" aria-busy="true">
        <p className="board-message">{t('board.loading')}</p>
      </div>
    );
  }
  return <OpenBoard {...props} connection={connection} />;
}

/** One Editor per connection, started while the page shows it. */
function OpenBoard(props: SessionProps) {
  const { connection, identity, presentation } = props;
  const [editor, setEditor] = useState(() => new Editor({ board: connection.board, awareness: connection.awareness, identity, presentation }));
  if (editor.board !== connection.board) setEditor(new Editor({ board: connection.board, awareness: connection.awareness, identity, presentation }));
  useLayoutEffect(() => {
    editor.start();
    return () => editor.stop();
  }, [editor]);
  return (
    <EditorProvider editor={editor}>
      {presentation ? <ProjectorSession {...props} /> : <BoardSession {...props} />}
      {!presentation && props.access.network ? <NetworkDock {...props} network={props.access.network} /> : null}
    </EditorProvider>
  );
}

/** A board of a network: the Library panel, suggestions and publishing (library/). */
function NetworkDock(props: SessionProps & { network: { id: string; name: string } }) {
  const readOnly = useValue(useEditor().readOnly);
  const { boardId, token, network } = props;
  return <LibraryDock boardId={boardId} token={token} network={network} readOnly={readOnly} />;
}

/** The projector (`/b/:id/present`): the board alone, following the presenter, with the join corner. */
function ProjectorSession({ boardId, token, hash, connection }: SessionProps) {
  const { t } = useTranslation();
  const { board, awareness } = connection;
  const state = useConnectionState(connection);
  const room = useRoomState(awareness);
  const title = useBoardTitle(board, '') || t('board.untitled');
  const [joinToken] = useState(() => joinTokenFor(boardId, hash));
  // The join column takes its own room beside the board (the canvas fits what is left).
  const joining = joinToken !== null && (room?.showJoin ?? true);
  useEffect(() => {
    document.title = `${title} · ${t('present.label')}`;
  }, [title, t]);
  return (
    <div className={`page present-page${joining ? ' has-join' : ''}`} aria-label={t('present.label')} data-testid="projector">
      <main className="present-canvas">
        <BoardCanvas synced={state.synced} />
        <ProjectorResults />
      </main>
      <ProjectorWorkshop />
      {joining ? <ProjectorCorner boardId={boardId} token={token} joinToken={joinToken} /> : null}
      <div className="present-corner">
        <ConnectionStatus state={state} />
        <LanguageSwitch />
      </div>
      {state.finalCode !== null && <BoardError code={state.finalCode} board={board} title={title} />}
    </div>
  );
}
