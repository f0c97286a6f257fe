import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card } from '@benchlearn/shared';
import { actions, subscribeActionState, type ActionArgs, type ActionId } from './actions';
import type { Editor } from './Editor';
import type { Signal } from './stores';

const EditorContext = createContext<Editor | null>(null);

/** Gives the components under it the open board's Editor. */
export function EditorProvider({ editor, children }: { editor: Editor; children: ReactNode }) {
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>;
}

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside an EditorProvider');
  return editor;
}

/** A signal's value, re-rendering when it changes. */
export function useValue<T>(signal: Signal<T>): T {
  return useSyncExternalStore(signal.subscribe, signal.get, signal.get);
}

/** The selected ids: the same set until the selection changes. */
export function useSelection(): ReadonlySet<string> {
  const { selection } = useEditor();
  return useSyncExternalStore(selection.subscribe, selection.get, selection.get);
}

/** Every card in stacking order, from the one read model (a new array after any card change). */
export function useCards(): readonly Card[] {
  const { store } = useEditor();
  return useSyncExternalStore(store.subscribeAnyCard, store.getCards, store.getCards);
}

export function useCard(id: string): Card | undefined {
  const { store } = useEditor();
  const get = () => store.getCard(id);
  return useSyncExternalStore((listener) => store.subscribeCard(id, listener), get, get);
}

/** The i18n keys of the registry are `namespace:key`; this looks them up untyped. */
export function useActionText(): (key: string) => string {
  const { t } = useTranslation();
  return (key) => (t as unknown as (key: string) => string)(key);
}

export interface ActionState {
  enabled: boolean;
  visible: boolean;
  pressed: boolean | undefined;
  label: string;
  title: string;
  ariaLabel: string;
  run(): void;
}

/** One action as a button shows it: its words, whether it applies now, and what a click does. */
export function useAction<K extends ActionId>(id: K, ...rest: ActionArgs[K] extends undefined ? [] : [ActionArgs[K]]): ActionState {
  const editor = useEditor();
  const text = useActionText();
  const action = actions[id];
  const args = rest[0] as ActionArgs[K];
  const state = () => {
    const enabled = action.enabled(editor, args) ? 1 : 0;
    const visible = action.visible(editor) ? 2 : 0;
    const pressed = action.pressed ? (action.pressed(editor) ? 4 : 0) : 8;
    return enabled | visible | pressed;
  };
  const bits = useSyncExternalStore((listener) => subscribeActionState(editor, listener), state, state);
  const pressed = bits & 8 ? undefined : Boolean(bits & 4);
  const labelKey = pressed && action.pressedLabelKey ? action.pressedLabelKey : action.labelKey;
  const titleKey = pressed && action.pressedTitleKey ? action.pressedTitleKey : (action.titleKey ?? labelKey);
  return {
    enabled: Boolean(bits & 1),
    visible: Boolean(bits & 2),
    pressed,
    label: text(labelKey),
    title: text(titleKey),
    ariaLabel: text(action.ariaKey ?? labelKey),
    run: () => {
      if (action.enabled(editor, args)) action.perform(editor, args);
    },
  };
}
