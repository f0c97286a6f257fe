import * as Y from 'yjs';
import { SyncType, syncMessage } from './messages';
import { encodeWithoutPending } from './pending';

/**
 * How long cached answers are kept after they were last sent: about as long as a room stays
 * loaded without anyone (ROOM_IDLE_MS). Encoding a 20,000-card board holds the event loop some
 * 300 ms, so it is done once per busy period, not again for each joiner (or asker) 2 s apart;
 * the copy (about 4% of the document's heap) goes with the room.
 */
const KEEP_ANSWERS_MS = 30_000;
/**
 * A cached answer is followed by the updates applied since it was encoded (the tail), so a
 * change does not force a new encode. Past this many messages, or past a quarter of the whole
 * board's bytes (at least MIN_TAIL_BYTES), the next request encodes again.
 */
const MAX_TAIL_MESSAGES = 256;
const MIN_TAIL_BYTES = 64 * 1024;
/**
 * Answers for a client that lacks only part of the board are encoded per request (a
 * reconnecting client's). Each walks the whole document, so a room spends at most this many
 * milliseconds a second on them (and as a burst); past it, or when the client lacks more than
 * a quarter of the board, it is sent the whole board instead, which is cached and as correct
 * (Yjs skips what it already has).
 */
export const PARTIAL_ANSWER_MS_PER_SECOND = 50;
/** A client lacking more than this share of the board's structs is sent the whole board. */
const PARTIAL_MAX_SHARE = 0.25;

interface Cached {
  message: Uint8Array;
  /** Where the tail stood when it was encoded (an absolute index: see tailStart). */
  at: number;
}

/**
 * The room's answers to sync step 1. A fresh client asks for the whole board: when many join
 * at once (a workshop starting), one encode serves them all. A client that already has every
 * struct needs only the delete set; that answer is cached too, since building a delete set
 * walks the whole document. Both stay valid when the board changes: the updates applied since
 * are sent after them (the tail), so a busy board is not encoded again for every joiner, and
 * someone asking again and again (issue 12) costs a send, not an encode. The answers are
 * dropped KEEP_ANSWERS_MS after they were last sent, so that a quiet loaded board does not hold
 * a second copy of itself, nor pay for encoding every change into a tail nobody reads.
 * Pending content is never sent: a client gets it, as an update, once the room places it.
 */
export class SyncAnswers {
  private step1: Uint8Array | null = null;
  private vector: Map<number, number> | null = null;
  private full: Cached | null = null;
  private upToDate: Cached | null = null;
  private tail: Uint8Array[] = [];
  /** The absolute index of tail[0]: indexes stay valid when the front of the tail is dropped. */
  private tailStart = 0;
  private tailBytes = 0;
  private dropTimer: NodeJS.Timeout | null = null;
  /** Milliseconds of partial encoding the room may still spend (refilled continuously; may go below 0). */
  private partialBudget = PARTIAL_ANSWER_MS_PER_SECOND;
  private partialCheckedAt = performance.now();

  /** Whether the tail is being recorded (Yjs encodes every change once anyone listens for updates). */
  private recording = false;

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onTransaction);
  }

  private readonly onTransaction = (): void => {
    this.step1 = null;
    this.vector = null;
  };

  private readonly onUpdate = (update: Uint8Array): void => {
    const message = syncMessage(SyncType.Update, update);
    this.tail.push(message);
    this.tailBytes += message.length;
    const maxBytes = Math.max(MIN_TAIL_BYTES, (this.full?.message.length ?? 0) / 4);
    if (this.tail.length > MAX_TAIL_MESSAGES || this.tailBytes > maxBytes) this.invalidate();
  };

  /** Forgets every cached answer: for a change that is no update (pending content dropped). */
  invalidate(): void {
    this.step1 = null;
    this.vector = null;
    this.full = null;
    this.upToDate = null;
    this.trimTail();
  }

  /** Starts or stops recording the tail: only while a cached answer needs it. */
  private record(): void {
    const needed = this.full !== null || this.upToDate !== null;
    if (needed === this.recording) return;
    this.recording = needed;
    if (needed) this.doc.on('update', this.onUpdate);
    else this.doc.off('update', this.onUpdate);
  }

  /** Sync step 1: the room's state vector. */
  step1Message(): Uint8Array {
    return (this.step1 ??= syncMessage(SyncType.Step1, Y.encodeStateVector(this.doc)));
  }

  /**
   * The answer to a client's sync step 1: a step 2, and the updates applied since it was
   * encoded when it came from the cache. Throws on a malformed state vector.
   */
  step2Messages(encodedVector: Uint8Array): readonly Uint8Array[] {
    const theirs = Y.decodeStateVector(encodedVector);
    const ours = (this.vector ??= Y.decodeStateVector(Y.encodeStateVector(this.doc)));
    let hasAll = true;
    let total = 0;
    let missing = 0;
    for (const [client, clock] of ours) {
      const known = Math.min(theirs.get(client) ?? 0, clock);
      if (known < clock) hasAll = false;
      total += clock;
      missing += clock - known;
    }
    if (hasAll) {
      this.upToDate ??= this.encoded(encodeWithoutPending(this.doc, Y.encodeStateVector(ours)));
      return this.withTail(this.upToDate);
    }
    // Entries for clients the board does not have change nothing: such a vector asks for everything.
    if (missing <= total * PARTIAL_MAX_SHARE && this.mayEncodePartial()) {
      const started = performance.now();
      const answer = syncMessage(SyncType.Step2, encodeWithoutPending(this.doc, encodedVector));
      this.partialBudget -= performance.now() - started;
      return [answer];
    }
    this.full ??= this.encoded(encodeWithoutPending(this.doc));
    return this.withTail(this.full);
  }

  private encoded(update: Uint8Array): Cached {
    return { message: syncMessage(SyncType.Step2, update), at: this.tailStart + this.tail.length };
  }

  private withTail(cached: Cached): readonly Uint8Array[] {
    this.record();
    this.scheduleDrop();
    const from = cached.at - this.tailStart;
    return from >= this.tail.length ? [cached.message] : [cached.message, ...this.tail.slice(from)];
  }

  /** Drops the part of the tail no cached answer needs. */
  private trimTail(): void {
    this.record();
    const needed = Math.min(this.full?.at ?? Infinity, this.upToDate?.at ?? Infinity);
    const end = this.tailStart + this.tail.length;
    const from = Math.min(needed, end) - this.tailStart;
    if (from <= 0) return;
    for (const message of this.tail.slice(0, from)) this.tailBytes -= message.length;
    this.tail = this.tail.slice(from);
    this.tailStart += from;
  }

  /** Whether the room's budget for partial answers has time left (it is charged what each took). */
  private mayEncodePartial(): boolean {
    const now = performance.now();
    this.partialBudget = Math.min(PARTIAL_ANSWER_MS_PER_SECOND, this.partialBudget + ((now - this.partialCheckedAt) / 1000) * PARTIAL_ANSWER_MS_PER_SECOND);
    this.partialCheckedAt = now;
    return this.partialBudget > 0;
  }

  private scheduleDrop(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.dropTimer = setTimeout(() => {
      this.dropTimer = null;
      this.invalidate();
    }, KEEP_ANSWERS_MS);
    this.dropTimer.unref();
  }

  destroy(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.invalidate();
    this.doc.off('afterTransaction', this.onTransaction);
  }
}
