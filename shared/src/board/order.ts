import { generateKeyBetween } from 'fractional-indexing';

export interface Stacked {
  id: string;
  z: string;
}

/** Stacking order: z as a string, ties (two people adding at once) broken by id. */
export function compareStacking(a: Stacked, b: Stacked): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A key above `top`. A key written by an older or foreign client may not be a valid
 * fractional index; then we start above it lexically instead of failing the write.
 */
export function keyAbove(top: string | null): string {
  try {
    return generateKeyBetween(top, null);
  } catch {
    return `${top ?? ''}~${generateKeyBetween(null, null)}`;
  }
}

/** `count` increasing keys above `top`, for bringing several items to the front in order. */
export function keysAbove(top: string | null, count: number): string[] {
  const keys: string[] = [];
  let last = top;
  for (let i = 0; i < count; i++) {
    last = keyAbove(last);
    keys.push(last);
  }
  return keys;
}
