import type { CardKind } from '@benchlearn/shared';
import type { Editor, PanelId } from './Editor';
import { addKind, clipboardAction, editLinkLabel, focusLinks, hasSelectedCards } from './cardActions';
import { addAndEdit, clipboardCards, copyCards, nextPasteOffset, pasteCopies, PASTE_STEP, selectedCards } from './newCards';
import { libraryAction, librarySignals, publishAction } from './libraryState';
import { cardStepAction, moveToFrameAction, nudgeAction } from './cardNavigation';
import { chooseFrameAction, linkToAction, resizeAction } from './cardCommands';

/** What each action is given when performed (nothing: `undefined`). */
export interface ActionArgs {
  'add-card': { kind: CardKind };
  'add-success': undefined;
  'add-problem': undefined;
  'add-lesson': undefined;
  'add-note': undefined;
  copy: undefined;
  paste: undefined;
  duplicate: undefined;
  'edit-link-label': undefined;
  'focus-links': undefined;
  'open-card-form': { cardId: string | null };
  undo: undefined;
  redo: undefined;
  'delete-selection': undefined;
  'edit-card': undefined;
  'select-all': undefined;
  nudge: { dx: number; dy: number };
  'card-step': { delta: 1 | -1 };
  'move-to-frame': undefined;
  'choose-frame': undefined;
  'link-to': undefined;
  resize: { dw: number; dh: number };
  cancel: undefined;
  'link-tool': undefined;
  'add-frame': { title: string };
  'zoom-in': undefined;
  'zoom-out': undefined;
  'zoom-fit': undefined;
  'show-shortcuts': undefined;
  'show-board': undefined;
  'show-outline': undefined;
  lock: undefined;
  present: undefined;
  summon: undefined;
  share: undefined;
  export: undefined;
  history: undefined;
  session: undefined;
  rename: undefined;
  library: undefined;
  'publish-to-network': undefined;
}

export type ActionId = keyof ActionArgs;

/** A key that performs an action; `mod` is Ctrl (Cmd on macOS); `shift` absent: either. */
export interface KeyBinding {
  key: string;
  mod?: boolean;
  shift?: boolean;
  /** Alt (Option on macOS) held; absent: not held. */
  alt?: boolean;
  /** The key's name in the shortcut list when it is not the key itself (i18n key in `canvas`). */
  labelKey?: string;
}

/**
 * Where a key works: `page` anywhere but in a text field; `canvas` when the canvas (or nothing)
 * has the focus, so the outline's own keys keep working; `canvas-or-toolbar` also from the
 * toolbar (after "+ Success", Delete still acts on the new card).
 */
export type KeyScope = 'page' | 'canvas' | 'canvas-or-toolbar';

/** Where a key was pressed (see KeyScope). */
export interface KeyContext {
  canvasFocused: boolean;
  toolbarFocused: boolean;
}

/**
 * One verb of the board, in the manner of Excalidraw's actions: the toolbar, the phone bar, the
 * header's menus, the keyboard and the shortcut list all come from these objects.
 */
export interface Action<K extends ActionId = ActionId> {
  id: K;
  /** i18n key (`namespace:key`) of its name, as a button or menu item says it. */
  labelKey: string;
  /** i18n key of its accessible name when the button shows only an icon (defaults to the label). */
  ariaKey?: string;
  /** i18n key of its tooltip (defaults to the label). */
  titleKey?: string;
  /** A toggle's name and tooltip while it is on ("Unlock", "Stop presenting"). */
  pressedLabelKey?: string;
  pressedTitleKey?: string;
  icon?: 'undo' | 'redo' | 'link' | 'fit';
  keys?: readonly KeyBinding[];
  keyScope?: KeyScope;
  /** The arguments a key gives (the arrows' direction); absent: `undefined`. */
  argsFromKey?(event: { key: string; shiftKey: boolean }): ActionArgs[K];
  /** A toggle's state (aria-pressed). */
  pressed?(editor: Editor): boolean;
  enabled(editor: Editor, args: ActionArgs[K]): boolean;
  visible(editor: Editor): boolean;
  perform(editor: Editor, args: ActionArgs[K], context?: KeyContext): void;
}

const always = () => true;
const editable = (editor: Editor) => editor.editable;
const withCanvas = (editor: Editor) => editor.canvas.get() !== null;
const facilitating = (editor: Editor) => editor.facilitator.get() && !editor.presentation;

function define<K extends ActionId>(action: Action<K>): Action<K> {
  return action;
}

/** An action that opens one of the header's panels (the header's button, "More" and the keys reach it alike). */
function panel<K extends ActionId & PanelId>(id: K, labelKey: string, visible: (editor: Editor) => boolean): Action<K> {
  return {
    id,
    labelKey,
    pressed: (editor) => editor.panel.get() === id,
    enabled: visible,
    visible,
    perform: (editor) => editor.panel.set(id),
  };
}

/** Every action, by id. */
export const actions: { readonly [K in ActionId]: Action<K> } = {
  'add-card': define({
    id: 'add-card',
    labelKey: 'canvas:actions.addCard',
    enabled: (editor, { kind }) => editor.editable && editor.addableKinds().includes(kind),
    visible: editable,
    perform: (editor, { kind }) => addAndEdit(editor, kind),
  }),
  'add-success': addKind('add-success', 'success', 's'),
  'add-problem': addKind('add-problem', 'problem', 'p'),
  'add-lesson': addKind('add-lesson', 'lesson', 'l'),
  'add-note': addKind('add-note', 'note', 'n'),
  copy: clipboardAction('copy', 'c', hasSelectedCards, (editor) => copyCards(selectedCards(editor))),
  paste: clipboardAction(
    'paste',
    'v',
    (editor) => editor.editable && clipboardCards().length > 0,
    (editor) => pasteCopies(editor, clipboardCards(), nextPasteOffset()),
  ),
  duplicate: clipboardAction(
    'duplicate',
    'd',
    (editor) => editor.editable && hasSelectedCards(editor),
    (editor) => pasteCopies(editor, selectedCards(editor), PASTE_STEP),
  ),
  'edit-link-label': editLinkLabel,
  'focus-links': focusLinks,
  'open-card-form': define({
    id: 'open-card-form',
    labelKey: 'app:phone.addCard',
    enabled: editable,
    visible: (editor) => editor.editable && editor.narrow.get(),
    perform: (editor, { cardId }) => editor.cardForm.set({ cardId }),
  }),
  undo: define({
    id: 'undo',
    labelKey: 'canvas:toolbar.undo',
    titleKey: 'canvas:toolbar.undoHint',
    icon: 'undo',
    keys: [{ key: 'z', mod: true, shift: false }],
    keyScope: 'page',
    enabled: (editor) => editor.editable && editor.canUndo.get(),
    visible: editable,
    perform: (editor) => editor.undo(),
  }),
  redo: define({
    id: 'redo',
    labelKey: 'canvas:toolbar.redo',
    titleKey: 'canvas:toolbar.redoHint',
    icon: 'redo',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true, shift: false },
    ],
    keyScope: 'page',
    enabled: (editor) => editor.editable && editor.canRedo.get(),
    visible: editable,
    perform: (editor) => editor.redo(),
  }),
  'delete-selection': define({
    id: 'delete-selection',
    labelKey: 'canvas:toolbar.delete',
    titleKey: 'canvas:toolbar.deleteHint',
    keys: [
      { key: 'Delete', labelKey: 'canvas:keys.delete' },
      { key: 'Backspace', labelKey: 'canvas:keys.backspace' },
    ],
    keyScope: 'canvas-or-toolbar',
    enabled: (editor) => editor.selection.size > 0 || editor.canvas.get()?.selectedFrame() != null,
    visible: editable,
    perform: (editor) => {
      const canvas = editor.canvas.get();
      // A selected frame (facilitators) is deleted when no card or link is selected.
      if (editor.selection.size === 0 && canvas?.selectedFrame()) canvas.deleteSelectedFrame();
      else editor.deleteSelection();
    },
  }),
  'edit-card': define({
    id: 'edit-card',
    labelKey: 'canvas:actions.editCard',
    keys: [{ key: 'Enter', shift: false, labelKey: 'canvas:keys.enter' }],
    keyScope: 'canvas',
    enabled: (editor) => editor.editable && editor.selectedCardIds().length === 1 && withCanvas(editor),
    visible: editable,
    perform: (editor) => {
      const [id] = editor.selectedCardIds();
      if (id) editor.canvas.get()?.openEditor(id);
    },
  }),
  'select-all': define({
    id: 'select-all',
    labelKey: 'canvas:actions.selectAll',
    keys: [{ key: 'a', mod: true, shift: false }],
    keyScope: 'canvas',
    enabled: always,
    visible: always,
    perform: (editor) => editor.selectAll(),
  }),
  nudge: nudgeAction,
  'card-step': cardStepAction,
  'move-to-frame': moveToFrameAction,
  'choose-frame': chooseFrameAction,
  'link-to': linkToAction,
  resize: resizeAction,
  cancel: define({
    id: 'cancel',
    labelKey: 'canvas:actions.cancel',
    keys: [{ key: 'Escape', labelKey: 'canvas:keys.escape' }],
    keyScope: 'page',
    enabled: always,
    visible: always,
    perform: (editor, _args, context) => {
      const deselect = context?.canvasFocused ?? true;
      const canvas = editor.canvas.get();
      if (canvas) canvas.cancel(deselect);
      else if (deselect) editor.select([]);
    },
  }),
  'link-tool': define({
    id: 'link-tool',
    labelKey: 'canvas:toolbar.linkTool',
    titleKey: 'canvas:toolbar.linkToolHint',
    icon: 'link',
    pressed: (editor) => editor.linkTool.get(),
    enabled: (editor) => editor.editable && withCanvas(editor),
    visible: editable,
    perform: (editor) => editor.canvas.get()?.toggleLinkTool(),
  }),
  'add-frame': define({
    id: 'add-frame',
    labelKey: 'canvas:frames.add',
    titleKey: 'canvas:frames.addHint',
    enabled: (editor) => editor.editable && withCanvas(editor),
    visible: (editor) => editor.editable && facilitating(editor),
    perform: (editor, { title }) => void editor.canvas.get()?.addFrame(title),
  }),
  'zoom-in': define({
    id: 'zoom-in',
    labelKey: 'canvas:toolbar.zoomIn',
    keys: [{ key: '+', mod: false }],
    keyScope: 'canvas',
    enabled: withCanvas,
    visible: always,
    perform: (editor) => editor.canvas.get()?.zoomStep(1.25),
  }),
  'zoom-out': define({
    id: 'zoom-out',
    labelKey: 'canvas:toolbar.zoomOut',
    keys: [{ key: '-', mod: false }],
    keyScope: 'canvas',
    enabled: withCanvas,
    visible: always,
    perform: (editor) => editor.canvas.get()?.zoomStep(1 / 1.25),
  }),
  'zoom-fit': define({
    id: 'zoom-fit',
    labelKey: 'canvas:toolbar.fit',
    icon: 'fit',
    enabled: withCanvas,
    visible: always,
    perform: (editor) => editor.canvas.get()?.fit(true),
  }),
  'show-shortcuts': define({
    id: 'show-shortcuts',
    labelKey: 'canvas:shortcuts.open',
    keys: [{ key: '?' }],
    keyScope: 'page',
    enabled: always,
    visible: always,
    perform: (editor) => editor.shortcutsOpen.set(true),
  }),
  'show-board': define({
    id: 'show-board',
    labelKey: 'app:phone.board',
    pressed: (editor) => editor.phoneTab.get() === 'board',
    enabled: always,
    visible: (editor) => editor.narrow.get(),
    perform: (editor) => editor.phoneTab.set('board'),
  }),
  'show-outline': define({
    id: 'show-outline',
    labelKey: 'app:outline.title',
    pressed: (editor) => editor.phoneTab.get() === 'outline',
    enabled: always,
    visible: (editor) => editor.narrow.get(),
    perform: (editor) => editor.phoneTab.set('outline'),
  }),
  lock: define({
    id: 'lock',
    labelKey: 'app:facilitator.lock',
    titleKey: 'app:facilitator.lockHint',
    pressedLabelKey: 'app:facilitator.unlock',
    pressedTitleKey: 'app:facilitator.unlockHint',
    pressed: (editor) => editor.locked.get(),
    enabled: (editor) => !editor.lockBusy.get() && editor.host !== null,
    visible: facilitating,
    perform: (editor) => void editor.toggleLock(),
  }),
  present: define({
    id: 'present',
    labelKey: 'app:facilitator.present',
    pressedLabelKey: 'app:facilitator.stopPresenting',
    titleKey: 'app:facilitator.presentHint',
    pressed: (editor) => editor.presenting.get(),
    enabled: always,
    visible: facilitating,
    perform: (editor) => editor.presenting.set(!editor.presenting.get()),
  }),
  summon: define({
    id: 'summon',
    labelKey: 'app:facilitator.summon',
    titleKey: 'app:facilitator.summonHint',
    enabled: always,
    visible: facilitating,
    perform: (editor) => editor.summon(),
  }),
  share: panel('share', 'app:board.share', facilitating),
  export: panel('export', 'export:dialog.open', (editor) => !editor.presentation),
  history: panel('history', 'export:history.open', facilitating),
  session: panel('session', 'session:panel.open', facilitating),
  rename: panel('rename', 'app:facilitator.rename', facilitating),
  library: libraryAction,
  'publish-to-network': publishAction,
};

/** Performs an action if it is enabled; whether it was. */
export function perform<K extends ActionId>(editor: Editor, id: K, ...rest: ActionArgs[K] extends undefined ? [] : [ActionArgs[K]]): boolean {
  const action = actions[id] as Action<K>;
  const args = rest[0] as ActionArgs[K];
  if (!action.enabled(editor, args)) return false;
  action.perform(editor, args);
  return true;
}

/** The actions that have keys, in the order the shortcut list shows them. */
export function actionsWithKeys(): Action[] {
  return (Object.values(actions) as Action[]).filter((action) => action.keys && action.keys.length > 0);
}

/** Listens to everything an action's enabled, visible or pressed state reads (never the camera). */
export function subscribeActionState(editor: Editor, listener: () => void): () => void {
  const signals = [
    editor.readOnly,
    editor.canUndo,
    editor.canRedo,
    editor.linkTool,
    editor.focusLinks,
    editor.session,
    editor.canvas,
    editor.facilitator,
    editor.locked,
    editor.lockBusy,
    editor.presenting,
    editor.narrow,
    editor.phoneTab,
    editor.panel,
    ...librarySignals(editor),
  ];
  const unsubscribe = [...signals.map((signal) => signal.subscribe(listener)), editor.selection.subscribe(listener), editor.store.subscribeOrder(listener)];
  return () => unsubscribe.forEach((stop) => stop());
}
