import type Konva from 'konva';
import type { Awareness } from 'y-protocols/awareness';
import type { BoardDocs } from '@benchlearn/shared';

declare global {
  interface Window {
    /**
     * The open board, for end-to-end tests (docs/testing-hooks.md). The board page sets `board`
     * (its content and control documents) and `awareness` before the canvas mounts; the canvas
     * sets `stage`.
     */
    __benchlearn?: {
      stage: Konva.Stage | null;
      board: BoardDocs;
      awareness: Awareness;
      /** Set by the canvas: ids of the cards painted in the view now, by full nodes or the low-detail shape. */
      drawnCards?: () => string[];
    };
  }
}

export {};
