import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BoardCanvas } from '../board/BoardCanvas';
import { Outline } from '../outline/Outline';
import type { BoardConnection } from '../sync/connection';
import { useBoardConnection, useConnectionState } from '../sync/hooks';
import { setPresenceSelection, setPresenceUser } from '../sync/presence';
import type { Identity } from '../types';
import { Avatars } from './Avatars';
import { BoardError } from './BoardError';
import type { BoardAccess } from './boardAccess';
import { ConnectionStatus } from './ConnectionStatus';
import { LanguageSwitch } from './LanguageSwitch';
import { PageHeader } from './PageHeader';
import { forgetBoard, knownAccess } from './recentBoards';
import { SharePanel } from './SharePanel';
import { browserStore } from './storage';
import { useBoardTitle } from './useBoardTitle';
import { CloseCode } from '@benchlearn/shared';

type ReadyAccess = Extract<BoardAccess, { phase: 'ready' }>;

export interface BoardViewProps {
  boardId: string;
  token: string;
  access: ReadyAccess;
  editable: boolean;
  presentation: boolean;
  identity: Identity;
  onEditIdentity(): void;
  /** The socket (re)connected or the tab became visible: ask the server for role and lock again. */
  onConnected(): void;
}

/** Opens the board's document and connection; shows the board once they exist. */
export function BoardView(props: BoardViewProps) {
  const { t } = useTranslation();
  const { boardId } = props;
  const onFinalClose = useCallback(
    (code: number) => {
      if (code === CloseCode.BoardNotFound) forgetBoard(browserStore('local'), boardId);
    },
    [boardId],
  );
  const connection = useBoardConnection({
    boardId,
    token: props.token,
    editable: props.editable,
    identity: props.identity,
    onFinalClose,
  });
  if (!connection) {
    return (
      <div className="page board-message-page" aria-busy="true">
        <p className="board-message">{t('board.loading')}</p>
      </div>
    );
  }
  return <BoardSession {...props} connection={connection} />;
}

function BoardSession({
  boardId,
  token,
  access,
  editable,
  presentation,
  identity,
  onEditIdentity,
  onConnected,
  connection,
}: BoardViewProps & { connection: BoardConnection }) {
  const { t } = useTranslation();
  const { doc, awareness } = connection;
  const state = useConnectionState(connection);
  const title = useBoardTitle(doc, access.title) || t('board.untitled');
  const [selection, setSelection] = useState<ReadonlySet<string>>(() => new Set());
  const [focusRequest, setFocusRequest] = useState<{ id: string; seq: number } | null>(null);
  const readOnly = !editable || presentation || state.finalCode !== null;

  useEffect(() => setPresenceUser(awareness, identity), [awareness, identity]);
  useEffect(() => setPresenceSelection(awareness, selection), [awareness, selection]);
  useEffect(() => {
    if (state.status === 'connected') onConnected();
  }, [state.status, onConnected]);
  // Back to this tab: the facilitator may have locked or unlocked the board meanwhile.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') onConnected();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [onConnected]);
  useEffect(() => {
    document.title = `${title} · ${t('appName')}`;
  }, [title, t]);

  const onSelectionChange = useCallback((ids: string[]) => setSelection(new Set(ids)), []);
  const selectFromOutline = useCallback((id: string, additive: boolean) => {
    setSelection((current) => {
      if (!additive) return new Set([id]);
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    setFocusRequest((previous) => ({ id, seq: (previous?.seq ?? 0) + 1 }));
  }, []);

  const canvas = (
    <BoardCanvas
      doc={doc}
      awareness={awareness}
      identity={identity}
      readOnly={readOnly}
      selection={selection}
      onSelectionChange={onSelectionChange}
      focusRequest={focusRequest}
      presentation={presentation}
    />
  );

  if (presentation) {
    return (
      <div className="page present-page" aria-label={t('present.label')}>
        <main className="present-canvas">{canvas}</main>
        <div className="present-corner">
          <ConnectionStatus state={state} />
          <LanguageSwitch />
        </div>
        {state.finalCode !== null && <BoardError code={state.finalCode} />}
      </div>
    );
  }

  const share = access.role === 'facilitator' ? knownAccess(browserStore('local'), boardId, token)?.share : undefined;
  const readOnlyReason = access.role === 'viewer' ? t('board.readOnlyViewer') : t('board.readOnlyLocked');
  return (
    <div className="page board-page">
      <a className="skip-link" href="#outline">
        {t('skipToOutline')}
      </a>
      <PageHeader
        end={
          <>
            <ConnectionStatus state={state} />
            <Avatars awareness={awareness} identity={identity} onEditIdentity={onEditIdentity} />
          </>
        }
      >
        <h1 className="board-title" title={title}>
          {title}
        </h1>
        <span className="role-badge" title={t('board.role', { role: t(`roles.${access.role}`) })}>
          {t(`roles.${access.role}`)}
        </span>
        {!editable && (
          <span className="read-only-badge" data-testid="read-only-badge" title={readOnlyReason}>
            {t('board.readOnly')}
            <span className="visually-hidden">: {readOnlyReason}</span>
          </span>
        )}
        {access.role === 'facilitator' && <SharePanel boardId={boardId} share={share} />}
      </PageHeader>
      {state.finalCode !== null && <BoardError code={state.finalCode} />}
      <main className="board-main">
        <div className="board-canvas-area">{canvas}</div>
        <Outline doc={doc} identity={identity} readOnly={readOnly} selection={selection} onSelectCard={selectFromOutline} />
      </main>
    </div>
  );
}
