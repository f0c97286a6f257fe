export type Shortcut = 'undo' | 'redo' | 'delete' | 'edit' | 'escape' | 'select-all';

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
