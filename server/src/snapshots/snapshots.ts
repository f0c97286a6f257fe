import * as Y from 'yjs';
import { boardCounts, migrateBoard, newBoardDocs, newId, readMeta, REPORT_STRINGS, type BoardDocs } from '@benchlearn/shared';
import type { Log } from '../logging';
import type { Metrics } from '../metrics';
import type { SnapshotInfo, Storage, StoredSnapshot } from '../storage/types';

export interface SnapshotSettings {
  /** At most one automatic snapshot per this many ms of editing; 0 turns them off. */
  intervalMs: number;
  /** Automatic snapshots kept per board (the newest); named ones are kept until the board is deleted. */
  keepAuto: number;
}

/** The board as it is now (one Yjs update per document) with its counts. */
function captureSnapshot(board: BoardDocs, options: { name: string; auto: boolean; now?: number }): StoredSnapshot {
  return {
    id: newId(),
    name: options.name,
    createdAt: options.now ?? Date.now(),
    auto: options.auto,
    counts: boardCounts(board),
    data: Y.encodeStateAsUpdate(board.content),
    control: Y.encodeStateAsUpdate(board.control),
  };
}

/**
 * The board a snapshot holds, as two documents (the caller destroys them). A snapshot stored
 * before the board became two documents (`control: null`) holds the whole v1 board in `data`:
 * it is split as a v1 board is on load (shared's migrateBoard), in memory.
 */
export function snapshotBoard(snapshot: Pick<StoredSnapshot, 'data' | 'control'>): BoardDocs {
  const board = newBoardDocs();
  Y.applyUpdate(board.content, snapshot.data);
  if (snapshot.control) Y.applyUpdate(board.control, snapshot.control);
  migrateBoard(board);
  return board;
}

/**
 * Stores the document as it is now with its counts. Synchronous up to the storage call: the
 * state is the one at the moment of the call.
 */
export function takeSnapshot(
  storage: Storage,
  boardId: string,
  board: BoardDocs,
  options: { name: string; auto: boolean; keepAuto: number; now?: number },
): Promise<SnapshotInfo> {
  const { data, control, ...info } = captureSnapshot(board, options);
  return storage.createSnapshot(boardId, { ...info, data, control }, options.keepAuto).then(() => info);
}

/** The name of a snapshot the server takes, in the board's language (it is board content). */
export function autoSnapshotName(board: BoardDocs, reason: { beforeRestoring: string } | null = null): string {
  const strings = REPORT_STRINGS[readMeta(board).locale];
  return reason ? strings.beforeRestore(reason.beforeRestoring).slice(0, 200) : strings.autoSnapshot;
}

export interface AutoSnapshotDeps {
  storage: Storage;
  log: Log;
  metrics: Metrics;
  settings: SnapshotSettings;
}

/**
 * Automatic snapshots of one loaded board. When a change arrives and the last automatic
 * snapshot is at least `intervalMs` old, the board is stored as it was just before that change:
 * the state at the start of each stretch of editing, then at most one per interval while the
 * editing goes on. A board nobody edits gets none. Writes run off the relay path; a failed
 * one is logged and the next change tries again.
 */
export class AutoSnapshots {
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly boardId: string,
    private readonly deps: AutoSnapshotDeps,
    /** When the newest automatic snapshot of the board was taken (0: never). */
    private lastAt: number,
  ) {}

  /** Called with the board as it is before a change is applied to either of its documents. */
  beforeChange(board: BoardDocs, now: number = Date.now()): void {
    const { intervalMs, keepAuto } = this.deps.settings;
    if (intervalMs <= 0 || now - this.lastAt < intervalMs) return;
    this.lastAt = now;
    // Captured now (the state before the change), written after the current relay: with SQLite
    // the write is synchronous and would otherwise hold up the batch this change arrived in.
    const snapshot = captureSnapshot(board, { name: autoSnapshotName(board), auto: true, now });
    const write = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.deps.storage.createSnapshot(this.boardId, snapshot, keepAuto))
      .then(
        () => undefined,
        (error: unknown) => {
          this.lastAt = 0;
          this.deps.metrics.errors.inc({ kind: 'storage' });
          this.deps.log.error({ err: error, boardId: this.boardId }, 'an automatic snapshot failed');
        },
      );
    this.pending = Promise.all([this.pending, write]).then(() => undefined);
  }

  /** A snapshot of the current state was just taken some other way (before a restore). */
  taken(now: number = Date.now()): void {
    this.lastAt = now;
  }

  /** Resolves once every snapshot started so far is stored (or has failed). */
  settled(): Promise<void> {
    return this.pending;
  }
}
