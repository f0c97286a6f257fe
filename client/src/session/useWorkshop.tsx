import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addableKinds, type Card, type CardKind, type Session, type VoteRefusal, type BoardDocs } from '@benchlearn/shared';
import { browserStore } from '../app/storage';
import type { OutlineSession } from '../outline/Outline';
import type { CanvasSession, Identity } from '../types';
import { anonymousAuthorId, authorOfNewCards, isOwnCard, peekAnonymousAuthorId, type Author } from './anonymity';
import { FindBar } from './FindBar';
import { useBoardCards, useServerClock, useSession } from './hooks';
import { rememberedOrg, rememberOrg } from './org';
import { SessionBar } from './SessionBar';
import { SessionPanel } from './SessionPanel';
import { snapshotPhase } from './snapshot';
import { canVoteOn, cardDecor, findMatches, NO_FILTER, organisationsOf, voteView, type FindFilter, type VoteView } from './view';
import { fixOwnVotes, vote } from './writes';
import './session.css';

export interface WorkshopInput {
  board: BoardDocs;
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
  canvas: CanvasSession;
  outline: OutlineSession;
  /** The finder, above the outline. */
  findBar: ReactNode;
  /** The session for everyone (phase, timer, dots left, anonymity), under the header. */
  bar: ReactNode;
  /** The facilitator's session controls (null for everyone else). */
  panel: ReactNode;
  /** The phone form: what may be added, the organisation to start with, who a new card names. */
  form: { kinds: readonly CardKind[]; defaultOrg: string; author: Author; onOrg(org: string): void };
}

/**
 * The workshop session of one open board, for the board page: reads the session map and the
 * cards, and hands the canvas, the outline and the phone form what they need.
 */
export function useWorkshop({ board, boardId, token, identity, facilitator, readOnly, connected }: WorkshopInput): Workshop {
  const { t } = useTranslation('session');
  useServerClock();
  const session = useSession(board);
  const cards = useBoardCards(board);
  const [filter, setFilter] = useState<FindFilter>(NO_FILTER);
  const [defaultOrg, setDefaultOrg] = useState(() => rememberedOrg(browserStore('local')));
  const [message, setMessage] = useState<{ text: string; key: number } | null>(null);
  const messageTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

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

  // Two tabs of this person voted at the same moment past the budget: take the extra dots back.
  useEffect(() => {
    if (round && round.open && connected && !readOnly) fixOwnVotes(board, round, identity.id);
  }, [board, round, cards, identity.id, connected, readOnly]);

  useEffect(
    () => () => {
      if (messageTimer.current) clearTimeout(messageTimer.current);
    },
    [],
  );

  const onVote = useCallback(
    (cardId: string, delta: 1 | -1) => {
      const result = vote(board, cardId, identity.id, delta);
      if (messageTimer.current) clearTimeout(messageTimer.current);
      if (result.ok) {
        setMessage(null);
        return;
      }
      const reason: VoteRefusal = result.reason;
      setMessage({ text: t(`voting.refusal.${reason}`), key: Date.now() });
      messageTimer.current = setTimeout(() => setMessage(null), 3000);
    },
    [board, identity.id, t],
  );
  const onOrg = useCallback((org: string) => {
    rememberOrg(browserStore('local'), org);
    setDefaultOrg(org.trim());
  }, []);

  // Facilitators steer: a phase narrows what others may add, not them.
  const kinds = facilitator ? addableKinds({ agenda: null }) : addableKinds(session);
  const newCardAuthor = useMemo(() => ({ ...author, ...(defaultOrg ? { org: defaultOrg } : {}) }), [author.authorId, author.authorName, defaultOrg]); // eslint-disable-line react-hooks/exhaustive-deps
  const canvas: CanvasSession = useMemo(
    () => ({ author: newCardAuthor, addableKinds: kinds, anonymous: session.anonymous, decor, onVote: voting ? onVote : null, onOrgChosen: onOrg }),
    [newCardAuthor, kinds, session.anonymous, decor, voting, onVote, onOrg],
  );
  const outline: OutlineSession = {
    anonymous: session.anonymous,
    votes: votes.perCard,
    sortByVotes: round !== null && round.revealed,
    canVote: (card: Card) => voting && canVoteOn(round, card.kind),
    onVote,
    matches,
    query: filter.query,
    isOwn: (card: Card) => isOwnCard(card, identity, alias),
  };
  const takeSnapshot = useCallback((name: string) => snapshotPhase(boardId, token, name), [boardId, token]);
  return {
    session,
    votes,
    canvas,
    outline,
    findBar: <FindBar filter={filter} onChange={setFilter} organisations={organisations} matches={matches ? matches.size : null} />,
    bar: (
      <>
        <SessionBar session={session} votes={readOnly ? undefined : votes} facilitator={facilitator} />
        {message ? (
          <div key={message.key} className="session-message" role="status" data-testid="vote-message">
            {message.text}
          </div>
        ) : null}
      </>
    ),
    panel: facilitator ? <SessionPanel board={board} session={session} takeSnapshot={takeSnapshot} /> : null,
    form: { kinds, defaultOrg, author, onOrg },
  };
}

const NO_AUTHOR = { authorId: '', authorName: '' };

/** The projector: the phase and timer large, revealed counts on the cards, names hidden when anonymous. */
export function useProjectorWorkshop(board: BoardDocs): { bar: ReactNode; canvas: CanvasSession } {
  useServerClock();
  const session = useSession(board);
  const cards = useBoardCards(board);
  // No voter of its own: only counts everyone may see.
  const votes = useMemo(() => voteView(cards, session, ''), [cards, session]);
  const decor = useMemo(() => cardDecor(cards, votes, null), [cards, votes]);
  const canvas = useMemo<CanvasSession>(
    () => ({ author: NO_AUTHOR, addableKinds: [], anonymous: session.anonymous, decor, onVote: null }),
    [session.anonymous, decor],
  );
  return { bar: <SessionBar session={{ ...session, anonymous: false }} large />, canvas };
}
