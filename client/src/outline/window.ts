/**
 * Windowing of the outline's lists on a big board: only the rows near the scrolled view are
 * real DOM, the rest is kept as padding of the list's height, so thousands of cards cost a few
 * dozen rows to render. Boards up to WINDOW_MIN_CARDS cards list every card as before.
 */
export const WINDOW_MIN_CARDS = 300;
/** Rows rendered above and below the visible ones (keyboard moves and quick scrolls land on real rows). */
export const OVERSCAN = 8;
/** A row's height before one has been measured (px). */
export const DEFAULT_ROW_HEIGHT = 64;

export interface WindowInput {
  /** Rows in the list. */
  count: number;
  /** Estimated height of one row (px). */
  rowHeight: number;
  /** Where the list's first row starts, from the top of the scrolled content (px). */
  listTop: number;
  /** The scrolled content's scrollTop and visible height (px). */
  scrollTop: number;
  viewportHeight: number;
  overscan?: number;
}

/** The rows [start, end) to render: those meeting the visible part, plus the overscan. */
export function windowRange({ count, rowHeight, listTop, scrollTop, viewportHeight, overscan = OVERSCAN }: WindowInput): { start: number; end: number } {
  const h = Math.max(1, rowHeight);
  const first = Math.floor((scrollTop - listTop) / h) - overscan;
  const last = Math.ceil((scrollTop + viewportHeight - listTop) / h) + overscan;
  const start = Math.min(count, Math.max(0, first));
  const end = Math.max(start, Math.min(count, last));
  return { start, end };
}

/** The scrollTop that puts row `index` of a list at `listTop` in the middle of the view. */
export function scrollTopFor(index: number, rowHeight: number, listTop: number, viewportHeight: number): number {
  return Math.max(0, listTop + index * rowHeight - viewportHeight / 2 + rowHeight / 2);
}
