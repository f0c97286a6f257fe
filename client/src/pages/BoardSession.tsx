import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '@benchlearn/shared';
import { BoardCanvas } from '../canvas/BoardCanvas';
import { perform } from '../editor/actions';
import { useEditor, useSelection, useValue } from '../editor/react';
import { Outline } from '../outline/Outline';
import { FindBar } from '../workshop/FindBar';
import { WorkshopBar } from '../workshop/SessionBar';
import { useWorkshop } from '../workshop/useWorkshop';
import { useConnectionState } from '../sync/hooks';
import { useResyncAfterLock } from '../sync/resync';
import { ShortcutHelp } from '../ui/ShortcutHelp';
import { CardCommands } from '../ui/CardCommands';
import { LiveRegion } from '../ui/LiveRegion';
import { patchBoard } from '../platform/api';
import { BoardError } from './BoardError';
import { BoardHeader } from './BoardHeader';
import type { SessionProps } from './BoardView';
import { CardFormSheet, FollowingBanner, PhoneBar } from './BoardParts';
import { useBoardTitle } from './useBoardTitle';
import { useNarrow } from '../ui/useNarrow';
import { useRoomState } from './useRoomState';

/** Hands the editor what the page knows: who you are, your role, the live lock, the screen's width. */
function useEditorState(props: SessionProps, readOnly: boolean, locked: boolean): void {
  const editor = useEditor();
  const { boardId, token, identity, access } = props;
  const narrow = useNarrow();
  useLayoutEffect(() => {
    editor.identity.set(identity);
    editor.facilitator.set(access.role === 'facilitator');
    editor.locked.set(locked);
    editor.setReadOnly(readOnly);
    editor.narrow.set(narrow);
  }, [editor, identity, access.role, locked, readOnly, narrow]);
  useEffect(() => {
    editor.host = { setLocked: async (next) => void (await patchBoard(boardId, token, { locked: next })) };
    return () => {
      editor.host = null;
    };
  }, [editor, boardId, token]);
}

/** Re-asks the server for role and lock when the socket connects and when the tab comes back. */
function useRecheck(connected: boolean, onConnected: () => void): void {
  useEffect(() => {
    if (connected) onConnected();
  }, [connected, onConnected]);
  // Back to this tab: the facilitator may have locked or unlocked the board meanwhile.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') onConnected();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [onConnected]);
}

/** The board page for participants and facilitators: header, session bar, canvas, outline, phone bar. */
export function BoardSession(props: SessionProps) {
  const { t } = useTranslation();
  const editor = useEditor();
  const { boardId, token, access, editable, identity, connection } = props;
  const { board, awareness } = connection;
  const state = useConnectionState(connection);
  const room = useRoomState(awareness);
  const title = useBoardTitle(board, access.title) || t('board.untitled');
  const facilitator = access.role === 'facilitator';
  // The room state is live; until it arrives, what the API said.
  const locked = room?.locked ?? access.locked;
  const mayEdit = editable && canEdit(access.role, locked);
  const readOnly = !mayEdit || state.finalCode !== null;
  useResyncAfterLock(connection, editable && !mayEdit);
  useEditorState(props, readOnly, locked);
  useRecheck(state.status === 'connected', props.onConnected);
  const workshop = useWorkshop({ boardId, token, identity, facilitator, readOnly, connected: state.status === 'connected' });
  const narrow = useValue(editor.narrow);
  const phoneTab = useValue(editor.phoneTab);
  const following = useValue(editor.following);
  const selection = useSelection();
  useEffect(() => {
    document.title = `${title} · ${t('appName')}`;
  }, [title, t]);

  return (
    <div className={`page board-page${narrow ? ' is-narrow' : ''}`}>
      <a className="skip-link" href="#outline">
        {t('skipToOutline')}
      </a>
      <LiveRegion synced={state.synced} />
      <BoardHeader {...props} title={title} mayEdit={mayEdit} state={state} showJoin={room?.showJoin ?? true} workshop={workshop} selection={selection} />
      {locked && access.role !== 'viewer' && (
        <div className="locked-banner" role="status" data-testid="locked-banner">
          {facilitator ? t('board.lockedFacilitator') : t('board.lockedEditor')}
        </div>
      )}
      <WorkshopBar session={workshop.session} {...(readOnly ? {} : { votes: workshop.votes })} message={workshop.message} facilitator={facilitator} />
      {following && <FollowingBanner awareness={awareness} identity={identity} userId={following} onStop={() => editor.follow(null)} />}
      {state.finalCode !== null && <BoardError code={state.finalCode} board={board} title={title} />}
      <main className="board-main">
        <div className="board-canvas-area" hidden={narrow && phoneTab === 'outline'}>
          <BoardCanvas canEditFrames={facilitator} synced={state.synced} />
        </div>
        {(!narrow || phoneTab === 'outline') && (
          <Outline
            identity={identity}
            readOnly={readOnly}
            onSelectCard={(id, additive) => {
              editor.reveal(id, additive);
              if (narrow) editor.phoneTab.set('board');
            }}
            {...(narrow ? { onEditCard: (id: string) => perform(editor, 'open-card-form', { cardId: id }) } : {})}
            session={workshop.outline}
            header={<FindBar filter={workshop.filter} onChange={workshop.setFilter} organisations={workshop.organisations} matches={workshop.matchCount} />}
          />
        )}
      </main>
      {narrow && <PhoneBar />}
      {!readOnly && <CardFormSheet workshop={workshop} />}
      <ShortcutHelp />
      {!readOnly && <CardCommands />}
    </div>
  );
}
