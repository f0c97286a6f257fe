import type { Awareness } from 'y-protocols/awareness';
import type { BoardDocs, CardKind } from '@benchlearn/shared';
import type { CardDecor } from './session/view';

/** A person on this browser: no accounts, a local identity (asked once, editable). */
export interface Identity {
  id: string;
  name: string;
  color: string;
}

/** The workshop session as the canvas needs it (session/): who new cards name, what may be added, dots, finder. */
export interface CanvasSession {
  /** Who new cards say wrote them (nobody by name while the board is anonymous). */
  author: { authorId: string; authorName: string; org?: string };
  /** Kinds that may be added now (an agenda phase may narrow them). */
  addableKinds: readonly CardKind[];
  /** Author names are hidden (anonymous mode): cards show the organisation only. */
  anonymous: boolean;
  /** Per card: dots to show and whether the finder picked it. */
  decor: ReadonlyMap<string, CardDecor>;
  /** A round is open and this person may vote: a click on a card gives a dot, Alt/right-click takes one. */
  onVote: ((cardId: string, delta: 1 | -1) => void) | null;
  /** The person gave a card an organisation: new cards from this browser carry it from now on. */
  onOrgChosen?(org: string): void;
}

/** What the board page hands the canvas: the canvas is a view over the board's documents. */
export interface BoardCanvasProps {
  board: BoardDocs;
  awareness: Awareness;
  identity: Identity;
  /** Viewer token, or editor on a locked board: no toolbar, no drag, no editing. */
  readOnly: boolean;
  /** Selected card and link ids; shared with the outline (selecting in one selects in the other). */
  selection: ReadonlySet<string>;
  onSelectionChange(ids: string[]): void;
  /** The outline asks the canvas to bring a card into view; `seq` changes on every request. */
  focusRequest: { id: string; seq: number } | null;
  /**
   * Projector view (`/b/:id/present`): read-only, no chrome; the canvas fits the whole board in
   * view (and, in a later issue, follows the presenter). Absent means the normal board.
   */
  presentation?: boolean;
  /** A facilitator on an editable board: frames can be added, moved, resized, renamed, deleted. */
  canEditFrames?: boolean;
  /** Follow someone's view (a clicked avatar), or stop (null); `seq` changes on every request. */
  followRequest?: { userId: string | null; seq: number } | null;
  /** Whom the canvas follows now (a summon starts it, your own pan or zoom ends it). */
  onFollowingChange?(userId: string | null): void;
  /** The workshop session; absent: no votes, no finder, every kind, the identity as author. */
  session?: CanvasSession;
  /**
   * Both of the board's documents have synced with the server. Until then the first view keeps
   * fitting what arrives: cards and frames come in two documents, one after the other.
   */
  synced?: boolean;
}
