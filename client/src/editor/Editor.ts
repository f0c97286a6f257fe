import type { Awareness } from 'y-protocols/awareness';
import {
  CARD_KINDS,
  DEFAULT_CARD_SIZE,
  addCard,
  boardMaps,
  deleteCards,
  estimateWidth,
  grownCardHeight,
  moveCardsBy,
  replaceCardText,
  setCardBounds,
  setCardKind,
  setCardOrg,
  unlink,
  type BoardDocs,
  type Card,
  type CardKind,
  type TextMeasure,
} from '@benchlearn/shared';
import { setPresenceSelection, setPresenceUser } from '../sync/presence';
import { BoardStore } from './boardStore';
import { newCardSpot, presenceCenter } from './newCards';
import { PresencePublisher } from './presence';
import { Selection } from './selection';
import { Signal } from './stores';
import type { CanvasSession, Identity } from './types';
import { createUndoManager, localWrite, UNDO_CAPTURE_MS, type BoardUndo } from './undo';
import type { Point } from './viewport';

/**
 * What the canvas lends the editor while it is mounted: the camera and the canvas-only tools.
 * Actions reach them through here, so the toolbar, keys and menus need no controller.
 */
export interface CanvasPort {
  /** The middle of the view, in board units; null while the canvas has no size (hidden). */
  viewCenter(): Point | null;
  zoomStep(factor: number): void;
  fit(byUser: boolean): void;
  focusCard(id: string): void;
  follow(userId: string | null): void;
  /** Opens a card's text editor; `reveal`: first bring the card on screen, readable (a new card). */
  openEditor(id: string, reveal?: boolean): void;
  /** Keyboard focus to the canvas, so Enter and Delete act on what was just added. */
  focus(): void;
  toggleLinkTool(): void;
  addFrame(title: string): string | null;
  selectedFrame(): string | null;
  deleteSelectedFrame(): void;
  /** Text widths in the canvas's fonts (cards grow with their text). */
  measureText?: TextMeasure;
  /** Edit a link's label in place (double-click on a link does the same). */
  openLinkLabel?(id: string): void;
  /** Escape: stops linking; `deselect`: also clears the selection. */
  cancel(deselect: boolean): void;
}

/** What the page lends the editor for verbs that go through the HTTP API (facilitators). */
export interface BoardHost {
  setLocked(locked: boolean): Promise<void>;
}

export interface EditorInput {
  board: BoardDocs;
  awareness: Awareness;
  identity: Identity;
  /** The projector: it only watches (read-only, no presence of its own). */
  presentation?: boolean;
}

export type PhoneTab = 'board' | 'outline';

/** The header's panels and dialogs that actions open (one at a time). */
export type PanelId = 'share' | 'export' | 'history' | 'session' | 'rename';

/** Everything new cards need from the workshop when there is none (every kind, the identity as author). */
const NO_SESSION_KINDS: readonly CardKind[] = CARD_KINDS;

/**
 * One open board: the one read model of its two documents (cards, links, frames), the
 * selection, local UI state, per-user undo with the one write origin, and presence. The
 * canvas, outline, workshop and export all read it; every change to the board goes through its
 * verbs (the action registry calls them). Plain TypeScript: React reaches it through
 * EditorProvider and the hooks beside it.
 */
export class Editor {
  readonly board: BoardDocs;
  readonly awareness: Awareness;
  readonly presentation: boolean;
  readonly store: BoardStore;
  readonly selection = new Selection();
  readonly publisher: PresencePublisher;

  // ---- local UI state ------------------------------------------------------------------
  readonly identity: Signal<Identity>;
  /** Viewer, locked board, refused connection or the projector: nothing is written. */
  readonly readOnly = new Signal(false);
  readonly facilitator = new Signal(false);
  readonly locked = new Signal(false);
  /** The lock is being changed (its request is under way). */
  readonly lockBusy = new Signal(false);
  /** Why the last facilitator action failed (an API error), until the next one. */
  readonly actionError = new Signal<unknown>(null);
  readonly presenting = new Signal(false);
  readonly canUndo = new Signal(false);
  readonly canRedo = new Signal(false);
  readonly linkTool = new Signal(false);
  /** "Links of the selection only": the selected cards' links stand out, the others dim. */
  readonly focusLinks = new Signal(false);
  /** The card whose text is being edited on the canvas. */
  readonly editing = new Signal<string | null>(null);
  /** The workshop's part in the canvas: dots, finder, anonymity, author and kinds of new cards. */
  readonly session = new Signal<CanvasSession | null>(null);
  readonly shortcutsOpen = new Signal(false);
  /** The phone's card form: a new card (`cardId: null`) or one to edit. */
  readonly cardForm = new Signal<{ cardId: string | null } | null>(null);
  readonly narrow = new Signal(false);
  readonly phoneTab = new Signal<PhoneTab>('board');
  /** Whose view the canvas follows (a clicked avatar or a summon); null when free. */
  readonly following = new Signal<string | null>(null);
  /** The canvas while it is mounted. */
  readonly canvas = new Signal<CanvasPort | null>(null);
  /** The open panel of the header (Share, Export, History, Session, rename); null when none. */
  readonly panel = new Signal<PanelId | null>(null);
  host: BoardHost | null = null;

  private undoManager: BoardUndo | null = null;
  private lastNudgeAt = 0;
  private disposers: Array<() => void> = [];

  constructor({ board, awareness, identity, presentation = false }: EditorInput) {
    this.board = board;
    this.awareness = awareness;
    this.presentation = presentation;
    this.identity = new Signal(identity);
    this.store = new BoardStore(board);
    this.publisher = new PresencePublisher(awareness);
    if (presentation) this.readOnly.set(true);
  }

  /** Starts reading the board and publishing presence (idempotent; stop() undoes it). */
  start(): void {
    if (this.undoManager) return;
    this.store.start();
    const undo = createUndoManager(this.board);
    this.undoManager = undo;
    const onStack = () => {
      this.canUndo.set(undo.canUndo);
      this.canRedo.set(undo.canRedo);
    };
    onStack();
    this.disposers.push(undo.subscribe(onStack), () => undo.destroy());
    if (!this.presentation) this.startPresence();
    // Following someone (a summon, or their avatar) is about the board: a phone on the outline switches to it.
    this.disposers.push(
      this.following.subscribe(() => {
        if (this.following.get() && this.narrow.get()) this.phoneTab.set('board');
      }),
    );
    // A card that disappears (deleted here or elsewhere) stops being edited or selected.
    this.disposers.push(
      this.store.subscribeOrder(() => {
        const editing = this.editing.get();
        if (editing && !this.store.getCard(editing)) this.editing.set(null);
      }),
    );
  }

  private startPresence(): void {
    const publishUser = () => setPresenceUser(this.awareness, this.identity.get());
    const publishSelection = () => setPresenceSelection(this.awareness, this.selection.ids);
    // Presenting and summoning are a facilitator's (the server drops them from anyone else).
    const publishPresenting = () => {
      if (this.facilitator.get()) this.awareness.setLocalStateField('presenting', this.presenting.get());
    };
    // A facilitator's presence carries a summon counter from the start, so the first summon is a change others see.
    const publishSummon = () => {
      if (this.facilitator.get() && typeof this.awareness.getLocalState()?.summon !== 'number') this.awareness.setLocalStateField('summon', 0);
    };
    publishUser();
    publishSelection();
    publishPresenting();
    publishSummon();
    this.disposers.push(
      this.identity.subscribe(publishUser),
      this.selection.subscribe(publishSelection),
      this.presenting.subscribe(publishPresenting),
      this.facilitator.subscribe(publishPresenting),
      this.facilitator.subscribe(publishSummon),
    );
  }

  stop(): void {
    for (const dispose of this.disposers) dispose();
    this.disposers = [];
    this.undoManager = null;
    this.canUndo.set(false);
    this.canRedo.set(false);
    this.publisher.set({ cursor: null, dragging: null });
    this.publisher.flush();
    this.store.stop();
  }

  /** Whether the board may be written now. */
  get editable(): boolean {
    return !this.readOnly.get();
  }

  setReadOnly(readOnly: boolean): void {
    this.readOnly.set(readOnly || this.presentation);
    if (this.readOnly.get()) {
      this.linkTool.set(false);
      this.editing.set(null);
    }
  }

  // ---- writes ----------------------------------------------------------------------------

  /**
   * Writes as this person, with the one local origin per-user undo tracks. Each verb is its own
   * undo step; only typing in a card, a drag with the raise that started it, and a held arrow
   * key merge within the capture window (`merge`).
   */
  write<T>(fn: () => T, merge = false): T {
    if (!merge) this.undoManager?.stopCapturing();
    return localWrite(this.board, fn);
  }

  undo(): void {
    if (this.editable) this.undoManager?.undo();
  }

  redo(): void {
    if (this.editable) this.undoManager?.redo();
  }

  // ---- selection -------------------------------------------------------------------------

  select(ids: readonly string[]): void {
    this.selection.replace(ids);
  }

  toggleSelected(id: string): void {
    this.selection.toggle(id);
  }

  /** The selected ids that are cards on the board now. */
  selectedCardIds(): string[] {
    return this.selection.ids.filter((id) => this.store.getCard(id) !== undefined);
  }

  selectAll(): void {
    this.select(this.store.getOrder());
  }

  /** Selects a card from elsewhere (the outline) and brings it into the canvas's view. */
  reveal(id: string, additive: boolean): void {
    if (additive) this.toggleSelected(id);
    else this.select([id]);
    this.canvas.get()?.focusCard(id);
  }

  /** Follows someone's view on the canvas (a clicked avatar), or stops (null). */
  follow(userId: string | null): void {
    this.canvas.get()?.follow(userId);
  }

  // ---- cards -----------------------------------------------------------------------------

  /** Kinds that may be added now (an agenda phase may narrow them: a rule of the web app). */
  addableKinds(): readonly CardKind[] {
    return this.session.get()?.addableKinds ?? NO_SESSION_KINDS;
  }

  /**
   * Adds a card in the frame meant for its kind (placement.ts: the template's frame, the next
   * free slot), or without one in the middle of this person's view beside the cards there, and
   * selects it. The toolbar and the phone's form both add through here. `org` given: that
   * organisation (and new cards carry it from now on); absent: the one new cards carry.
   */
  addCard(kind: CardKind, options: { text?: string; org?: string } = {}): string | null {
    if (!this.editable || !this.addableKinds().includes(kind)) return null;
    const session = this.session.get();
    const { org: defaultOrg, ...author } = this.newCardAuthor();
    const org = (options.org ?? defaultOrg ?? '').trim().slice(0, 200);
    const { w, h: minH } = DEFAULT_CARD_SIZE[kind];
    const h = options.text ? grownCardHeight(options.text, w, minH, this.measureText()) : minH;
    const center = this.canvas.get()?.viewCenter() ?? presenceCenter(this.awareness.getLocalState()?.viewport);
    const spot = newCardSpot({ frames: this.store.getFrames(), cards: this.store.getCards(), center, phaseKinds: session?.phaseKinds }, kind, { w, h }, org);
    const id = this.write(() =>
      addCard(this.board, { kind, ...spot, w, h, ...author, ...(options.text ? { text: options.text } : {}), ...(org ? { org } : {}) }),
    );
    if (options.org !== undefined) session?.onOrgChosen?.(options.org);
    this.select([id]);
    return id;
  }

  /** Whom new cards are by (the workshop may speak for the author, e.g. with an organisation). */
  newCardAuthor(): { authorId: string; authorName: string; org?: string } {
    const identity = this.identity.get();
    return this.session.get()?.author ?? { authorId: identity.id, authorName: identity.name };
  }

  private measureText(): TextMeasure {
    return this.canvas.get()?.measureText ?? estimateWidth;
  }

  /** The phone form's save of an existing card: text, kind and organisation in one step. */
  updateCard(id: string, fields: { kind: CardKind; text: string; org?: string }): void {
    if (!this.editable || !this.store.getCard(id)) return;
    this.write(() => {
      replaceCardText(this.board, id, fields.text);
      this.growCard(id, fields.text);
      setCardKind(this.board, id, fields.kind);
      if (fields.org !== undefined) setCardOrg(this.board, id, fields.org);
    });
    if (fields.org !== undefined) this.session.get()?.onOrgChosen?.(fields.org);
  }

  setKind(id: string, kind: CardKind): void {
    if (this.editable) this.write(() => setCardKind(this.board, id, kind));
  }

  setOrg(id: string, org: string): void {
    if (!this.editable) return;
    this.write(() => setCardOrg(this.board, id, org));
    this.session.get()?.onOrgChosen?.(org);
  }

  moveCards(ids: readonly string[], dx: number, dy: number, merge = false): void {
    if (this.editable && ids.length > 0) this.write(() => moveCardsBy(this.board, [...ids], dx, dy), merge);
  }

  /** Arrow keys: the selected cards by (dx, dy); holding the key is one undo step, like a drag. */
  nudge(dx: number, dy: number, now = Date.now()): void {
    const merge = now - this.lastNudgeAt < UNDO_CAPTURE_MS;
    this.lastNudgeAt = now;
    this.moveCards(this.selectedCardIds(), dx, dy, merge);
  }

  /** Deletes the selected cards (with their links) and links, as one undo step. */
  deleteSelection(): void {
    if (!this.editable || this.selection.size === 0) return;
    const { links } = boardMaps(this.board);
    const cardIds = this.selectedCardIds();
    const linkIds = this.selection.ids.filter((id) => links.has(id));
    if (cardIds.length === 0 && linkIds.length === 0) return;
    this.write(() => {
      if (linkIds.length > 0) unlink(this.board, linkIds);
      if (cardIds.length > 0) deleteCards(this.board, cardIds);
    });
    this.select([]);
  }

  /** Text typed in a card; `merge`: the same undo step as the keystroke before. */
  editText(id: string, text: string, merge: boolean): void {
    if (!this.editable) return;
    this.write(() => {
      replaceCardText(this.board, id, text);
      this.growCard(id, text);
    }, merge);
  }

  /** A card as tall as its text needs (grownCardHeight: up to a limit, never shrinking). */
  private growCard(id: string, text: string): void {
    const card = this.store.getCard(id);
    if (!card) return;
    const h = grownCardHeight(text, card.w, card.h, this.measureText());
    if (h !== card.h) setCardBounds(this.board, [{ id, x: card.x, y: card.y, w: card.w, h }]);
  }

  /** The cards in stacking order (the workshop's, export's and the phone form's view). */
  cards(): readonly Card[] {
    return this.store.getCards();
  }

  // ---- facilitators ------------------------------------------------------------------------

  summon(): void {
    if (!this.facilitator.get()) return;
    const current = this.awareness.getLocalState()?.summon;
    this.awareness.setLocalStateField('summon', (typeof current === 'number' ? current : 0) + 1);
  }

  async toggleLock(): Promise<void> {
    const host = this.host;
    if (!host || !this.facilitator.get() || this.lockBusy.get()) return;
    this.lockBusy.set(true);
    this.actionError.set(null);
    try {
      // The room state brings the new lock back to everyone, this page included.
      await host.setLocked(!this.locked.get());
    } catch (error) {
      this.actionError.set(error);
    } finally {
      this.lockBusy.set(false);
    }
  }
}
