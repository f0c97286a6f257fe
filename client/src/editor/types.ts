import type { Card, CardKind } from '@benchlearn/shared';
import type { Identity } from '../platform/identity';

export type { Identity };

/** The workshop session as the canvas needs it (session/): who new cards name, what may be added, dots, finder. */
export interface CanvasSession {
  /** Who new cards say wrote them (nobody by name while the board is anonymous). */
  author: { authorId: string; authorName: string; org?: string };
  /** Kinds that may be added now (an agenda phase may narrow them). */
  addableKinds: readonly CardKind[];
  /** The kinds of the agenda phase under way, for everyone (null: none); new cards go to its area. */
  phaseKinds?: readonly CardKind[] | null;
  /** Author names are hidden (anonymous mode): cards show the organisation only. */
  anonymous: boolean;
  /** Per card: dots to show and whether the finder picked it. */
  decor: ReadonlyMap<string, CardDecor>;
  /**
   * A round is open and this person may vote: the selected card's "+ dot" gives one (a plain click
   * never does: voting is on purpose), its "− dot", Alt+click or right-click takes one back.
   */
  onVote: ((cardId: string, delta: 1 | -1) => void) | null;
  /** The open round as the canvas's vote buttons need it: the kinds in it and this person's dots left. */
  voting?: CanvasVoting | null;
  /** The person gave a card an organisation: new cards from this browser carry it from now on. */
  onOrgChosen?(org: string): void;
}

export interface CanvasVoting {
  kinds: readonly CardKind[];
  left: number;
}

/** A card's dots as this person may see them: their own, and everyone's once revealed. */
export interface CardVotes {
  mine: number;
  /** Everyone's counted dots, or null while the round is hidden. */
  total: number | null;
}

/** How the canvas decorates one card: dots, and whether the finder picked it (null: no finder). */
export interface CardDecor {
  votes: CardVotes | null;
  match: boolean | null;
}

export const sameDecor = (a: CardDecor, b: CardDecor): boolean => a.match === b.match && a.votes?.mine === b.votes?.mine && a.votes?.total === b.votes?.total;

/** The workshop as the outline needs it: dots, the finder's matches, anonymity, own cards. */
export interface OutlineSession {
  anonymous: boolean;
  /** This person's view of the dots per card. */
  votes: ReadonlyMap<string, CardVotes>;
  /** Revealed: most votes first. */
  sortByVotes: boolean;
  /** Whether this person may give dots to a card of this kind now. */
  canVote(card: Card): boolean;
  onVote(cardId: string, delta: 1 | -1): void;
  /** Cards the finder picked (null: none filtered) and the text searched, to mark. */
  matches: ReadonlySet<string> | null;
  query: string;
}
