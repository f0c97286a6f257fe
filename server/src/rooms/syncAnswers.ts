import * as Y from 'yjs';
import { SyncType, syncMessage } from './messages';

/** How long an encoded whole board is kept after a join asked for it. */
const KEEP_FULL_MS = 2000;

/**
 * The room's answers to sync step 1, cached until the document changes. A fresh client asks
 * for the whole board: when many join at once (a workshop starting), one encode serves them
 * all. A client that already has every struct needs only the delete set; that answer is cached
 * too, since building a delete set walks the whole document. The whole board is dropped again
 * after KEEP_FULL_MS so that a quiet loaded board does not hold a second copy of itself.
 */
export class SyncAnswers {
  private step1: Uint8Array | null = null;
  private vector: Map<number, number> | null = null;
  private full: Uint8Array | null = null;
  private upToDate: Uint8Array | null = null;
  private dropTimer: NodeJS.Timeout | null = null;

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.invalidate);
  }

  private readonly invalidate = (): void => {
    this.step1 = null;
    this.vector = null;
    this.full = null;
    this.upToDate = null;
  };

  /** Sync step 1: the room's state vector. */
  step1Message(): Uint8Array {
    return (this.step1 ??= syncMessage(SyncType.Step1, Y.encodeStateVector(this.doc)));
  }

  /** Sync step 2 for a client's state vector; throws on a malformed vector. */
  step2Message(encodedVector: Uint8Array): Uint8Array {
    const theirs = Y.decodeStateVector(encodedVector);
    if (theirs.size === 0) {
      if (!this.full) {
        this.full = syncMessage(SyncType.Step2, Y.encodeStateAsUpdate(this.doc));
        this.scheduleDrop();
      }
      return this.full;
    }
    const ours = (this.vector ??= Y.decodeStateVector(Y.encodeStateVector(this.doc)));
    let hasAll = true;
    for (const [client, clock] of ours) {
      if ((theirs.get(client) ?? 0) < clock) {
        hasAll = false;
        break;
      }
    }
    if (hasAll) return (this.upToDate ??= syncMessage(SyncType.Step2, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(ours))));
    return syncMessage(SyncType.Step2, Y.encodeStateAsUpdate(this.doc, encodedVector));
  }

  private scheduleDrop(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.dropTimer = setTimeout(() => {
      this.dropTimer = null;
      this.full = null;
    }, KEEP_FULL_MS);
    this.dropTimer.unref();
  }

  destroy(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.doc.off('afterTransaction', this.invalidate);
    this.invalidate();
  }
}
