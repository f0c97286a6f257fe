import type Konva from 'konva';
import type { Awareness } from 'y-protocols/awareness';
import {
  DEFAULT_CARD_SIZE,
  MIN_CARD_H,
  MIN_CARD_W,
  addCard,
  boardMaps,
  bringCardsToFront,
  deleteCards,
  moveCardsBy,
  replaceCardText,
  setCardBounds,
  setCardKind,
  setCardOrg,
  unlink,
  CARD_KINDS,
  type BoardDocs,
  type CardBounds,
  type CardKind,
} from '@benchlearn/shared';
import type { CanvasSession, Identity } from '../types';
import { sameDecor, type CardDecor } from '../session/view';
import { createUndoManager, localWrite, type BoardUndo } from '../tools/undo';
import { BoardStore } from './boardStore';
import { Camera } from './camera';
import { CardDrag } from './cardDrag';
import { Culling } from './culling';
import { FrameEditing } from './frameEditing';
import { freeSpot } from './geometry';
import { PointerGestures } from './gestures';
import { CanvasKeys } from './keys';
import { Linking } from './linking';
import { LiveMove } from './liveMove';
import { LowDetailScene } from './lowDetailScene';
import { CardPicker } from './picking';
import { PeerStore, PresencePublisher } from './presence';
import { KeyedStore, Signal, sameOffset, type Offset } from './stores';
import { Toasts } from './toasts';
import { boardCenter, type Point, type Rect, type Size, type View } from './viewport';

/** Two clicks on one card within this time open its editor (as Konva's dblclick window). */
const DOUBLE_CLICK_MS = 400;

interface Props {
  readOnly: boolean;
  identity: Identity;
  selection: ReadonlySet<string>;
  onSelectionChange(ids: string[]): void;
  presentation: boolean;
  /** A facilitator on an editable board: frames can be added, moved, resized, renamed, deleted. */
  canEditFrames: boolean;
  /** The workshop session (votes, finder, anonymity, what may be added); null: none. */
  session: CanvasSession | null;
  /** Both documents have synced: the first view is settled (see Camera.settle). */
  synced: boolean;
}

/**
 * Everything the canvas does, outside React: the components render what these stores hold
 * and call these methods. The board is only written through shared/ board functions,
 * always inside `localWrite` so per-user undo sees exactly this person's changes.
 */
export class CanvasController {
  readonly store: BoardStore;
  readonly peers: PeerStore;
  readonly publisher: PresencePublisher;
  private readonly picker: CardPicker;
  readonly culling: Culling;
  readonly camera: Camera;
  readonly lodScene: LowDetailScene;
  readonly cardDrag: CardDrag;
  readonly frames: FrameEditing;
  readonly gestures: PointerGestures;
  private readonly keys: CanvasKeys;
  private readonly linking: Linking;
  private undoManager: BoardUndo | null = null;

  readonly view = new Signal<View>({ x: 40, y: 40, scale: 1 });
  readonly size = new Signal<Size>({ width: 0, height: 0 });
  readonly readOnly = new Signal(false);
  readonly linkTool = new Signal(false);
  readonly linkFrom = new Signal<string | null>(null);
  readonly hovered = new Signal<string | null>(null);
  readonly editing = new Signal<string | null>(null);
  readonly rubberBand = new Signal<{ from: string; to: Point } | null>(null);
  readonly marquee = new Signal<Rect | null>(null);
  readonly canUndo = new Signal(false);
  readonly canRedo = new Signal(false);
  readonly toasts = new Toasts();
  private lastClick: { id: string; at: number } | null = null;
  readonly selection = new KeyedStore<true>();
  readonly localOffsets = new KeyedStore<Offset>(sameOffset);
  /** Whether the frame tools show (a facilitator on an editable board). */
  readonly frameTools = new Signal(false);
  /** Per card: dots and finder highlight (session/view.ts). */
  readonly decor = new KeyedStore<CardDecor>(sameDecor);
  /** Author names hidden: cards show the organisation only. */
  readonly anonymous = new Signal(false);
  /** Kinds the toolbar may add now. */
  readonly addableKinds = new Signal<readonly CardKind[]>(['success', 'problem', 'lesson', 'note']);
  /** A voting round is open for this person: clicks on cards give and take dots. */
  readonly voting = new Signal(false);

  stage: Konva.Stage | null = null;
  container: HTMLElement | null = null;
  private props: Props;
  private selectionIds: string[] = [];
  /** The current press raised its card: the drag that follows is one undo step with it. */
  private raisedOnPress = false;
  private editingWrote = false;
  private disposers: Array<() => void> = [];

  constructor(
    readonly board: BoardDocs,
    readonly awareness: Awareness,
    props: Props,
  ) {
    this.props = props;
    this.readOnly.set(props.readOnly);
    this.frameTools.set(props.canEditFrames);
    this.applySession(props.session);
    this.store = new BoardStore(board);
    this.peers = new PeerStore(awareness);
    this.publisher = new PresencePublisher(awareness);
    this.picker = new CardPicker(this.store, { local: this.localOffsets, remote: this.peers.offsets });
    const rectOf = this.picker.rectOf;
    const move = new LiveMove(this.localOffsets, this.publisher);
    this.cardDrag = new CardDrag({
      move,
      companions: (id) => (this.selection.has(id) ? this.selectedCardIds() : [id]),
      readOnly: () => this.props.readOnly,
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
      viewCenter: () => boardCenter(this.view.get(), this.size.get()),
    });
    this.camera = new Camera({
      store: this.store,
      peers: this.peers,
      publisher: this.publisher,
      view: this.view,
      size: this.size,
      stage: () => this.stage,
      presentation: () => this.props.presentation,
    });
    this.culling = new Culling({
      store: this.store,
      view: this.view,
      size: this.size,
      rectOf,
      selected: (id) => this.selection.has(id),
      editing: this.editing,
      pinned: (id) => this.pinned(id),
      started: () => this.undoManager !== null,
    });
    this.lodScene = new LowDetailScene({
      store: this.store,
      localOffsets: this.localOffsets,
      remoteOffsets: this.peers.offsets,
      decor: this.decor,
      offsetOf: this.picker.offsetOf,
      rectOf,
      mounted: this.culling.mounted,
      isMounted: (id) => this.culling.isMounted(id),
      stage: () => this.stage,
      view: this.view,
      size: this.size,
    });
    this.linking = new Linking({
      board,
      store: this.store,
      readOnly: () => this.props.readOnly,
      userId: () => this.props.identity.id,
      write: (fn) => this.write(fn),
      select: (ids) => this.select(ids),
      toasts: this.toasts,
      editing: this.editing,
      linkTool: this.linkTool,
      linkFrom: this.linkFrom,
      rubberBand: this.rubberBand,
    });
    this.keys = new CanvasKeys({
      container: () => this.container,
      readOnly: () => this.props.readOnly,
      undo: () => this.undo(),
      redo: () => this.redo(),
      selectedIds: () => this.selectionIds,
      selectedCardIds: () => this.selectedCardIds(),
      selectedFrame: this.frames.selectedFrame,
      deleteSelectedFrame: () => this.frames.deleteSelectedFrame(),
      deleteSelection: () => this.deleteSelection(),
      openEditor: (id) => this.openEditor(id),
      select: (ids) => this.select(ids),
      allCardIds: () => this.store.getOrder(),
      nudge: (ids, dx, dy, merge) => this.moveCards(ids, dx, dy, merge),
      linkTool: this.linkTool,
      linkFrom: this.linkFrom,
      rubberBand: this.rubberBand,
    });
    this.gestures = new PointerGestures({
      container: () => this.container,
      stage: () => this.stage,
      view: this.view,
      setView: (view) => this.camera.setView(view),
      detail: this.culling.detail,
      readOnly: () => this.props.readOnly,
      editing: this.editing,
      hovered: this.hovered,
      linkTool: this.linkTool,
      linkFrom: this.linkFrom,
      rubberBand: this.rubberBand,
      marquee: this.marquee,
      picker: this.picker,
      lowDetailLinks: () => this.lodScene.get().links,
      cardDrag: this.cardDrag,
      publisher: this.publisher,
      pressCard: (id, e) => this.onCardPointerDown(id, e),
      pressLink: (id, e) => this.onLinkPointerDown(id, e),
      clickCard: (id, e) => this.onCardClick(id, e, true),
      clickEmpty: () => {
        this.deselect();
        this.frames.selectedFrame.set(null);
        this.linkFrom.set(null);
        this.rubberBand.set(null);
      },
      selectInRect: (rect, additive) => this.selectInRect(rect, additive),
      link: (from, to) => this.linking.link(from, to),
    });
  }

  /**
   * Starts listening to the board and the awareness (idempotent). Split from the
   * constructor so React's strict-mode mount, unmount, mount cycle leaves a working canvas.
   */
  start(): void {
    if (this.undoManager) return;
    this.store.start();
    this.peers.start();
    const undo = createUndoManager(this.board);
    this.undoManager = undo;
    const onStack = () => {
      this.canUndo.set(undo.canUndo);
      this.canRedo.set(undo.canRedo);
    };
    undo.subscribe(onStack);
    onStack();
    this.disposers.push(() => undo.destroy());
    this.disposers.push(this.view.subscribe(() => this.onViewChange()));
    this.disposers.push(this.size.subscribe(() => this.onViewChange()));
    this.disposers.push(this.camera.start());
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
    // A card that disappears (deleted here or elsewhere) stops being edited or linked from.
    this.disposers.push(
      this.store.subscribeOrder(() => {
        const editing = this.editing.get();
        if (editing && !this.store.getCard(editing)) this.editing.set(null);
        const from = this.linkFrom.get();
        if (from && !this.store.getCard(from)) this.linkFrom.set(null);
      }),
    );
  }

  stop(): void {
    this.culling.stop();
    for (const dispose of this.disposers) dispose();
    this.disposers.length = 0;
    this.undoManager = null;
    this.canUndo.set(false);
    this.canRedo.set(false);
    this.toasts.stop();
    this.publisher.set({ cursor: null, dragging: null });
    this.publisher.flush();
    this.peers.stop();
    this.store.stop();
  }

  setProps(props: Props): void {
    this.props = props;
    this.readOnly.set(props.readOnly);
    if (props.readOnly) {
      this.linkTool.set(false);
      this.editing.set(null);
    }
    this.frameTools.set(props.canEditFrames);
    if (!props.canEditFrames) this.frames.selectedFrame.set(null);
    this.applySession(props.session);
    if (props.synced) this.camera.settle();
    this.selectionIds = [...props.selection];
    this.selection.replace(new Map(this.selectionIds.map((id) => [id, true as const])));
  }

  private applySession(session: CanvasSession | null): void {
    this.decor.replace(session?.decor ?? new Map());
    this.anonymous.set(session?.anonymous ?? false);
    const kinds = session?.addableKinds ?? CARD_KINDS;
    const current = this.addableKinds.get();
    if (kinds.length !== current.length || kinds.some((kind, i) => kind !== current[i])) this.addableKinds.set(kinds);
    this.voting.set(Boolean(session?.onVote) && !this.props.presentation);
  }

  /** A dot given (1) or taken back (-1) by clicking a card during an open round. */
  private vote(id: string, delta: 1 | -1): boolean {
    const onVote = this.props.session?.onVote;
    if (!onVote || this.props.presentation) return false;
    onVote(id, delta);
    return true;
  }

  /** Right-click on a card while voting takes a dot back (and keeps the browser's menu away). */
  onCardContextMenu(id: string, e: { preventDefault(): void }): void {
    if (!this.voting.get()) return;
    e.preventDefault();
    this.vote(id, -1);
  }

  /**
   * Writes as this person. Each action is its own undo step (stopCapturing); only typing in a
   * card, and a drag with the raise that started it, merge within the capture window.
   */
  write<T>(fn: () => T, merge = false): T {
    if (!merge) this.undoManager?.stopCapturing();
    return localWrite(this.board, fn);
  }

  private moveCards(ids: string[], dx: number, dy: number, merge: boolean): void {
    this.write(() => moveCardsBy(this.board, ids, dx, dy), merge);
  }

  /** Text typed in the editor: the first keystroke of an editing session starts a new step. */
  editText(id: string, value: string): void {
    const merge = this.editingWrote;
    this.editingWrote = true;
    this.write(() => replaceCardText(this.board, id, value), merge);
  }

  undo(): void {
    if (!this.props.readOnly) this.undoManager?.undo();
  }

  redo(): void {
    if (!this.props.readOnly) this.undoManager?.redo();
  }

  /** Attaches the DOM: window listeners for gestures and keys, wheel on the canvas element. */
  mount(container: HTMLElement, stage: Konva.Stage): () => void {
    this.container = container;
    this.stage = stage;
    this.onViewChange();
    const win = container.ownerDocument.defaultView ?? window;
    const detachGestures = this.gestures.attach(container);
    const onKey = (e: KeyboardEvent) => this.keys.onKeyDown(e);
    win.addEventListener('keydown', onKey);
    return () => {
      detachGestures();
      win.removeEventListener('keydown', onKey);
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
  private pinned(id: string): boolean {
    return this.selection.has(id) || this.linkFrom.get() === id || (this.decor.get(id)?.votes ?? null) !== null || this.peers.selections.has(id);
  }

  /** The toolbar's zoom and fit buttons (tools/) reach the camera through here. */
  zoomStep(factor: number): void {
    this.camera.zoomStep(factor);
  }

  fit(byUser = false): void {
    this.camera.fit(byUser);
  }

  private selectInRect(rect: Rect, additive: boolean): void {
    const hits = this.picker.cardsIn(rect);
    const ids = additive ? [...new Set([...this.selectionIds, ...hits])] : hits;
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

  select(ids: string[]): void {
    if (ids.length > 0) this.frames.selectedFrame.set(null);
    this.selectionIds = ids;
    this.selection.replace(new Map(ids.map((id) => [id, true as const])));
    this.props.onSelectionChange(ids);
  }

  /** Shift+click: in or out of the selection, the rest staying. */
  private toggleSelected(id: string): void {
    this.select(this.selection.has(id) ? this.selectionIds.filter((s) => s !== id) : [...this.selectionIds, id]);
  }

  /** Clears the selection unless it is empty already (each select tells the app). */
  private deselect(): void {
    if (this.selectionIds.length > 0) this.select([]);
  }

  selectedCardIds(): string[] {
    return this.selectionIds.filter((id) => this.store.getCard(id) !== undefined);
  }

  // ---- cards ----------------------------------------------------------------------------

  onCardPointerDown(id: string, e: { shiftKey: boolean; button: number; pointerType?: string }): void {
    this.raisedOnPress = false;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    if (this.linkTool.get() && !this.props.readOnly) {
      this.linking.linkToolClick(id);
      return;
    }
    if (e.shiftKey) {
      this.toggleSelected(id);
      return;
    }
    if (!this.selection.has(id)) this.select([id]);
    if (!this.props.readOnly && !this.store.areOnTop([id])) {
      this.write(() => bringCardsToFront(this.board, [id]));
      this.raisedOnPress = true;
    }
  }

  /** A click that was not a drag on one of several selected cards narrows the selection to it. */
  onCardClick(id: string, e: { shiftKey: boolean; altKey?: boolean; button?: number }, byGeometry = false): void {
    if (this.cardDrag.justDropped || e.shiftKey || this.linkTool.get()) return;
    if (this.voting.get() && (e.button ?? 0) === 0) this.vote(id, e.altKey ? -1 : 1);
    if (this.selectionIds.length > 1 && this.selection.has(id)) this.select([id]);
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
    if (this.props.readOnly) return;
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

  openEditor(id: string): void {
    if (this.props.readOnly || !this.store.getCard(id)) return;
    this.linkTool.set(false);
    this.rubberBand.set(null);
    if (!this.selection.has(id) || this.selectionIds.length !== 1) this.select([id]);
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

  /** Adds a card in the middle of the view, beside (never over) the cards there, and selects it. */
  addCard(kind: CardKind): string | null {
    // An agenda phase may narrow what can be added (a rule of the web app, docs/model.md).
    if (this.props.readOnly || !this.addableKinds.get().includes(kind)) return null;
    const center = boardCenter(this.view.get(), this.size.get());
    const { w, h } = DEFAULT_CARD_SIZE[kind];
    const spot = freeSpot({ x: Math.round(center.x - w / 2), y: Math.round(center.y - h / 2) }, { w, h }, this.store.getCards());
    const author = this.props.session?.author ?? { authorId: this.props.identity.id, authorName: this.props.identity.name };
    const id = this.write(() => addCard(this.board, { kind, x: spot.x, y: spot.y, ...author }));
    this.select([id]);
    return id;
  }

  setKind(id: string, kind: CardKind): void {
    if (this.props.readOnly) return;
    this.write(() => setCardKind(this.board, id, kind));
  }

  setOrg(id: string, org: string): void {
    if (this.props.readOnly) return;
    this.write(() => setCardOrg(this.board, id, org));
    this.props.session?.onOrgChosen?.(org);
  }

  deleteSelection(): void {
    if (this.props.readOnly || this.selectionIds.length === 0) return;
    const { links } = boardMaps(this.board);
    const cardIds = this.selectedCardIds();
    const linkIds = this.selectionIds.filter((id) => links.has(id));
    if (cardIds.length === 0 && linkIds.length === 0) return;
    this.write(() => {
      if (linkIds.length > 0) unlink(this.board, linkIds);
      if (cardIds.length > 0) deleteCards(this.board, cardIds);
    });
    this.select([]);
  }

  // ---- frames (facilitators) ------------------------------------------------------------

  /** The toolbar's "+ Frame" (tools/) reaches the frames through here. */
  addFrame(title: string): string | null {
    return this.frames.addFrame(title);
  }

  // ---- links ----------------------------------------------------------------------------

  onLinkPointerDown(id: string, e: { shiftKey: boolean }): void {
    if (e.shiftKey) this.toggleSelected(id);
    else this.select([id]);
  }

  /** The toolbar's link button (tools/). */
  toggleLinkTool(): void {
    this.linking.toggleLinkTool();
  }
}
