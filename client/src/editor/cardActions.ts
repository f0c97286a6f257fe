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
