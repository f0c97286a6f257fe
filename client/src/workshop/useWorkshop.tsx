import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addableKinds, currentPhase, type Card, type CardKind, type Session, type VoteRefusal } from '@benchlearn/shared';
import { useCards, useEditor } from '../editor/react';
import type { CanvasSession, Identity, OutlineSession } from '../editor/types';
import { browserStore } from '../platform/storage';
import { anonymousAuthorId, authorOfNewCards, peekAnonymousAuthorId } from './anonymity';
import { useServerClock, useSession } from './hooks';
import { rememberedOrg, rememberOrg } from './org';
import { SessionBar } from './SessionBar';
import { snapshotPhase } from './snapshot';
import { canVoteOn, cardDecor, findMatches, NO_FILTER, organisationsOf, voteView, type FindFilter, type VoteView } from './view';
import { fixOwnVotes, vote } from './writes';
import './session.css';

export interface WorkshopInput {
  boardId: string;
  token: string;
  identity: Identity;
  facilitator: boolean;
  /** Viewer, locked editor, or a closed connection: no dots, no adding. */
  readOnly: boolean;
  /** The socket is up and synced (the check of one's own dots waits for the whole board). */
  connected: boolean;
}

export interface Workshop {
  session: Session;
  votes: VoteView;
  outline: OutlineSession;
  filter: FindFilter;
  setFilter(filter: FindFilter): void;
  organisations: readonly string[];
  /** How many cards the finder matches, or null when nothing is filtered. */
  matchCount: number | null;
  /** Why the last dot was refused, for a few seconds. */
  message: { text: string; key: number } | null;
  takeSnapshot(name: string): Promise<void>;
  /** The phone form: what may be added and the organisation to start with. */
  form: { kinds: readonly CardKind[]; defaultOrg: string };
}

/** A dot given or taken back, and the refusal's words for a few seconds. */
function useVoting(identityId: string): { onVote(cardId: string, delta: 1 | -1): void; message: Workshop['message'] } {
  const { t } = useTranslation('session');
  const editor = useEditor();
  const [message, setMessage] = useState<Workshop['message']>(null);
  const messageTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (messageTimer.current) clearTimeout(messageTimer.current);
    },
    [],
  );
  const onVote = useCallback(
    (cardId: string, delta: 1 | -1) => {
      const result = vote(editor.board, cardId, identityId, delta);
      if (messageTimer.current) clearTimeout(messageTimer.current);
      if (result.ok) {
        setMessage(null);
        return;
      }
      const reason: VoteRefusal = result.reason;
      setMessage({ text: t(`voting.refusal.${reason}`), key: Date.now() });
      messageTimer.current = setTimeout(() => setMessage(null), 3000);
    },
    [editor, identityId, t],
  );
  return { onVote, message };
}

/**
 * The workshop session of one open board: reads the session map and the editor's cards, gives
 * the editor its part for the canvas (dots, finder, anonymity, new cards' author and kinds), and
 * returns what the outline, the finder, the session bar and the phone form show.
 */
export function useWorkshop({ boardId, token, identity, facilitator, readOnly, connected }: WorkshopInput): Workshop {
  useServerClock();
  const editor = useEditor();
  const { board } = editor;
  const session = useSession(board);
  const cards = useCards();
  const [filter, setFilter] = useState<FindFilter>(NO_FILTER);
  const [defaultOrg, setDefaultOrg] = useState(() => rememberedOrg(browserStore('local')));
  const votes = useMemo(() => voteView(cards, session, identity.id), [cards, session, identity.id]);
  const matches = useMemo(() => findMatches(cards, filter), [cards, filter]);
  const decor = useMemo(() => cardDecor(cards, votes, matches), [cards, votes, matches]);
  const organisations = useMemo(() => organisationsOf(cards), [cards]);
  // The anonymous author id is made only when the board turns anonymous (nothing stored before).
  const alias = useMemo(
    () => (session.anonymous ? anonymousAuthorId(browserStore('local'), boardId) : peekAnonymousAuthorId(browserStore('local'), boardId)),
    [session.anonymous, boardId],
  );
  const author = authorOfNewCards(identity, session, alias ?? '');
  const round = session.voting;
  const voting = !readOnly && round !== null && round.open;
  const { onVote, message } = useVoting(identity.id);

  // Two tabs of this person voted at the same moment past the budget: take the extra dots back.
  useEffect(() => {
    if (round && round.open && connected && !readOnly) fixOwnVotes(board, round, identity.id);
  }, [board, round, cards, identity.id, connected, readOnly]);

  const onOrg = useCallback((org: string) => {
    rememberOrg(browserStore('local'), org);
    setDefaultOrg(org.trim());
  }, []);

  // Facilitators steer: a phase narrows what others may add, not them.
  const kinds = facilitator ? addableKinds({ agenda: null }) : addableKinds(session);
  // Where new cards go follows the phase for everyone, the facilitator too.
  const phaseKinds = currentPhase(session.agenda)?.kinds ?? null;
  const newCardAuthor = useMemo(() => ({ ...author, ...(defaultOrg ? { org: defaultOrg } : {}) }), [author.authorId, author.authorName, defaultOrg]); // eslint-disable-line react-hooks/exhaustive-deps
  const canvasVoting = useMemo(() => (voting && round ? { kinds: round.kinds, left: votes.left } : null), [voting, round, votes.left]);
  const canvas: CanvasSession = useMemo(
    () => ({
      author: newCardAuthor,
      addableKinds: kinds,
      phaseKinds,
      anonymous: session.anonymous,
      decor,
      onVote: voting ? onVote : null,
      voting: canvasVoting,
      onOrgChosen: onOrg,
    }),
    [newCardAuthor, kinds, phaseKinds, session.anonymous, decor, voting, onVote, canvasVoting, onOrg],
  );
  useLayoutEffect(() => editor.session.set(canvas), [editor, canvas]);
  const outline: OutlineSession = {
    anonymous: session.anonymous,
    votes: votes.perCard,
    sortByVotes: round !== null && round.revealed,
    canVote: (card: Card) => voting && canVoteOn(round, card.kind),
    onVote,
    matches,
    query: filter.query,
  };
  const takeSnapshot = useCallback((name: string) => snapshotPhase(boardId, token, name), [boardId, token]);
  return {
    session,
    votes,
    outline,
    filter,
    setFilter,
    organisations,
    matchCount: matches ? matches.size : null,
    message,
    takeSnapshot,
    form: { kinds, defaultOrg },
  };
}

const NO_AUTHOR = { authorId: '', authorName: '' };

/** The projector: the phase and timer large, revealed counts on the cards, names hidden when anonymous. */
export function ProjectorWorkshop() {
  useServerClock();
  const editor = useEditor();
  const session = useSession(editor.board);
  const cards = useCards();
  // No voter of its own: only counts everyone may see.
  const votes = useMemo(() => voteView(cards, session, ''), [cards, session]);
  const decor = useMemo(() => cardDecor(cards, votes, null), [cards, votes]);
  const canvas = useMemo<CanvasSession>(
    () => ({ author: NO_AUTHOR, addableKinds: [], anonymous: session.anonymous, decor, onVote: null }),
    [session.anonymous, decor],
  );
  useLayoutEffect(() => editor.session.set(canvas), [editor, canvas]);
  return <SessionBar session={{ ...session, anonymous: false }} large />;
}
