import type Konva from 'konva';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

declare global {
  interface Window {
    /**
     * The open board, for end-to-end tests (docs/testing-hooks.md). The board page sets `doc`
     * and `awareness` before the canvas mounts; the canvas sets `stage`.
     */
    __benchlearn?: {
      stage: Konva.Stage | null;
      doc: Y.Doc;
      awareness: Awareness;
      /** Set by the canvas: ids of the cards painted in the view now, by full nodes or the low-detail shape. */
      drawnCards?: () => string[];
    };
  }
}

export {};
