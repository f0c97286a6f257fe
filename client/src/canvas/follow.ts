/**
 * Following someone's view (contract §2 `viewport`, docs/protocol.md): pure math and choices,
 * so the canvas controller only applies what these return.
 */
import { MAX_SCALE, type Rect, type Size, type View } from '../editor/viewport';

/** The board region someone sees, from their presence `viewport` (board units). */
export interface Region extends Rect {
  scale: number;
}

/**
 * The view that shows all of `region` on a screen of `size`, centred: the smaller of the two
 * ratios, so a 16:9 projector following a 4:3 laptop shows everything the laptop shows, with
 * bands at the sides, never a crop. Only the upper zoom limit applies (it can only show more);
 * a lower limit would cut off part of a region that is very large.
 */
export function fitRegion(region: Rect, size: Size): View {
  const w = Math.max(1e-6, region.w);
  const h = Math.max(1e-6, region.h);
  const fit = Math.min(size.width / w, size.height / h);
  const scale = Math.min(MAX_SCALE, Number.isFinite(fit) && fit > 0 ? fit : 1);
  return {
    scale,
    x: size.width / 2 - (region.x + w / 2) * scale,
    y: size.height / 2 - (region.y + h / 2) * scale,
  };
}

/** Card body text on the projector, in screen pixels, at least: readable from the back of the room. */
export const PROJECTOR_BODY_PX = 24;

/**
 * The projector's view of `region` (the presenter's view, or the board): as fitRegion, but
 * never zoomed out so far that card body text (`bodySize` board units) is under
 * PROJECTOR_BODY_PX. A region too big for that is shown in part, fewer cards at a time:
 * centred on it (`centre`, a presenter's view) or from its top-left corner (`start`, the board
 * with nobody presenting: where reading starts), with `margin` pixels around.
 */
export function presentationView(region: Rect, size: Size, bodySize: number, anchor: 'centre' | 'start', margin = 24): View {
  const fitted = fitRegion(region, size);
  const least = PROJECTOR_BODY_PX / bodySize;
  if (fitted.scale >= least) return fitted;
  const scale = least;
  const centred = (screen: number, start: number, length: number) => screen / 2 - (start + length / 2) * scale;
  // From the start, unless the region is smaller than the screen along that side (then centred).
  const along = (screen: number, start: number, length: number) =>
    length * scale + 2 * margin > screen ? margin - start * scale : centred(screen, start, length);
  if (anchor === 'centre') return { scale, x: centred(size.width, region.x, region.w), y: centred(size.height, region.y, region.h) };
  return { scale, x: along(size.width, region.x, region.w), y: along(size.height, region.y, region.h) };
}

/** Someone on the board as following needs them. */
export interface Followable {
  clientId: number;
  userId: string;
  viewport: Rect | null;
  presenting: boolean;
  summon: number | null;
}

/**
 * The client to follow for a person: one person may have several tabs; the one presenting
 * wins, then the one with a real viewport, then the lowest client id (stable).
 */
export function clientOf(peers: readonly Followable[], userId: string): Followable | null {
  let best: Followable | null = null;
  const rank = (p: Followable) => (p.presenting ? 2 : 0) + (p.viewport ? 1 : 0);
  for (const peer of peers) {
    if (peer.userId !== userId) continue;
    if (!best || rank(peer) > rank(best) || (rank(peer) === rank(best) && peer.clientId < best.clientId)) best = peer;
  }
  return best;
}

/** The presenter the projector follows: the first (lowest client id) presenting with a viewport. */
export function presenterOf(peers: readonly Followable[]): Followable | null {
  let best: Followable | null = null;
  for (const peer of peers) {
    if (!peer.presenting || !peer.viewport) continue;
    if (!best || peer.clientId < best.clientId) best = peer;
  }
  return best;
}

/**
 * Watches facilitators' `summon` counters. The first sight of a client only records its
 * counter (joining after a summon does not jump); a counter that grows afterwards is a
 * summon: the user id to follow is returned.
 */
export class SummonWatcher {
  private readonly seen = new Map<number, number>();

  update(peers: readonly Followable[]): string | null {
    let summoner: string | null = null;
    const present = new Set<number>();
    for (const peer of peers) {
      present.add(peer.clientId);
      const count = peer.summon ?? 0;
      const before = this.seen.get(peer.clientId);
      if (before !== undefined && count > before) summoner = peer.userId;
      this.seen.set(peer.clientId, count);
    }
    for (const clientId of [...this.seen.keys()]) if (!present.has(clientId)) this.seen.delete(clientId);
    return summoner;
  }
}
