import type Konva from 'konva';
import { MIN_CARD_H, MIN_CARD_W, bringCardsToFront, setCardBounds, CARD_KINDS, type BoardDocs, type CardBounds, type CardKind } from '@benchlearn/shared';
import type { CanvasSession } from '../editor/types';
import { sameDecor, type CanvasVoting, type CardDecor } from '../editor/types';
import type { BoardStore } from '../editor/boardStore';
import type { Editor } from '../editor/Editor';
import { handleKey, keyContext } from '../editor/keys';
import { canvasPort } from './canvasPort';
import { makeCamera, makeCulling, makeGestures, makeLinking, makeLowDetailScene } from './parts';
import { Camera } from './camera';
import { CardDrag } from './cardDrag';
import { Culling } from './culling';
import { FrameEditing } from './frameEditing';
import { PointerGestures } from './gestures';
import { Linking } from './linking';
import { LinkExtras } from './linkExtras';
import { LiveMove } from './liveMove';
import { LowDetailScene } from './lowDetailScene';
import { CardPicker } from './picking';
import { PeerStore, type PresencePublisher } from '../editor/presence';
import { KeyedStore, Signal, sameOffset, type Offset } from '../editor/stores';
import { Toasts } from './toasts';
import { visibleRect, type Point, type Rect, type Size, type View } from '../editor/viewport';

/** Two clicks on one card within this time open its editor (as Konva's dblclick window). */
const DOUBLE_CLICK_MS = 400;

interface Props {
  /** A facilitator on an editable board: frames can be added, moved, resized, renamed, deleted. */
  canEditFrames: boolean;
  /** Both documents have synced: the first view is settled (see Camera.settle). */
  synced: boolean;
}

/**
 * Everything the canvas does, outside React: the components render what these stores hold
 * and call these methods. The board, the selection, undo and presence are the Editor's; this
 * adds the camera, culling, gestures and the canvas's own tools, and lends the editor a
 * CanvasPort while mounted.
 */
export class CanvasController {
  readonly store: BoardStore;
  readonly peers: PeerStore;
  readonly publisher: PresencePublisher;
  readonly picker: CardPicker;
  readonly culling: Culling;
  readonly camera: Camera;
  readonly lodScene: LowDetailScene;
  readonly cardDrag: CardDrag;
  readonly frames: FrameEditing;
  readonly gestures: PointerGestures;
  readonly linking: Linking;
  readonly linkExtras: LinkExtras;
  /** Whether start() ran (and stop() did not since). */
  started = false;
  readonly board: BoardDocs;

  readonly view = new Signal<View>({ x: 40, y: 40, scale: 1 });
  readonly size = new Signal<Size>({ width: 0, height: 0 });
  readonly readOnly: Signal<boolean>;
  readonly linkTool: Signal<boolean>;
  readonly linkFrom = new Signal<string | null>(null);
  readonly hovered = new Signal<string | null>(null);
  readonly editing: Signal<string | null>;
  readonly rubberBand = new Signal<{ from: string; to: Point } | null>(null);
  readonly marquee = new Signal<Rect | null>(null);
  readonly toasts = new Toasts();
  private lastClick: { id: string; at: number } | null = null;
  /** The editor's selection, per id. */
  readonly selection: KeyedStore<true>;
  readonly localOffsets = new KeyedStore<Offset>(sameOffset);
  /** Whether the frame tools show (a facilitator on an editable board). */
  readonly frameTools = new Signal(false);
  /** Per card: dots and finder highlight (session/view.ts). */
  readonly decor = new KeyedStore<CardDecor>(sameDecor);
  /** Author names hidden: cards show the organisation only. */
  readonly anonymous = new Signal(false);
  /** Kinds the toolbar may add now. */
  readonly addableKinds = new Signal<readonly CardKind[]>(['success', 'problem', 'lesson', 'note']);
  /** A voting round is open for this person: the selected card's buttons give and take dots. */
  readonly voting = new Signal(false);
  /** The open round's kinds and this person's dots left (null outside one, and on the projector). */
  readonly voteRound = new Signal<CanvasVoting | null>(null);

  stage: Konva.Stage | null = null;
  container: HTMLElement | null = null;
  private props: Props;
  /** The current press raised its card: the drag that follows is one undo step with it. */
  private raisedOnPress = false;
  private editingWrote = false;
  private disposers: Array<() => void> = [];

  constructor(
    readonly editor: Editor,
    props: Props,
  ) {
    const { board } = editor;
    this.board = board;
    this.props = props;
    this.readOnly = editor.readOnly;
    this.linkTool = editor.linkTool;
    this.editing = editor.editing;
    this.selection = editor.selection.byId;
    this.frameTools.set(props.canEditFrames);
    this.applySession(editor.session.get());
    this.store = editor.store;
    // The projector shows no one's selection outline (only the presenter's laser).
    this.peers = new PeerStore(editor.awareness, { selections: !editor.presentation });
    this.publisher = editor.publisher;
    this.picker = new CardPicker(this.store, { local: this.localOffsets, remote: this.peers.offsets });
    const rectOf = this.picker.rectOf;
    const move = new LiveMove(this.localOffsets, this.publisher);
    this.cardDrag = new CardDrag({
      move,
      companions: (id) => (this.selection.has(id) ? this.selectedCardIds() : [id]),
      readOnly: () => this.editor.readOnly.get(),
      unhover: () => this.hovered.set(null),
      // A drag that started by raising the card is one undo step with that raise.
      drop: (ids, dx, dy) => this.moveCards(ids, dx, dy, this.raisedOnPress),
      stage: () => this.stage,
    });
    this.frames = new FrameEditing({
      board,
      store: this.store,
      move,
      canEdit: () => this.props.canEditFrames,
      write: (fn, merge) => this.write(fn, merge),
      clearCardSelection: () => this.deselect(),
      stopEditing: () => this.editing.set(null),
      viewRect: () => visibleRect(this.view.get(), this.size.get()),
      reveal: (area) => this.camera.revealArea(area),
    });
    this.camera = makeCamera(this);
    this.culling = makeCulling(this, rectOf);
    this.lodScene = makeLowDetailScene(this, rectOf);
    this.linking = makeLinking(this);
    this.linkExtras = new LinkExtras(editor);
    this.gestures = makeGestures(this);
  }

  /**
   * Starts listening to the board and the awareness (idempotent). Split from the
   * constructor so React's strict-mode mount, unmount, mount cycle leaves a working canvas.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.peers.start();
    this.disposers.push(this.editor.session.subscribe(() => this.applySession(this.editor.session.get())));
    this.disposers.push(this.view.subscribe(() => this.onViewChange()));
    this.disposers.push(this.size.subscribe(() => this.onViewChange()));
    this.disposers.push(this.camera.start(), this.linkExtras.start());
    this.disposers.push(this.store.subscribeOrder(() => this.culling.updateCull(true)));
    // The selected and edited cards, and in low detail the pinned ones, have full nodes: re-pick
    // them when what pins a card changes.
    const repin = () => this.culling.updateMounted();
    this.disposers.push(
      this.selection.subscribeAll(repin),
      this.decor.subscribeAll(repin),
      this.peers.selections.subscribeAll(repin),
      this.editing.subscribe(repin),
      this.linkFrom.subscribe(repin),
    );
    // The low-detail scene is made again after any change it draws; a card moved into the view shows.
    const reshow = () => this.culling.updateNodeVisibility();
    this.disposers.push(this.lodScene.start(), this.lodScene.subscribe(reshow), this.selection.subscribeAll(reshow), this.editing.subscribe(reshow));
    this.culling.updateCull(true);
    // A card that disappears (deleted here or elsewhere) stops being linked from.
    this.disposers.push(
      this.store.subscribeOrder(() => {
        const from = this.linkFrom.get();
        if (from && !this.store.getCard(from)) this.linkFrom.set(null);
      }),
    );
  }

  stop(): void {
    this.culling.stop();
    for (const dispose of this.disposers) dispose();
    this.disposers.length = 0;
    this.started = false;
    this.toasts.stop();
    this.peers.stop();
  }

  setProps(props: Props): void {
    this.props = props;
    this.frameTools.set(props.canEditFrames);
    if (!props.canEditFrames) this.frames.selectedFrame.set(null);
    if (props.synced) this.camera.settle();
  }

  private applySession(session: CanvasSession | null): void {
    this.decor.replace(session?.decor ?? new Map());
    this.anonymous.set(session?.anonymous ?? false);
    const kinds = session?.addableKinds ?? CARD_KINDS;
    const current = this.addableKinds.get();
    if (kinds.length !== current.length || kinds.some((kind, i) => kind !== current[i])) this.addableKinds.set(kinds);
    this.voting.set(Boolean(session?.onVote) && !this.editor.presentation);
    const round = this.voting.get() ? (session?.voting ?? null) : null;
    const before = this.voteRound.get();
    if (round?.left !== before?.left || round?.kinds.join() !== before?.kinds.join()) this.voteRound.set(round);
  }

  /** A dot given (1) or taken back (-1) on a card during an open round: its buttons, Alt+click, right-click. */
  vote(id: string, delta: 1 | -1): boolean {
    const onVote = this.editor.session.get()?.onVote;
    if (!onVote || this.editor.presentation) return false;
    onVote(id, delta);
    return true;
  }

  /** Right-click on a card while voting takes a dot back (and keeps the browser's menu away). */
  onCardContextMenu(id: string, e: { preventDefault(): void }): void {
    if (!this.voting.get()) return;
    e.preventDefault();
    this.vote(id, -1);
  }

  /** Writes as this person (the editor's origin and undo steps). */
  write<T>(fn: () => T, merge = false): T {
    return this.editor.write(fn, merge);
  }

  private moveCards(ids: string[], dx: number, dy: number, merge: boolean): void {
    this.editor.moveCards(ids, dx, dy, merge);
  }

  /** Text typed in the editor: the first keystroke of an editing session starts a new step. */
  editText(id: string, value: string): void {
    const merge = this.editingWrote;
    this.editingWrote = true;
    this.editor.editText(id, value, merge);
  }

  /** Attaches the DOM: window listeners for gestures and keys, wheel on the canvas element. */
  mount(container: HTMLElement, stage: Konva.Stage): () => void {
    this.container = container;
    this.stage = stage;
    this.onViewChange();
    const win = container.ownerDocument.defaultView ?? window;
    const detachGestures = this.gestures.attach(container);
    const onKey = (e: KeyboardEvent) => handleKey(this.editor, e, keyContext(this.container));
    win.addEventListener('keydown', onKey);
    const port = canvasPort(this);
    this.editor.canvas.set(port);
    return () => {
      detachGestures();
      win.removeEventListener('keydown', onKey);
      if (this.editor.canvas.get() === port) this.editor.canvas.set(null);
      if (this.stage === stage) this.stage = null;
      if (this.container === container) this.container = null;
    };
  }

  // ---- view ---------------------------------------------------------------------------

  private onViewChange(): void {
    this.camera.show();
    this.culling.updateCull();
  }

  /** Whether a card keeps its full node in low detail (someone works on it). */
  pinned(id: string): boolean {
    return this.selection.has(id) || this.linkFrom.get() === id || (this.decor.get(id)?.votes ?? null) !== null || this.peers.selections.has(id);
  }

  selectInRect(rect: Rect, additive: boolean): void {
    const hits = this.picker.cardsIn(rect);
    const ids = additive ? [...new Set([...this.editor.selection.ids, ...hits])] : hits;
    this.select(ids);
  }

  /** A card's rect as drawn now (with a live drag offset). */
  cardRect(id: string): Rect | null {
    return this.picker.rectOf(id);
  }

  offsetOf(id: string): Offset | undefined {
    return this.picker.offsetOf(id);
  }

  // ---- selection ------------------------------------------------------------------------

  select(ids: readonly string[]): void {
    if (ids.length > 0) this.frames.selectedFrame.set(null);
    this.editor.select(ids);
  }

  /** Shift+click: in or out of the selection, the rest staying. */
  private toggleSelected(id: string): void {
    if (!this.selection.has(id)) this.frames.selectedFrame.set(null);
    this.editor.toggleSelected(id);
  }

  deselect(): void {
    if (this.editor.selection.size > 0) this.select([]);
  }

  selectedCardIds(): string[] {
    return this.editor.selectedCardIds();
  }

  // ---- cards ----------------------------------------------------------------------------

  onCardPointerDown(id: string, e: { shiftKey: boolean; button: number; pointerType?: string }): void {
    this.raisedOnPress = false;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    if (this.linkTool.get() && !this.editor.readOnly.get()) {
      this.linking.linkToolClick(id);
      return;
    }
    if (e.shiftKey) {
      this.toggleSelected(id);
      return;
    }
    if (!this.selection.has(id)) this.select([id]);
    if (!this.editor.readOnly.get() && !this.store.areOnTop([id])) {
      this.write(() => bringCardsToFront(this.board, [id]));
      this.raisedOnPress = true;
    }
  }

  /** A click that was not a drag on one of several selected cards narrows the selection to it. */
  onCardClick(id: string, e: { shiftKey: boolean; altKey?: boolean; button?: number }, byGeometry = false): void {
    if (this.cardDrag.justDropped || e.shiftKey || this.linkTool.get()) return;
    // A plain click selects; only Alt+click takes a dot back (giving one is the card's "+ dot").
    if (this.voting.get() && e.altKey && (e.button ?? 0) === 0) this.vote(id, -1);
    if (this.editor.selection.size > 1 && this.selection.has(id)) this.select([id]);
    // A double click whose first click found the card by geometry (low detail) reaches no Konva
    // dblclick (the card's node came with that click): a second click on it in time opens the editor.
    const now = Date.now();
    const last = this.lastClick;
    this.lastClick = byGeometry ? { id, at: now } : null;
    if (last && last.id === id && now - last.at < DOUBLE_CLICK_MS && (e.button ?? 0) === 0) {
      this.lastClick = null;
      this.openEditor(id);
    }
  }

  onCardHover(id: string): void {
    if (!this.gestures.busy) this.hovered.set(id);
  }

  /** The transformer finished a resize: scale becomes size, in one write for all nodes. */
  onTransformEnd(nodes: Konva.Node[]): void {
    if (this.editor.readOnly.get()) return;
    const changes: CardBounds[] = [];
    for (const node of nodes) {
      const id = node.id();
      const card = this.store.getCard(id);
      if (!card) continue;
      const w = Math.max(MIN_CARD_W, Math.round(card.w * node.scaleX()));
      const h = Math.max(MIN_CARD_H, Math.round(card.h * node.scaleY()));
      node.scale({ x: 1, y: 1 });
      changes.push({ id, x: Math.round(node.x()), y: Math.round(node.y()), w, h });
    }
    if (changes.length > 0) this.write(() => setCardBounds(this.board, changes));
  }

  openEditor(id: string, reveal = false): void {
    if (this.editor.readOnly.get() || !this.store.getCard(id)) return;
    this.linkTool.set(false);
    this.rubberBand.set(null);
    if (!this.selection.has(id) || this.editor.selection.size !== 1) this.select([id]);
    if (reveal) this.camera.revealCard(id);
    this.editingWrote = false;
    this.editing.set(id);
  }

  closeEditor(): void {
    this.editing.set(null);
    this.focusCanvas();
  }

  /** Keyboard focus to the canvas, so Enter, Delete and the arrows act on the selection. */
  focusCanvas(): void {
    this.container?.focus({ preventScroll: true });
  }

  // ---- frames (facilitators) ------------------------------------------------------------

  // ---- links ----------------------------------------------------------------------------

  onLinkPointerDown(id: string, e: { shiftKey: boolean }): void {
    if (e.shiftKey) this.toggleSelected(id);
    else this.select([id]);
  }

  /** The link tool on or off (the registry's link-tool action, through the canvas port). */
  toggleLinkTool(): void {
    this.linking.toggleLinkTool();
  }
}
