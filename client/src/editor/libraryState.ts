import type { Action } from './actions';
import type { Editor } from './Editor';
import { Signal } from './stores';

/** The network a board belongs to (GET /api/boards/:id, docs/api.md). */
export interface BoardNetworkRef {
  id: string;
  name: string;
}

/**
 * A board's part in its network, per editor: which network (null: none, so no Library), and
 * whether the Library panel and the "Publish to the network" dialog are open. The page sets
 * the network; the actions below open the two; library/ shows them.
 */
export interface LibraryState {
  network: Signal<BoardNetworkRef | null>;
  panelOpen: Signal<boolean>;
  publishOpen: Signal<boolean>;
}

const states = new WeakMap<Editor, LibraryState>();

export function libraryState(editor: Editor): LibraryState {
  let state = states.get(editor);
  if (!state) {
    state = { network: new Signal<BoardNetworkRef | null>(null), panelOpen: new Signal(false), publishOpen: new Signal(false) };
    states.set(editor, state);
  }
  return state;
}

/** What the library actions' state reads (subscribeActionState listens to it). */
export function librarySignals(editor: Editor): Signal<unknown>[] {
  const { network, panelOpen, publishOpen } = libraryState(editor);
  return [network, panelOpen, publishOpen] as Signal<unknown>[];
}

const inNetwork = (editor: Editor) => libraryState(editor).network.get() !== null && !editor.presentation;

/** "Library": the panel that searches the network's library and places an entry (a toggle). */
export const libraryAction: Action<'library'> = {
  id: 'library',
  labelKey: 'library:panel.open',
  titleKey: 'library:panel.openHint',
  pressed: (editor) => libraryState(editor).panelOpen.get(),
  enabled: () => true,
  visible: inNetwork,
  perform: (editor) => {
    const { panelOpen } = libraryState(editor);
    panelOpen.set(!panelOpen.get());
  },
};

/** "Publish to the network": the facilitator's preview and publish dialog. */
export const publishAction: Action<'publish-to-network'> = {
  id: 'publish-to-network',
  labelKey: 'library:publish.open',
  titleKey: 'library:publish.openHint',
  enabled: (editor) => editor.editable,
  visible: (editor) => inNetwork(editor) && editor.facilitator.get(),
  perform: (editor) => libraryState(editor).publishOpen.set(true),
};
