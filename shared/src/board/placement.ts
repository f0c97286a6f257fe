import type { CardKind } from '../model/schemas';
import { KIND_COLORS } from './templates';

/** A rectangle in board units. */
export interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A frame as placement reads it: its bounds, title and colour (templates colour a frame by its kind). */
export interface PlacementFrame extends Area {
  title: string;
  color?: string;
}

/** Room left inside a frame: its title strip at the top, a margin on the other sides. */
export const SLOT_INSET = { top: 72, side: 24, bottom: 24 } as const;
/** Space between two cards placed side by side. */
export const SLOT_GAP = 16;
/** How many rows below a full area the search goes on (then it gives up: null). */
const OVERFLOW_ROWS = 40;

/**
 * The frame meant for cards of `kind`: a frame in the kind's colour (what the templates make),
 * preferring one whose title names `org` (the by-organisation template), then the top-left one.
 * Null when no frame is meant for the kind (a blank board, a kind without its column).
 */
export function kindFrame<F extends PlacementFrame>(frames: readonly F[], kind: CardKind, org?: string): F | null {
  const color = KIND_COLORS[kind].toLowerCase();
  const ofKind = frames.filter((frame) => frame.color?.toLowerCase() === color);
  if (ofKind.length === 0) return null;
  const byPosition = [...ofKind].sort((a, b) => a.y - b.y || a.x - b.x);
  const wanted = org?.trim().toLocaleLowerCase();
  if (wanted) {
    const named = byPosition.find((frame) => frame.title.toLocaleLowerCase().includes(wanted));
    if (named) return named;
  }
  return byPosition[0] ?? null;
}

/**
 * The area of an agenda phase: the frame of the first of the phase's kinds that has one (the
 * benchlearning agenda's "Collect problems" names problems and notes, so its area is the
 * Problems frame). New cards of a kind without a frame of its own (a note) go there during the
 * phase. Null outside a phase, or when no kind of the phase has a frame. Derived, not stored:
 * the agenda model stays as it is (docs/model.md, Agenda and phases).
 */
export function phaseFrame<F extends PlacementFrame>(frames: readonly F[], phaseKinds: readonly CardKind[] | null | undefined, org?: string): F | null {
  for (const kind of phaseKinds ?? []) {
    const frame = kindFrame(frames, kind, org);
    if (frame) return frame;
  }
  return null;
}

function overlaps(a: Area, b: Area, margin: number): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
}

/**
 * The next free slot for a card of `size` in `area`, in reading order: slots on a grid of the
 * card's size plus SLOT_GAP, from the top-left corner inside the area's insets, row by row. A
 * slot is free when no rect of `taken` comes within half a gap of it. When the area is full the
 * rows go on below it (the card still lines up with its column); null after OVERFLOW_ROWS more.
 */
export function nextFreeSlot(
  area: Area,
  size: { w: number; h: number },
  taken: readonly Area[],
  inset: { top: number; side: number; bottom: number } = SLOT_INSET,
  gap = SLOT_GAP,
): { x: number; y: number } | null {
  const left = area.x + inset.side;
  const top = area.y + inset.top;
  const innerW = Math.max(size.w, area.w - 2 * inset.side);
  const innerH = Math.max(size.h, area.h - inset.top - inset.bottom);
  const columns = Math.max(1, Math.floor((innerW + gap) / (size.w + gap)));
  const rows = Math.max(1, Math.floor((innerH + gap) / (size.h + gap)));
  const near = taken.filter((r) => overlaps(r, { x: left, y: top, w: innerW, h: (rows + OVERFLOW_ROWS) * (size.h + gap) }, gap));
  for (let row = 0; row < rows + OVERFLOW_ROWS; row++) {
    for (let column = 0; column < columns; column++) {
      const slot = { x: left + column * (size.w + gap), y: top + row * (size.h + gap) };
      if (!near.some((r) => overlaps(r, { ...slot, ...size }, gap / 2))) return slot;
    }
  }
  return null;
}

/** Room kept between a new frame and what is already on the board (board units). */
export const AREA_GAP = 60;

/**
 * Where a new area (a frame) of `size` goes when it is added while `view` is on screen: the
 * middle of the view when nothing of `taken` (frames and cards) is there; else the next free
 * slot on a grid from the view's top-left (nextFreeSlot, rows going on below the view), so it
 * lands beside or below what is there and never on top of cards, which a frame would then carry
 * along when moved; past that, below everything.
 */
export function freeAreaSpot(view: Area, size: { w: number; h: number }, taken: readonly Area[], gap = AREA_GAP): { x: number; y: number } {
  const centred = { x: Math.round(view.x + (view.w - size.w) / 2), y: Math.round(view.y + (view.h - size.h) / 2), ...size };
  if (!taken.some((r) => overlaps(r, centred, gap / 2))) return { x: centred.x, y: centred.y };
  const origin = { x: Math.round(view.x), y: Math.round(view.y), w: view.w, h: view.h };
  const slot = nextFreeSlot(origin, size, taken, { top: gap / 2, side: gap / 2, bottom: gap / 2 }, gap);
  if (slot) return slot;
  const bottom = Math.max(...taken.map((r) => r.y + r.h));
  return { x: origin.x + gap / 2, y: Math.round(bottom + gap) };
}
