import type { CardKind } from '@benchlearn/shared';
import type { Action } from './actions';
import type { Editor } from './Editor';
import { addAndEdit } from './newCards';

/** "+ Success" and the others with one key each (S, P, L, N), listed in the shortcut help. */
export function addKind<K extends 'add-success' | 'add-problem' | 'add-lesson' | 'add-note'>(id: K, kind: CardKind, key: string): Action<K> {
  return {
    id,
    labelKey: `canvas:toolbar.add.${kind}`,
    keys: [{ key, mod: false }],
    keyScope: 'canvas',
    enabled: (editor) => editor.editable && editor.addableKinds().includes(kind),
    visible: (editor) => editor.editable,
    perform: (editor) => addAndEdit(editor, kind),
  };
}

/** Copy, paste and duplicate: Ctrl (Cmd) and a letter, on the canvas. */
export function clipboardAction<K extends 'copy' | 'paste' | 'duplicate'>(
  id: K,
  key: string,
  enabled: (editor: Editor) => boolean,
  perform: (editor: Editor) => void,
): Action<K> {
  return { id, labelKey: `canvas:actions.${id}`, keys: [{ key, mod: true, shift: false }], keyScope: 'canvas', enabled, visible: () => true, perform };
}

export const hasSelectedCards = (editor: Editor) => editor.selectedCardIds().length > 0;

/** The one selected link, if the selection is exactly one link. */
export function selectedLinkId(editor: Editor): string | null {
  const ids = editor.selection.ids;
  return ids.length === 1 && editor.store.getLinks().some((link) => link.id === ids[0]) ? ids[0]! : null;
}

/** Labels the selected link in place (a double-click on a link does the same). */
export const editLinkLabel: Action<'edit-link-label'> = {
  id: 'edit-link-label',
  labelKey: 'canvas:actions.editLinkLabel',
  enabled: (editor) => editor.editable && Boolean(editor.canvas.get()?.openLinkLabel) && selectedLinkId(editor) !== null,
  visible: (editor) => editor.editable,
  perform: (editor) => {
    const id = selectedLinkId(editor);
    if (id) editor.canvas.get()?.openLinkLabel?.(id);
  },
};

/** "Links of the selection only": a toggle, for readers too. */
export const focusLinks: Action<'focus-links'> = {
  id: 'focus-links',
  labelKey: 'canvas:actions.focusLinks',
  titleKey: 'canvas:actions.focusLinksHint',
  pressed: (editor) => editor.focusLinks.get(),
  enabled: () => true,
  visible: () => true,
  perform: (editor) => editor.focusLinks.set(!editor.focusLinks.get()),
};
