import { Camera } from './camera';
import type { CanvasController } from './controller';
import { Culling } from './culling';
import { PointerGestures } from './gestures';
import { Linking } from './linking';
import { LowDetailScene } from './lowDetailScene';
import { NO_INSETS, clampScale, type Insets, type Rect, type View } from '../editor/viewport';

// The canvas controller's parts, each wired to the controller's stores and verbs.

export function makeCamera(ctl: CanvasController): Camera {
  return new Camera({
    store: ctl.store,
    peers: ctl.peers,
    publisher: ctl.publisher,
    view: ctl.view,
    size: ctl.size,
    stage: () => ctl.stage,
    presentation: () => ctl.editor.presentation,
    insets: () => overlayInsets(ctl.container),
    ...(ctl.editor.presentation ? {} : { memory: viewMemory(typeof window === 'undefined' ? '' : window.location.pathname) }),
  });
}

/** A person's last view of a board, per board page (its path), in this browser; a write at most every 300 ms. */
function viewMemory(path: string): { load(): View | null; save(view: View): void } {
  const key = `benchlearn:view:${path}`;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    load: () => {
      try {
        const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
        if (typeof value !== 'object' || value === null) return null;
        const { x, y, scale } = value as Record<string, unknown>;
        return [x, y, scale].every((n) => typeof n === 'number' && Number.isFinite(n))
          ? { x: x as number, y: y as number, scale: clampScale(scale as number) }
          : null;
      } catch {
        return null;
      }
    },
    save: (view) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          localStorage.setItem(key, JSON.stringify(view));
        } catch {
          // Storage full or denied: the board opens readable next time.
        }
      }, 300);
    },
  };
}

/** What floats over the canvas element: the toolbar at the top, the legend (or the frame panel in its place) and zoom at the bottom. */
function overlayInsets(container: HTMLElement | null): Insets {
  const root = container?.parentElement;
  if (!container || !root) return NO_INSETS;
  const box = container.getBoundingClientRect();
  const shown = (selector: string) => {
    const rect = root.querySelector(selector)?.getBoundingClientRect();
    return rect && rect.height > 0 ? rect : null;
  };
  const toolbar = shown('.bl-toolbar:not(.bl-viewer-zoom)');
  const bottoms = [shown('.bl-legend'), shown('.bl-frame-panel'), shown('.bl-viewer-zoom')].filter((rect) => rect !== null);
  const top = toolbar ? Math.max(0, toolbar.bottom - box.top) : 0;
  const bottom = bottoms.reduce((most, rect) => Math.max(most, box.bottom - rect.top), 0);
  return { top, right: 0, bottom, left: 0 };
}

export function makeCulling(ctl: CanvasController, rectOf: (id: string) => Rect | null): Culling {
  return new Culling({
    store: ctl.store,
    view: ctl.view,
    size: ctl.size,
    rectOf,
    selected: (id) => ctl.selection.has(id),
    editing: ctl.editing,
    pinned: (id) => ctl.pinned(id),
    started: () => ctl.started,
  });
}

export function makeLowDetailScene(ctl: CanvasController, rectOf: (id: string) => Rect | null): LowDetailScene {
  return new LowDetailScene({
    store: ctl.store,
    localOffsets: ctl.localOffsets,
    remoteOffsets: ctl.peers.offsets,
    decor: ctl.decor,
    offsetOf: ctl.picker.offsetOf,
    rectOf,
    mounted: ctl.culling.mounted,
    isMounted: (id) => ctl.culling.isMounted(id),
    stage: () => ctl.stage,
    view: ctl.view,
    size: ctl.size,
  });
}

export function makeLinking(ctl: CanvasController): Linking {
  return new Linking({
    board: ctl.board,
    store: ctl.store,
    readOnly: () => ctl.editor.readOnly.get(),
    userId: () => ctl.editor.identity.get().id,
    write: (fn) => ctl.write(fn),
    select: (ids) => ctl.select(ids),
    toasts: ctl.toasts,
    editing: ctl.editing,
    linkTool: ctl.linkTool,
    linkFrom: ctl.linkFrom,
    rubberBand: ctl.rubberBand,
  });
}

export function makeGestures(ctl: CanvasController): PointerGestures {
  return new PointerGestures({
    container: () => ctl.container,
    stage: () => ctl.stage,
    view: ctl.view,
    setView: (view) => ctl.camera.setView(view),
    detail: ctl.culling.detail,
    readOnly: () => ctl.editor.readOnly.get(),
    editing: ctl.editing,
    hovered: ctl.hovered,
    linkTool: ctl.linkTool,
    linkFrom: ctl.linkFrom,
    rubberBand: ctl.rubberBand,
    marquee: ctl.marquee,
    picker: ctl.picker,
    lowDetailLinks: () => ctl.lodScene.get().links,
    cardDrag: ctl.cardDrag,
    publisher: ctl.publisher,
    pressCard: (id, e) => ctl.onCardPointerDown(id, e),
    pressLink: (id, e) => ctl.onLinkPointerDown(id, e),
    clickCard: (id, e) => ctl.onCardClick(id, e, true),
    clickEmpty: () => {
      ctl.deselect();
      ctl.frames.selectedFrame.set(null);
      ctl.linkFrom.set(null);
      ctl.rubberBand.set(null);
    },
    selectInRect: (rect, additive) => ctl.selectInRect(rect, additive),
    link: (from, to) => ctl.linking.link(from, to),
  });
}
