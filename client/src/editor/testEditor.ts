import { Awareness } from 'y-protocols/awareness';
import { addCard, newBoardDocs, type CardKind } from '@benchlearn/shared';
import { Editor, type CanvasPort } from './Editor';

export const ANN = { id: 'u1', name: 'Ann', color: '#123456' };

/** An editor over a fresh board with real Yjs documents and awareness, started; no canvas. */
export function testEditor(options: { presentation?: boolean } = {}) {
  const board = newBoardDocs();
  const awareness = new Awareness(board.content);
  awareness.setLocalState({ user: { id: ANN.id, name: ANN.name, color: ANN.color } });
  const editor = new Editor({ board, awareness, identity: ANN, ...options });
  editor.start();
  const add = (kind: CardKind = 'success', x = 0, y = 0) => addCard(board, { kind, x, y, authorId: 'u9', authorName: 'Zoe' });
  return { board, awareness, editor, add };
}

/** A canvas port that records what the actions asked of it. */
export function fakeCanvas(center: { x: number; y: number } | null = { x: 500, y: 400 }) {
  const calls: string[] = [];
  let frame: string | null = null;
  const port: CanvasPort = {
    viewCenter: () => center,
    zoomStep: (factor) => void calls.push(`zoom ${factor}`),
    fit: (byUser) => void calls.push(`fit ${byUser}`),
    focusCard: (id) => void calls.push(`focus ${id}`),
    follow: (userId) => void calls.push(`follow ${userId}`),
    openEditor: (id) => void calls.push(`edit ${id}`),
    focus: () => void calls.push('focus canvas'),
    toggleLinkTool: () => void calls.push('link tool'),
    addFrame: (title) => (calls.push(`frame ${title}`), 'f1'),
    selectedFrame: () => frame,
    deleteSelectedFrame: () => {
      calls.push(`delete frame ${frame}`);
      frame = null;
    },
    cancel: (deselect) => void calls.push(`cancel ${deselect}`),
  };
  return { port, calls, selectFrame: (id: string | null) => (frame = id) };
}
