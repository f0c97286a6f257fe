import { UNDO_CAPTURE_MS } from '../tools/undo';
import { isTypingTarget, nudgeOffset, shortcutOf } from '../tools/shortcuts';
import type { Signal } from './stores';
import type { Point } from './viewport';

/** What the keyboard shortcuts act on; the controller provides it. */
export interface KeysHost {
  container(): HTMLElement | null;
  readOnly(): boolean;
  undo(): void;
  redo(): void;
  /** Cards and links, as selected. */
  selectedIds(): readonly string[];
  selectedCardIds(): string[];
  selectedFrame: Signal<string | null>;
  deleteSelectedFrame(): void;
  deleteSelection(): void;
  openEditor(id: string): void;
  select(ids: string[]): void;
  allCardIds(): readonly string[];
  /** Moves cards by (dx, dy); `merge`: the same undo step as the previous nudge. */
  nudge(ids: string[], dx: number, dy: number, merge: boolean): void;
  linkTool: Signal<boolean>;
  linkFrom: Signal<string | null>;
  rubberBand: Signal<{ from: string; to: Point } | null>;
}

/** Keyboard shortcuts on the canvas (tools/shortcuts.ts names them): undo, delete, edit, select all, nudge, escape. */
export class CanvasKeys {
  private lastNudgeAt = 0;

  constructor(private readonly host: KeysHost) {}

  onKeyDown(e: KeyboardEvent): void {
    const { host } = this;
    if (e.defaultPrevented || isTypingTarget(e.target)) return;
    const shortcut = shortcutOf(e);
    if (!shortcut) return;
    const container = host.container();
    const active = container?.ownerDocument.activeElement;
    // Delete, Enter and Ctrl+A act on the canvas only when it (or nothing) has the focus, so
    // the outline's own keys keep working; undo and redo work from anywhere on the page.
    const body = container?.ownerDocument.body;
    const canvasFocused = !active || active === body || (container?.contains(active) ?? false);
    // The toolbar belongs to the canvas: after "+ Success", Delete still acts on the new card.
    const toolbarFocused = (container?.parentElement?.contains(active ?? null) ?? false) && !canvasFocused;
    switch (shortcut) {
      case 'undo':
      case 'redo':
        if (host.readOnly()) return;
        e.preventDefault();
        if (shortcut === 'undo') host.undo();
        else host.redo();
        return;
      case 'delete':
        if ((canvasFocused || toolbarFocused) && host.selectedIds().length === 0 && host.selectedFrame.get()) {
          e.preventDefault();
          host.deleteSelectedFrame();
          return;
        }
        if (!(canvasFocused || toolbarFocused) || host.readOnly() || host.selectedIds().length === 0) return;
        e.preventDefault();
        host.deleteSelection();
        return;
      case 'edit': {
        if (!canvasFocused) return;
        const cards = host.selectedCardIds();
        if (cards.length !== 1 || host.readOnly()) return;
        e.preventDefault();
        host.openEditor(cards[0]!);
        return;
      }
      case 'select-all':
        if (!canvasFocused) return;
        e.preventDefault();
        host.select([...host.allCardIds()]);
        return;
      case 'nudge-left':
      case 'nudge-right':
      case 'nudge-up':
      case 'nudge-down': {
        const offset = nudgeOffset(shortcut, e.shiftKey);
        const cards = host.selectedCardIds();
        if (!canvasFocused || !offset || cards.length === 0 || host.readOnly()) return;
        e.preventDefault();
        // Holding an arrow key is one undo step, like a drag.
        const merge = Date.now() - this.lastNudgeAt < UNDO_CAPTURE_MS;
        this.lastNudgeAt = Date.now();
        host.nudge(cards, offset.dx, offset.dy, merge);
        return;
      }
      case 'escape':
        host.linkFrom.set(null);
        host.rubberBand.set(null);
        if (host.linkTool.get()) host.linkTool.set(false);
        else if (canvasFocused && host.selectedIds().length > 0) host.select([]);
    }
  }
}
