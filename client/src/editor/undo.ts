import * as Y from 'yjs';
import { boardMaps, transactBoard, type BoardDocs, type BoardDocument } from '@benchlearn/shared';
import { LOCAL_ORIGIN } from '../sync/origin';

export { LOCAL_ORIGIN };

/**
 * Runs shared/ board writes as one local transaction on each of the board's documents.
 * shared/ functions open their own transactions; nested in these they inherit the origin, and
 * a write that touches both documents (a frame moved with its cards) is one undo step.
 */
export function localWrite<T>(board: BoardDocs, fn: () => T): T {
  return transactBoard(board, fn, LOCAL_ORIGIN);
}

/** Typing bursts and a drag with its bring-to-front merge into one step within this window. */
export const UNDO_CAPTURE_MS = 600;

interface Entry {
  doc: BoardDocument;
  item: unknown;
}

/** One step of this person's history: the stack items it left in each document's manager. */
type Step = Entry[];

/**
 * Per-user undo over a board's two documents. Y.UndoManager works on one document, so each
 * has its own (cards and links in the content, frames in the control document) and this keeps
 * the order of the steps across both: undo takes back the latest step whichever document it
 * touched, and a write that touched both (a frame moved with its cards) is one step.
 */
export class BoardUndo {
  readonly managers: Readonly<Record<BoardDocument, Y.UndoManager>>;
  private undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  /** While undoing or redoing: the stack items the managers add for the way back. */
  private replay: Step | null = null;
  /** The step the current local transaction on the content document has started. */
  private openStep: Step | null = null;
  private inContentTransaction = false;
  private readonly listeners = new Set<() => void>();
  private readonly disposers: Array<() => void> = [];

  constructor(
    readonly board: BoardDocs,
    captureTimeout = UNDO_CAPTURE_MS,
  ) {
    const { cards, links, frames } = boardMaps(board);
    const options = { trackedOrigins: new Set<unknown>([LOCAL_ORIGIN]), captureTimeout };
    this.managers = {
      content: new Y.UndoManager([cards, links], options),
      control: new Y.UndoManager([frames], options),
    };
    // localWrite opens the content document's transaction first and closes it last, so the
    // control document's step of the same write arrives while it is open.
    const onBefore = () => {
      this.inContentTransaction = true;
      this.openStep = null;
    };
    const onCleanup = () => {
      this.inContentTransaction = false;
      this.openStep = null;
    };
    board.content.on('beforeTransaction', onBefore);
    board.content.on('afterTransactionCleanup', onCleanup);
    this.disposers.push(() => {
      board.content.off('beforeTransaction', onBefore);
      board.content.off('afterTransactionCleanup', onCleanup);
    });
    for (const doc of ['content', 'control'] as const) {
      const manager = this.managers[doc];
      const onAdded = ({ stackItem }: { stackItem: unknown }) => this.added(doc, stackItem);
      manager.on('stack-item-added', onAdded);
      this.disposers.push(
        () => manager.off('stack-item-added', onAdded),
        () => manager.destroy(),
      );
    }
  }

  private added(doc: BoardDocument, item: unknown): void {
    if (this.replay) {
      this.replay.push({ doc, item });
      return;
    }
    if (this.inContentTransaction && this.openStep) {
      this.openStep.push({ doc, item });
    } else {
      const step: Step = [{ doc, item }];
      this.undoSteps.push(step);
      if (this.inContentTransaction) this.openStep = step;
      // The other document's next write is a step of its own: merging it into an older one
      // would undo it out of order.
      for (const other of ['content', 'control'] as const) {
        if (other === doc) continue;
        this.managers[other].stopCapturing();
        // Its redo steps went with this step's new history (the manager itself clears only its own document's).
        this.managers[other].clear(false, true);
      }
    }
    this.redoSteps = [];
    this.emit();
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  /** The next write starts a step of its own (writes within the capture window merge). */
  stopCapturing(): void {
    this.managers.content.stopCapturing();
    this.managers.control.stopCapturing();
  }

  undo(): boolean {
    return this.replayStep(this.undoSteps, this.redoSteps, 'undo');
  }

  redo(): boolean {
    return this.replayStep(this.redoSteps, this.undoSteps, 'redo');
  }

  /**
   * Takes the latest step of `from` back and puts the way back on `to`. A step whose items are
   * gone (a manager skips an item that changes nothing, e.g. a move of a card someone deleted,
   * and takes the next one with it) is passed over, as one manager would.
   */
  private replayStep(from: Step[], to: Step[], direction: 'undo' | 'redo'): boolean {
    this.stopCapturing();
    let done = false;
    while (!done && from.length > 0) {
      const step = from.pop()!;
      const back: Step = [];
      this.replay = back;
      try {
        for (const { doc, item } of [...step].reverse()) {
          const manager = this.managers[doc];
          const stack = direction === 'undo' ? manager.undoStack : manager.redoStack;
          if (stack[stack.length - 1] !== item) continue;
          if (direction === 'undo') manager.undo();
          else manager.redo();
        }
      } finally {
        this.replay = null;
      }
      if (back.length > 0) {
        to.push(back);
        done = true;
      }
    }
    this.stopCapturing();
    this.emit();
    return done;
  }

  /** Listens to changes of canUndo and canRedo. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }

  destroy(): void {
    for (const dispose of this.disposers) dispose();
    this.disposers.length = 0;
    this.listeners.clear();
    this.undoSteps = [];
    this.redoSteps = [];
  }
}

/** Per-user undo over the cards, links and frames of a board. */
export function createUndoManager(board: BoardDocs, captureTimeout = UNDO_CAPTURE_MS): BoardUndo {
  return new BoardUndo(board, captureTimeout);
}
