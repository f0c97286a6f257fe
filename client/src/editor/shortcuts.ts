export type Shortcut = 'undo' | 'redo' | 'delete' | 'edit' | 'escape' | 'select-all' | 'nudge-left' | 'nudge-right' | 'nudge-up' | 'nudge-down';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The canvas command a key press means, if any (Ctrl on Windows/Linux, Cmd on macOS). */
export function shortcutOf(e: KeyLike): Shortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    if (key === 'a' && !e.shiftKey) return 'select-all';
    return null;
  }
  if (e.altKey) return null;
  if (key === 'Delete' || key === 'Backspace') return 'delete';
  if (key === 'Enter' && !e.shiftKey) return 'edit';
  if (key === 'Escape') return 'escape';
  if (key === 'ArrowLeft') return 'nudge-left';
  if (key === 'ArrowRight') return 'nudge-right';
  if (key === 'ArrowUp') return 'nudge-up';
  if (key === 'ArrowDown') return 'nudge-down';
  return null;
}

interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
}

/** Keys typed into a field belong to that field, not to the canvas. */
export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const t = target as TargetLike;
  if (t.isContentEditable) return true;
  const tag = typeof t.tagName === 'string' ? t.tagName.toUpperCase() : '';
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** How far an arrow key moves the selected cards, in board units (Shift: further). */
export function nudgeOffset(shortcut: Shortcut, shiftKey: boolean): { dx: number; dy: number } | null {
  const step = shiftKey ? 50 : 10;
  switch (shortcut) {
    case 'nudge-left':
      return { dx: -step, dy: 0 };
    case 'nudge-right':
      return { dx: step, dy: 0 };
    case 'nudge-up':
      return { dx: 0, dy: -step };
    case 'nudge-down':
      return { dx: 0, dy: step };
    default:
      return null;
  }
}
