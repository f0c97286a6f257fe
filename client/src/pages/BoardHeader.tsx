import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportDialog } from '../export/ExportDialog';
import { HistoryPanel } from '../history/HistoryPanel';
import { useAction, useActionText, useEditor, useValue } from '../editor/react';
import { actions as registry, perform } from '../editor/actions';
import type { Editor } from '../editor/Editor';
import { SessionPanel } from '../workshop/SessionPanel';
import type { Workshop } from '../workshop/useWorkshop';
import type { ConnectionState } from '../sync/connectionState';
import { patchBoard } from '../platform/api';
import { Avatars } from './Avatars';
import type { SessionProps } from './BoardView';
import { ConnectionStatus } from '../ui/ConnectionStatus';
import { RenameBoard, RenameForm, SessionControls, useActionError, useSessionActions, type SessionAction } from './FacilitatorControls';
import { HeaderSlot, MoreMenu, useHeaderFit, type MenuAction } from '../ui/HeaderOverflow';
import { PageHeader } from '../ui/PageHeader';
import { knownAccess } from '../platform/recentBoards';
import { SharePanel } from './SharePanel';
import { browserStore } from '../platform/storage';

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

export type BoardHeaderProps = SessionProps & {
  title: string;
  mayEdit: boolean;
  state: ConnectionState;
  showJoin: boolean;
  workshop: Workshop;
  selection: ReadonlySet<string>;
};

const PANEL_ACTIONS = ['rename', 'share', 'export', 'history', 'session'] as const;
type PanelKey = (typeof PANEL_ACTIONS)[number];
const isPanel = (key: string): key is PanelKey => (PANEL_ACTIONS as readonly string[]).includes(key);

/**
 * "More": the actions of the registry that did not fit, in row order: the session's toggles and
 * the panels' actions (which open the panel, its first field taking the focus).
 */
function useMoreActions(editor: Editor, overflowed: ReadonlySet<string>, sessionActions: readonly SessionAction[]) {
  const text = useActionText();
  return FACILITATOR_ROW_ORDER.filter((key) => overflowed.has(key)).flatMap((key): MenuAction[] => {
    const action = sessionActions.find((candidate) => candidate.key === key);
    if (action) return [{ key, label: action.label, title: action.title, disabled: action.disabled, testId: action.testId, onSelect: action.run }];
    if (!isPanel(key) || !registry[key].visible(editor)) return [];
    return [{ key, label: text(registry[key].labelKey), testId: `more-${key}`, onSelect: () => perform(editor, key) }];
  });
}

/**
 * A board of a network on a phone: "Library" and "Publish to the network" are in "More" (for
 * whoever the registry shows them to; the dock's buttons give way there).
 */
function useNetworkMenu(narrow: boolean): MenuAction[] {
  const library = useAction('library');
  const publish = useAction('publish-to-network');
  if (!narrow) return [];
  return (
    [
      ['library', library],
      ['publish-to-network', publish],
    ] as const
  )
    .filter(([, state]) => state.visible)
    .map(([key, state]) => ({ key, label: state.label, title: state.title, disabled: !state.enabled, testId: `more-${key}`, onSelect: state.run }));
}

/** The board page's header: title, role, the facilitator's panels and actions, who is here; what does not fit goes into "More". */
export function BoardHeader(props: BoardHeaderProps) {
  const { i18n } = useTranslation();
  const editor = useEditor();
  const { boardId, token, access, title, state, workshop, identity, connection } = props;
  const facilitator = access.role === 'facilitator';
  const narrow = useValue(editor.narrow);
  const following = useValue(editor.following);
  const headerRef = useRef<HTMLElement>(null);
  const fitSteps = facilitator ? FACILITATOR_FIT_STEPS : OTHER_FIT_STEPS;
  const phoneMenu = facilitator && narrow;
  const fitLevel = useHeaderFit(headerRef, fitSteps, { resetKey: i18n.language, inMenu: facilitator ? FACILITATOR_ROW_ORDER : NO_MENU, menuAlways: phoneMenu });
  const overflowed: ReadonlySet<string> = new Set<string>([...fitSteps.slice(0, fitLevel), ...(phoneMenu ? PHONE_MENU : [])]);
  const renaming = useValue(editor.panel) === 'rename';
  const sessionActions = useSessionActions();
  const moreActions = useMoreActions(editor, overflowed, sessionActions.actions);
  const networkActions = useNetworkMenu(narrow);
  return (
    <>
      <PageHeader
        headerRef={headerRef}
        className={overflowed.has('compact') ? 'is-compact' : undefined}
        end={
          <>
            <ConnectionStatus state={state} />
            <Avatars
              awareness={connection.awareness}
              identity={identity}
              onEditIdentity={props.onEditIdentity}
              following={following}
              onFollow={(id) => editor.follow(id)}
            />
          </>
        }
      >
        <h1 className="board-title" title={title} data-testid="board-title">
          {title}
        </h1>
        {facilitator && !narrow && <RenameBoard boardId={boardId} token={token} title={title} />}
        <RoleBadges role={access.role} compact={overflowed.has('compact')} mayEdit={props.mayEdit} />
        <HeaderPanels {...props} overflowed={overflowed} />
        {facilitator && <SessionControls actions={sessionActions.actions} error={sessionActions.error} overflowed={overflowed} />}
        {facilitator && (
          <HeaderSlot fitKey="session" overflowed={overflowed.has('session')}>
            <SessionPanel board={connection.board} session={workshop.session} takeSnapshot={workshop.takeSnapshot} />
          </HeaderSlot>
        )}
        <MoreMenu actions={[...(facilitator ? moreActions : []), ...networkActions]} />
      </PageHeader>
      {renaming && facilitator && narrow && (
        <RenameForm
          sheet
          boardId={boardId}
          token={token}
          title={title}
          onDone={() => editor.panel.set(null)}
          returnFocus={() => headerRef.current?.querySelector<HTMLElement>('.more-button') ?? null}
        />
      )}
    </>
  );
}

function RoleBadges({ role, compact, mayEdit }: { role: SessionProps['access']['role']; compact: boolean; mayEdit: boolean }) {
  const { t } = useTranslation();
  const readOnlyReason = role === 'viewer' ? t('board.readOnlyViewer') : t('board.readOnlyLocked');
  return (
    <>
      <span className={compact ? 'role-badge visually-hidden' : 'role-badge'} data-fit="compact" title={t('board.role', { role: t(`roles.${role}`) })}>
        {t(`roles.${role}`)}
      </span>
      {!mayEdit && (
        <span className="read-only-badge" data-testid="read-only-badge" title={readOnlyReason}>
          {t('board.readOnly')}
          <span className="visually-hidden">: {readOnlyReason}</span>
        </span>
      )}
    </>
  );
}

/** Share (facilitators), export, history (facilitators): panels that open from the header. */
function HeaderPanels({ boardId, token, access, title, showJoin, connection, selection, overflowed }: BoardHeaderProps & { overflowed: ReadonlySet<string> }) {
  const facilitator = access.role === 'facilitator';
  const share = facilitator ? knownAccess(browserStore('local'), boardId, token)?.share : undefined;
  const [showJoinError, reportShowJoin] = useActionError();
  const setShowJoin = (show: boolean) => {
    patchBoard(boardId, token, { showJoin: show }).catch(reportShowJoin);
  };
  return (
    <>
      {facilitator && (
        <HeaderSlot fitKey="share" overflowed={overflowed.has('share')}>
          <SharePanel boardId={boardId} token={token} share={share} showJoin={showJoin} onShowJoinChange={setShowJoin} />
        </HeaderSlot>
      )}
      <HeaderSlot fitKey="export" overflowed={overflowed.has('export')}>
        <ExportDialog boardId={boardId} token={token} board={connection.board} awareness={connection.awareness} title={title} selection={selection} />
      </HeaderSlot>
      {facilitator && (
        <HeaderSlot fitKey="history" overflowed={overflowed.has('history')}>
          <HistoryPanel boardId={boardId} token={token} />
        </HeaderSlot>
      )}
      {showJoinError && (
        <span className="form-error" role="alert">
          {showJoinError}
        </span>
      )}
    </>
  );
}
