import { actions, type Action, type ActionId, type KeyBinding, type KeyContext } from './actions';
import type { Editor } from './Editor';
import { isTypingTarget, type KeyLike } from './shortcuts';

export function matches(binding: KeyBinding, e: KeyLike): boolean {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key !== binding.key) return false;
  if (e.altKey !== (binding.alt ?? false)) return false;
  if ((e.ctrlKey || e.metaKey) !== (binding.mod ?? false)) return false;
  return binding.shift === undefined || binding.shift === e.shiftKey;
}

/** The action a key press means, if any (Ctrl on Windows/Linux, Cmd on macOS). */
export function actionOfKey(e: KeyLike): Action | null {
  for (const action of Object.values(actions) as Action[]) {
    if (action.keys?.some((binding) => matches(binding, e))) return action;
  }
  return null;
}

function inScope(action: Action, context: KeyContext): boolean {
  switch (action.keyScope ?? 'canvas') {
    case 'page':
      return true;
    case 'canvas':
      return context.canvasFocused;
    case 'canvas-or-toolbar':
      return context.canvasFocused || context.toolbarFocused;
  }
}

export interface KeyEventLike extends KeyLike {
  target: unknown;
  defaultPrevented: boolean;
  preventDefault(): void;
}

/**
 * A key pressed on the page: performs the registry's action for it when the focus allows and the
 * action is enabled. Keys typed into a field belong to that field. Whether an action ran.
 */
export function handleKey(editor: Editor, e: KeyEventLike, context: KeyContext): ActionId | null {
  if (e.defaultPrevented || isTypingTarget(e.target)) return null;
  const action = actionOfKey(e);
  if (!action || !inScope(action, context)) return null;
  const args = action.argsFromKey ? action.argsFromKey(e) : undefined;
  if (!action.enabled(editor, args as never)) return null;
  // Escape lets the page see the key too (a dialog closes on it).
  if (action.id !== 'cancel') e.preventDefault();
  action.perform(editor, args as never, context);
  return action.id;
}

/**
 * Where the focus is, for KeyScope: on the canvas (or nowhere), or in the toolbar beside it
 * (the canvas container's parent holds both).
 */
export function keyContext(container: HTMLElement | null): KeyContext {
  const active = container?.ownerDocument.activeElement;
  const body = container?.ownerDocument.body;
  const canvasFocused = !active || active === body || (container?.contains(active) ?? false);
  const toolbarFocused = (container?.parentElement?.contains(active ?? null) ?? false) && !canvasFocused;
  return { canvasFocused, toolbarFocused };
}
