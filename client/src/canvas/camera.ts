import type Konva from 'konva';
import type { BoardStore } from '../editor/boardStore';
import { clientOf, fitRegion, presentationView, presenterOf, SummonWatcher, type Followable } from './follow';
import { BODY_FONT_SIZE } from '../ui/kinds';
import type { Peer, PeerStore, PresencePublisher } from '../editor/presence';
import { Signal } from '../editor/stores';
import {
  NO_INSETS,
  READABLE_SCALE,
  boundsOf,
  centerOn,
  fitBounds,
  readableView,
  rectInView,
  visibleRect,
  zoomAt,
  zoomBy,
  type Insets,
  type Rect,
  type Size,
  type View,
} from '../editor/viewport';

export interface CameraDeps {
  store: BoardStore;
  peers: PeerStore;
  publisher: PresencePublisher;
  view: Signal<View>;
  size: Signal<Size>;
  stage(): Konva.Stage | null;
  /** The projector: it shows what the presenter sees, or the whole board. */
  presentation(): boolean;
  /** Screen space the toolbar and the legend take over the canvas (none when absent). */
  insets?(): Insets;
  /** This person's last view of this board (kept in the browser), to open where they left off. */
  memory?: { load(): View | null; save(view: View): void };
}

function padded(rect: Rect, by: number): Rect {
  return { x: rect.x - by, y: rect.y - by, w: rect.w + 2 * by, h: rect.h + 2 * by };
}

function followable(peer: Peer): Followable {
  return { clientId: peer.clientId, userId: peer.user.id, viewport: peer.viewport, presenting: peer.presenting, summon: peer.summon };
}

/** Where the canvas looks: fitted to the content, moved by the user, or following someone's view. */
export class Camera {
  /** The user id whose view this canvas follows (clicked avatar or a summon); null when free. */
  readonly following = new Signal<string | null>(null);
  /** Projector: the user id of the presenter being followed, null when showing the whole board. */
  readonly presenter = new Signal<string | null>(null);
  private readonly summons = new SummonWatcher();
  /** Fit the view to the content as it arrives, until the board has synced or the user moved it. */
  private autoFit = true;
  /** Both documents synced: what arrives from now on is an edit, not the board loading. */
  private settled = false;

  constructor(private readonly deps: CameraDeps) {}

  /** Follows others' presence and lets the first content decide the first view; returns the stop. */
  start(): () => void {
    const { store, peers } = this.deps;
    let live = true;
    // The content that arrives while the board loads (from the offline copies or the server)
    // decides the first view: cards and frames come in two documents, one after the other, so
    // the view fits each arrival until both have synced (settle). Deferred: one transaction
    // brings many changes, and their observers run one after the other.
    let pending = false;
    const onContent = () => {
      if (pending || !(this.autoFit || this.deps.presentation())) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        if (!live) return;
        // The projector shows the whole board only while nobody presents.
        if (this.deps.presentation()) this.followPresenter();
        else if (this.autoFit) this.fitWhileLoading();
      });
    };
    const disposers = [peers.peers.subscribe(() => this.onPeers()), store.subscribeOrder(onContent), store.subscribeFrames(onContent)];
    onContent();
    return () => {
      live = false;
      disposers.forEach((dispose) => dispose());
    };
  }

  /** Puts the view on the stage and tells the others what this person sees. */
  show(): void {
    const { view: viewSignal, size: sizeSignal, publisher } = this.deps;
    const view = viewSignal.get();
    const stage = this.deps.stage();
    if (stage) {
      stage.position({ x: view.x, y: view.y });
      stage.scale({ x: view.scale, y: view.scale });
      stage.batchDraw();
    }
    const size = sizeSignal.get();
    if (size.width > 0) {
      const v = visibleRect(view, size);
      publisher.set({ viewport: { x: v.x, y: v.y, scale: view.scale, width: v.w, height: v.h } });
    }
  }

  setSize(size: Size): void {
    const prev = this.deps.size.get();
    if (prev.width === size.width && prev.height === size.height) return;
    this.deps.stage()?.size(size);
    this.deps.size.set(size);
    if (this.deps.presentation()) this.followPresenter();
    else if (this.following.get()) this.applyFollow();
    else if (this.autoFit) this.fitWhileLoading();
  }

  /** A view the user chose (pan, zoom, fit) ends following: you take the wheel back. */
  setView(view: View, byUser = true): void {
    if (byUser) {
      this.autoFit = false;
      this.following.set(null);
      this.deps.memory?.save(view);
    }
    this.deps.view.set(view);
  }

  private followables(): Followable[] {
    return this.deps.peers.peers.get().map(followable);
  }

  /** Others' presence changed: the projector follows the presenter, others a summon or whom they follow. */
  private onPeers(): void {
    if (this.deps.presentation()) {
      this.followPresenter();
      return;
    }
    const summoner = this.summons.update(this.followables());
    if (summoner) this.follow(summoner);
    else if (this.following.get()) this.applyFollow();
  }

  /** Follows a person's view until you pan or zoom yourself; null stops. */
  follow(userId: string | null): void {
    this.following.set(userId);
    if (userId) {
      this.autoFit = false;
      this.applyFollow();
    }
  }

  private applyFollow(): void {
    const userId = this.following.get();
    const size = this.deps.size.get();
    if (!userId || size.width === 0 || size.height === 0) return;
    const target = clientOf(this.followables(), userId);
    if (!target) {
      // They left the board: nothing to follow any more.
      this.following.set(null);
      return;
    }
    if (target.viewport) this.setView(fitRegion(target.viewport, size), false);
  }

  /** Projector: fit what the presenter sees into this screen, or the whole board when nobody presents. */
  followPresenter(): void {
    const presenter = presenterOf(this.followables());
    this.presenter.set(presenter?.userId ?? null);
    const size = this.deps.size.get();
    if (size.width === 0 || size.height === 0) return;
    // Card text at least PROJECTOR_BODY_PX: a presenter's wide view or a big board is shown in part.
    const bounds = presenter?.viewport ? null : this.contentBounds();
    if (presenter?.viewport) this.setView(presentationView(presenter.viewport, size, BODY_FONT_SIZE, 'centre'), false);
    else if (bounds) this.setView(presentationView(padded(bounds, 40), size, BODY_FONT_SIZE, 'start'), false);
    else this.fit();
  }

  private contentBounds(): Rect | null {
    return boundsOf([...this.deps.store.getFrames(), ...this.deps.store.getCards()]);
  }

  fit(byUser = false): void {
    if (this.fitContent(byUser)) this.autoFit = false;
  }

  /**
   * The board has synced: one last fit of everything that arrived, unless the user moved the
   * view or follows someone; from now on new content does not move the view.
   */
  settle(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.autoFit && !this.deps.presentation() && !this.following.get() && this.openReadable()) this.autoFit = false;
  }

  /** The opening view while the board loads: it leaves auto-fitting on until the board has synced. */
  private fitWhileLoading(): void {
    if (this.openReadable() && this.settled) this.autoFit = false;
  }

  private insets(): Insets {
    return this.deps.insets?.() ?? NO_INSETS;
  }

  /** Where work happens: the first frame (top row, leftmost), else the cards. */
  private focusArea(): Rect | null {
    const frames = [...this.deps.store.getFrames()].sort((a, b) => a.y - b.y || a.x - b.x);
    return frames[0] ?? boundsOf(this.deps.store.getCards());
  }

  /**
   * The opening view: where this person left off on this board, else readable (readableView), on
   * the first frame unless the whole board fits readably.
   */
  private openReadable(): boolean {
    const size = this.deps.size.get();
    const bounds = this.contentBounds();
    const focus = this.focusArea();
    if (size.width === 0 || size.height === 0 || !bounds || !focus) return false;
    this.setView(this.deps.memory?.load() ?? readableView(bounds, focus, size, this.insets()), false);
    return true;
  }

  /** The whole board, clear of the toolbar and the legend ("show the whole board"). */
  private fitContent(byUser: boolean): boolean {
    const size = this.deps.size.get();
    if (size.width === 0 || size.height === 0) return false;
    const bounds = this.contentBounds();
    if (!bounds) return false;
    this.setView(fitBounds(bounds, size, 40, 1, this.insets()), byUser);
    return true;
  }

  zoomStep(factor: number): void {
    const size = this.deps.size.get();
    this.setView(zoomBy(this.deps.view.get(), { x: size.width / 2, y: size.height / 2 }, factor));
  }

  /**
   * Brings a card into view (the outline asked): centred at a readable zoom at least, zoomed
   * out if it does not fit.
   */
  focusCard(id: string): void {
    const card = this.deps.store.getCard(id);
    const size = this.deps.size.get();
    if (!card || size.width === 0) return;
    const current = this.deps.view.get();
    const view = current.scale < READABLE_SCALE ? zoomAt(current, { x: 0, y: 0 }, READABLE_SCALE) : current;
    const fits = card.w * view.scale <= size.width * 0.8 && card.h * view.scale <= size.height * 0.8;
    this.setView(fits ? centerOn(view, size, { x: card.x + card.w / 2, y: card.y + card.h / 2 }) : fitBounds(card, size, 60, 1, this.insets()));
  }

  /** A card about to be edited: readable and wholly on screen (moved only when it is not). */
  revealCard(id: string): void {
    const card = this.deps.store.getCard(id);
    const size = this.deps.size.get();
    if (!card || size.width === 0) return;
    const view = this.deps.view.get();
    if (view.scale >= READABLE_SCALE - 1e-9 && rectInView(view, size, card, this.insets())) return;
    this.focusCard(id);
  }

  /**
   * Brings an area (a new frame) wholly into view, clear of the toolbar: untouched when it is
   * already, else centred at this zoom, zoomed out only as far as it needs to fit.
   */
  revealArea(area: Rect): void {
    const size = this.deps.size.get();
    const view = this.deps.view.get();
    if (size.width === 0 || rectInView(view, size, area, this.insets())) return;
    this.setView(fitBounds(area, size, 40, view.scale, this.insets()));
  }
}
