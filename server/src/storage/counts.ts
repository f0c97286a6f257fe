import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { SnapshotCounts } from './types';

const Counts = Type.Object({
  success: Type.Integer({ minimum: 0 }),
  problem: Type.Integer({ minimum: 0 }),
  lesson: Type.Integer({ minimum: 0 }),
  note: Type.Integer({ minimum: 0 }),
  links: Type.Integer({ minimum: 0 }),
});

const ZERO: SnapshotCounts = { success: 0, problem: 0, lesson: 0, note: 0, links: 0 };

/** Counts as stored (JSON text); a row that does not read as counts lists as zeros, not as an error. */
export function parseCounts(text: string): SnapshotCounts {
  try {
    const value: unknown = JSON.parse(text);
    if (!Value.Check(Counts, value)) return { ...ZERO };
    return { success: value.success, problem: value.problem, lesson: value.lesson, note: value.note, links: value.links };
  } catch {
    return { ...ZERO };
  }
}
