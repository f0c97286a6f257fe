/** One op of a Y.Text delta (Y.YTextEvent.delta). */
export interface TextDeltaOp {
  insert?: unknown;
  delete?: number;
  retain?: number;
}

function insertLength(insert: unknown): number {
  return typeof insert === 'string' ? insert.length : insert === undefined ? 0 : 1;
}

/**
 * Where a caret at `pos` belongs after someone else's change `delta`: text inserted before it
 * pushes it right, text deleted before it pulls it left (never past the deletion's start).
 * An insert exactly at the caret stays after the caret, so the local typist keeps typing
 * where they were.
 */
export function adjustCaret(pos: number, delta: readonly TextDeltaOp[]): number {
  // `index` walks the old text; only changes strictly before the caret move it.
  let index = 0;
  let shift = 0;
  for (const op of delta) {
    if (index >= pos) break;
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      shift += insertLength(op.insert);
    } else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, pos - index);
      index += op.delete;
    }
  }
  return Math.max(0, pos + shift);
}
