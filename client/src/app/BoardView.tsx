import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit, CloseCode, readCard, boardMaps } from '@benchlearn/shared';
import { BoardCanvas } from '../board/BoardCanvas';
import { ExportDialog } from '../export/ExportDialog';
import { HistoryPanel } from '../history/HistoryPanel';
import { Outline } from '../outline/Outline';
import { forgetAnonymousAuthorId } from '../session/anonymity';
import { useProjectorWorkshop, useWorkshop } from '../session/useWorkshop';
import type { BoardConnection } from '../sync/connection';
import { useBoardConnection, useConnectionState, usePeers } from '../sync/hooks';
import { setPresenceSelection, setPresenceUser } from '../sync/presence';
import { useResyncAfterLock } from '../sync/resync';
import type { Identity } from '../types';
import { Avatars } from './Avatars';
import { BoardError } from './BoardError';
import type { BoardAccess } from './boardAccess';
import { CardForm } from './CardForm';
import { addCardFromForm, editCardFromForm } from './cardForm';
import { ConnectionStatus } from './ConnectionStatus';
import { RenameBoard, RenameForm, SessionControls, useActionError, useSessionActions } from './FacilitatorControls';
import { HeaderSlot, MoreMenu, openSlot, useHeaderFit, type MenuAction } from './HeaderOverflow';
import { LanguageSwitch } from './LanguageSwitch';
import { PageHeader } from './PageHeader';
import { joinTokenFor, ProjectorCorner } from './ProjectorCorner';
import { forgetBoard, knownAccess } from './recentBoards';
import { SharePanel } from './SharePanel';
import { patchBoard } from './api';
import { browserStore } from './storage';
import { useBoardTitle } from './useBoardTitle';
import { useNarrow } from './useNarrow';
import { useRoomState } from './useRoomState';

type ReadyAccess = Extract<BoardAccess, { phase: 'ready' }>;

/**
 * What gives way, in order, when the header does not fit in one row: first the brand's name and
 * the role badge ('compact'), then the facilitator's actions, least needed first, into "More".
 */
const FACILITATOR_FIT_STEPS = ['compact', 'summon', 'lock', 'present', 'history', 'export', 'session', 'share'] as const;
const OTHER_FIT_STEPS = ['compact'] as const;
/** "More" lists what it holds in the order the row shows it. */
const FACILITATOR_ROW_ORDER = ['rename', 'share', 'export', 'history', 'lock', 'present', 'summon', 'session'] as const;
/**
 * A phone's header has room for the title and little else: a facilitator's own actions are always
 * in "More" there (as in the phone apps of Miro or FigJam); the panels follow the measured fit.
 */
const PHONE_MENU = ['rename', 'lock', 'present', 'summon'] as const;
const NO_MENU: readonly string[] = [];

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

/** Opens the board's document and connection; shows the board once they exist. */
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
  return props.presentation ? <ProjectorSession {...props} connection={connection} /> : <BoardSession {...props} connection={connection} />;
}

type SessionProps = BoardViewProps & { connection: BoardConnection };

/** The projector (`/b/:id/present`): the board alone, following the presenter, with the join corner. */
function ProjectorSession({ boardId, hash, identity, connection }: SessionProps) {
  const { t } = useTranslation();
  const { board, awareness } = connection;
  const state = useConnectionState(connection);
  const room = useRoomState(awareness);
  const title = useBoardTitle(board, '') || t('board.untitled');
  const [joinToken] = useState(() => joinTokenFor(boardId, hash));
  const noSelection = useState<ReadonlySet<string>>(() => new Set())[0];
  const projectorWorkshop = useProjectorWorkshop(board);
  useEffect(() => {
    document.title = `${title} · ${t('present.label')}`;
  }, [title, t]);
  return (
    <div className="page present-page" aria-label={t('present.label')} data-testid="projector">
      <main className="present-canvas">
        <BoardCanvas
          board={board}
          awareness={awareness}
          identity={identity}
          readOnly
          selection={noSelection}
          onSelectionChange={() => undefined}
          focusRequest={null}
          presentation
          session={projectorWorkshop.canvas}
          synced={state.synced}
        />
      </main>
      {projectorWorkshop.bar}
      {joinToken && (room?.showJoin ?? true) ? <ProjectorCorner boardId={boardId} joinToken={joinToken} /> : null}
      <div className="present-corner">
        <ConnectionStatus state={state} />
        <LanguageSwitch />
      </div>
      {state.finalCode !== null && <BoardError code={state.finalCode} board={board} title={title} />}
    </div>
  );
}

function BoardSession({ boardId, token, access, editable, identity, onEditIdentity, onConnected, connection }: SessionProps) {
  const { t, i18n } = useTranslation();
  const { board, awareness } = connection;
  const state = useConnectionState(connection);
  const room = useRoomState(awareness);
  const title = useBoardTitle(board, access.title) || t('board.untitled');
  const [selection, setSelection] = useState<ReadonlySet<string>>(() => new Set());
  const [focusRequest, setFocusRequest] = useState<{ id: string; seq: number } | null>(null);
  const [followRequest, setFollowRequest] = useState<{ userId: string | null; seq: number } | null>(null);
  const [following, setFollowing] = useState<string | null>(null);
  const [presenting, setPresenting] = useState(false);
  const narrow = useNarrow();
  const [phoneTab, setPhoneTab] = useState<'board' | 'outline'>('board');
  const [form, setForm] = useState<{ cardId: string | null } | null>(null);
  const facilitator = access.role === 'facilitator';
  // The room state is live; until it arrives, what the API said.
  const locked = room?.locked ?? access.locked;
  const mayEdit = editable && canEdit(access.role, locked);
  const readOnly = !mayEdit || state.finalCode !== null;
  useResyncAfterLock(connection, editable && !mayEdit);
  const workshop = useWorkshop({ board, boardId, token, identity, facilitator, readOnly, connected: state.status === 'connected' });

  useEffect(() => setPresenceUser(awareness, identity), [awareness, identity]);
  useEffect(() => setPresenceSelection(awareness, selection), [awareness, selection]);
  // Presenting and summoning are a facilitator's (the server drops them from anyone else).
  useEffect(() => {
    if (facilitator) awareness.setLocalStateField('presenting', presenting);
  }, [awareness, facilitator, presenting]);
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
  const follow = useCallback((userId: string | null) => setFollowRequest((previous) => ({ userId, seq: (previous?.seq ?? 0) + 1 })), []);
  const summon = useCallback(() => {
    const current = awareness.getLocalState()?.summon;
    awareness.setLocalStateField('summon', (typeof current === 'number' ? current : 0) + 1);
  }, [awareness]);
  // A facilitator's presence carries a summon counter from the start, so the first summon is a change others can see.
  useEffect(() => {
    if (facilitator && typeof awareness.getLocalState()?.summon !== 'number') awareness.setLocalStateField('summon', 0);
  }, [awareness, facilitator]);
  const [showJoinError, reportShowJoin] = useActionError();
  const setShowJoin = useCallback(
    (show: boolean) => {
      patchBoard(boardId, token, { showJoin: show }).catch(reportShowJoin);
    },
    [boardId, token, reportShowJoin],
  );

  const canvas = (
    <BoardCanvas
      board={board}
      awareness={awareness}
      identity={identity}
      readOnly={readOnly}
      selection={selection}
      onSelectionChange={onSelectionChange}
      focusRequest={focusRequest}
      canEditFrames={facilitator}
      followRequest={followRequest}
      onFollowingChange={setFollowing}
      session={workshop.canvas}
      synced={state.synced}
    />
  );

  const sessionActions = useSessionActions({ boardId, token, locked, presenting, onPresentingChange: setPresenting, onSummon: summon });
  const headerRef = useRef<HTMLElement>(null);
  const fitSteps = facilitator ? FACILITATOR_FIT_STEPS : OTHER_FIT_STEPS;
  const phoneMenu = facilitator && narrow;
  const fitLevel = useHeaderFit(headerRef, fitSteps, {
    resetKey: i18n.language,
    inMenu: facilitator ? FACILITATOR_ROW_ORDER : NO_MENU,
    menuAlways: phoneMenu,
  });
  const overflowed: ReadonlySet<string> = new Set<string>([...fitSteps.slice(0, fitLevel), ...(phoneMenu ? PHONE_MENU : [])]);
  const [renaming, setRenaming] = useState(false);
  const panelLabels: Record<string, string> = {
    share: t('board.share'),
    export: t('dialog.open', { ns: 'export' }),
    history: t('history.open', { ns: 'export' }),
    session: t('panel.open', { ns: 'session' }),
  };
  const moreActions: MenuAction[] = facilitator
    ? FACILITATOR_ROW_ORDER.filter((key) => overflowed.has(key)).map((key): MenuAction => {
        const action = sessionActions.actions.find((candidate) => candidate.key === key);
        if (action) {
          return { key, label: action.label, title: action.title, disabled: action.disabled, testId: action.testId, onSelect: action.run };
        }
        if (key === 'rename') {
          return {
            key,
            label: t('facilitator.rename'),
            testId: 'more-rename',
            onSelect: () => {
              setRenaming(true);
              // The sheet's field takes the focus.
              return true;
            },
          };
        }
        return { key, label: panelLabels[key] ?? key, testId: `more-${key}`, onSelect: () => openSlot(headerRef.current, key) };
      })
    : [];
  const share = facilitator ? knownAccess(browserStore('local'), boardId, token)?.share : undefined;
  const readOnlyReason = access.role === 'viewer' ? t('board.readOnlyViewer') : t('board.readOnlyLocked');
  const editingCard = form?.cardId ? readCard(form.cardId, boardMaps(board).cards.get(form.cardId)) : null;
  const outline = (
    <Outline
      board={board}
      identity={identity}
      readOnly={readOnly}
      selection={selection}
      onSelectCard={(id, additive) => {
        selectFromOutline(id, additive);
        if (narrow) setPhoneTab('board');
      }}
      {...(narrow ? { onEditCard: (id: string) => setForm({ cardId: id }) } : {})}
      session={workshop.outline}
      header={workshop.findBar}
    />
  );
  return (
    <div className={`page board-page${narrow ? ' is-narrow' : ''}${overflowed.has('compact') ? ' is-compact' : ''}`}>
      <a className="skip-link" href="#outline">
        {t('skipToOutline')}
      </a>
      <PageHeader
        headerRef={headerRef}
        end={
          <>
            <ConnectionStatus state={state} />
            <Avatars awareness={awareness} identity={identity} onEditIdentity={onEditIdentity} following={following} onFollow={follow} />
          </>
        }
      >
        <h1 className="board-title" title={title} data-testid="board-title">
          {title}
        </h1>
        {facilitator && !narrow && <RenameBoard boardId={boardId} token={token} title={title} />}
        <span
          className={overflowed.has('compact') ? 'role-badge visually-hidden' : 'role-badge'}
          data-fit="compact"
          title={t('board.role', { role: t(`roles.${access.role}`) })}
        >
          {t(`roles.${access.role}`)}
        </span>
        {!mayEdit && (
          <span className="read-only-badge" data-testid="read-only-badge" title={readOnlyReason}>
            {t('board.readOnly')}
            <span className="visually-hidden">: {readOnlyReason}</span>
          </span>
        )}
        {facilitator && (
          <HeaderSlot fitKey="share" overflowed={overflowed.has('share')}>
            <SharePanel boardId={boardId} token={token} share={share} showJoin={room?.showJoin ?? true} onShowJoinChange={setShowJoin} />
          </HeaderSlot>
        )}
        <HeaderSlot fitKey="export" overflowed={overflowed.has('export')}>
          <ExportDialog boardId={boardId} token={token} board={board} awareness={awareness} title={title} selection={selection} />
        </HeaderSlot>
        {facilitator && (
          <HeaderSlot fitKey="history" overflowed={overflowed.has('history')}>
            <HistoryPanel boardId={boardId} token={token} />
          </HeaderSlot>
        )}
        {facilitator && <SessionControls actions={sessionActions.actions} error={sessionActions.error} overflowed={overflowed} />}
        {workshop.panel && (
          <HeaderSlot fitKey="session" overflowed={overflowed.has('session')}>
            {workshop.panel}
          </HeaderSlot>
        )}
        {showJoinError && (
          <span className="form-error" role="alert">
            {showJoinError}
          </span>
        )}
        <MoreMenu actions={moreActions} />
      </PageHeader>
      {locked && access.role !== 'viewer' && (
        <div className="locked-banner" role="status" data-testid="locked-banner">
          {facilitator ? t('board.lockedFacilitator') : t('board.lockedEditor')}
        </div>
      )}
      {workshop.bar}
      {following && <FollowingBanner awareness={awareness} identity={identity} userId={following} onStop={() => follow(null)} />}
      {state.finalCode !== null && <BoardError code={state.finalCode} board={board} title={title} />}
      <main className="board-main">
        <div className="board-canvas-area" hidden={narrow && phoneTab === 'outline'}>
          {canvas}
        </div>
        {(!narrow || phoneTab === 'outline') && outline}
      </main>
      {narrow && (
        <nav className="phone-bar" aria-label={t('phone.label')} data-testid="phone-bar">
          <button type="button" data-testid="phone-tab-board" aria-pressed={phoneTab === 'board'} onClick={() => setPhoneTab('board')}>
            {t('phone.board')}
          </button>
          <button type="button" data-testid="phone-tab-outline" aria-pressed={phoneTab === 'outline'} onClick={() => setPhoneTab('outline')}>
            {t('outline.title')}
          </button>
          {!readOnly && (
            <button type="button" className="phone-add" data-testid="phone-add-card" onClick={() => setForm({ cardId: null })}>
              {t('phone.addCard')}
            </button>
          )}
        </nav>
      )}
      {renaming && facilitator && (
        <RenameForm
          sheet
          boardId={boardId}
          token={token}
          title={title}
          onDone={() => {
            setRenaming(false);
            headerRef.current?.querySelector<HTMLElement>('.more-button')?.focus();
          }}
        />
      )}
      {form && !readOnly && (
        <CardForm
          key={form.cardId ?? 'new'}
          {...(editingCard ? { initial: { kind: editingCard.kind, text: editingCard.text, ...(editingCard.org ? { org: editingCard.org } : {}) } } : {})}
          kinds={workshop.form.kinds}
          defaultOrg={workshop.form.defaultOrg}
          onCancel={() => setForm(null)}
          onSave={(kind, text, org) => {
            if (form.cardId) editCardFromForm(board, form.cardId, kind, text, org);
            else addCardFromForm(board, workshop.form.author, kind, text, awareness.getLocalState()?.viewport, org);
            workshop.form.onOrg(org);
            setForm(null);
          }}
        />
      )}
    </div>
  );
}

/** Says whose view you follow, and how to stop (panning or zooming also stops it). */
function FollowingBanner({
  awareness,
  identity,
  userId,
  onStop,
}: {
  awareness: BoardConnection['awareness'];
  identity: Identity;
  userId: string;
  onStop(): void;
}) {
  const { t } = useTranslation();
  const peers = usePeers(awareness, identity.id);
  const name = peers.find((peer) => peer.id === userId)?.name ?? '';
  return (
    <div className="following-banner" role="status" data-testid="following-banner" data-user-id={userId}>
      <span>{t('follow.following', { name })}</span>
      <button type="button" className="button secondary" onClick={onStop}>
        {t('follow.stop')}
      </button>
    </div>
  );
}
