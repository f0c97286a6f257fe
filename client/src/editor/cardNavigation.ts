import { isCardInFrame, nextFreeSlot, type Card, type Frame } from '@benchlearn/shared';
import type { Action } from './actions';
import { announcerOf } from './announcements';
import { nudgeOffset } from './shortcuts';
import type { Editor } from './Editor';

/** Cards whose tops lie within this share of the row's first card's height read as one row. */
const ROW_OVERLAP = 0.5;

/** The cards as a reader goes through them: rows top to bottom, each row left to right. */
export function readingOrder(cards: readonly Card[]): Card[] {
  const byTop = [...cards].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Card[][] = [];
  for (const card of byTop) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    if (row && first && card.y < first.y + first.h * ROW_OVERLAP) row.push(card);
    else rows.push([card]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** The card `delta` steps from `current` in reading order (the first or last when none is current); stays at the ends. */
export function stepFrom(order: readonly Card[], current: string | null, delta: 1 | -1): Card | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.findIndex((card) => card.id === current);
  if (at < 0) return (delta > 0 ? order[0] : order[order.length - 1]) ?? null;
  return order[Math.min(order.length - 1, Math.max(0, at + delta))] ?? null;
}

/**
 * The keyboard's way through the canvas: selects the next (or previous) card in reading order,
 * brings it into view and says it in the live region ("Problem, 3 of 12: ...").
 */
export function stepCardFocus(editor: Editor, delta: 1 | -1): void {
  const selected = editor.selectedCardIds();
  const order = readingOrder(editor.store.getCards());
  const target = stepFrom(order, selected[selected.length - 1] ?? null, delta);
  if (!target) return;
  editor.reveal(target.id, false);
  announcerOf(editor).sayNow({ type: 'card-focused', kind: target.kind, text: target.text, index: order.indexOf(target) + 1, count: order.length });
}

/** Plain arrows on the canvas: the next card (right, down) or the previous one (left, up). */
export const cardStepAction: Action<'card-step'> = {
  id: 'card-step',
  labelKey: 'canvas:actions.cardStep',
  keys: [
    { key: 'ArrowRight', shift: false, labelKey: 'canvas:keys.arrows' },
    { key: 'ArrowDown', shift: false, labelKey: 'canvas:keys.arrows' },
    { key: 'ArrowLeft', shift: false, labelKey: 'canvas:keys.arrows' },
    { key: 'ArrowUp', shift: false, labelKey: 'canvas:keys.arrows' },
  ],
  keyScope: 'canvas',
  argsFromKey: (event) => ({ delta: event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 1 }),
  enabled: (editor) => editor.store.cardCount > 0,
  visible: () => true,
  perform: (editor, { delta }) => stepCardFocus(editor, delta),
};

/** Frames as a reader goes through them: top to bottom, left to right. */
export function framesInOrder(frames: readonly Frame[]): Frame[] {
  return [...frames].sort((a, b) => a.y - b.y || a.x - b.x);
}

/**
 * The keyboard's "move to frame": the selected cards go, as one group, to a free slot in the
 * next frame after the one the first of them is in (the first frame when it is in none), and
 * the live region says which. Pressed again, the next frame: the single-key alternative to
 * dragging a card into a frame.
 */
export function moveToNextFrame(editor: Editor): void {
  const ids = editor.selectedCardIds();
  const first = ids[0] ? editor.store.getCard(ids[0]) : undefined;
  const frames = framesInOrder(editor.store.getFrames());
  if (!first || frames.length === 0) return;
  const at = frames.findIndex((frame) => isCardInFrame(first, frame));
  moveSelectionToFrame(editor, frames[(at + 1) % frames.length]!);
}

/**
 * The selected cards, as one group, to the next free slot of `target` (shared's placement, as
 * new cards find theirs), said in the live region. Whether they moved (a full frame: no).
 */
export function moveSelectionToFrame(editor: Editor, target: Frame): boolean {
  const ids = editor.selectedCardIds();
  const first = ids[0] ? editor.store.getCard(ids[0]) : undefined;
  if (!first) return false;
  const moving = new Set(ids);
  const others = editor.store.getCards().filter((card) => !moving.has(card.id));
  const slot = nextFreeSlot(target, { w: first.w, h: first.h }, others);
  if (!slot) return false;
  editor.moveCards(ids, slot.x - first.x, slot.y - first.y);
  announcerOf(editor).sayNow({ type: 'moved-to-frame', title: target.title });
  return true;
}

/** Whether the selected cards can go into a frame now (M, and Shift+M's list). */
export function canMoveToFrame(editor: Editor): boolean {
  return editor.editable && editor.selectedCardIds().length > 0 && editor.store.getFrames().length > 0;
}

/** M on the canvas: the selected cards to the next frame. */
export const moveToFrameAction: Action<'move-to-frame'> = {
  id: 'move-to-frame',
  labelKey: 'canvas:actions.moveToFrame',
  keys: [{ key: 'm', mod: false, shift: false }],
  keyScope: 'canvas',
  enabled: canMoveToFrame,
  visible: (editor) => editor.editable,
  perform: (editor) => moveToNextFrame(editor),
};

/** Shift+arrows move the selected cards a small step (plain arrows go from card to card). */
export const nudgeAction: Action<'nudge'> = {
  id: 'nudge',
  labelKey: 'canvas:actions.nudge',
  keys: [
    { key: 'ArrowLeft', shift: true, labelKey: 'canvas:keys.arrows' },
    { key: 'ArrowRight', shift: true, labelKey: 'canvas:keys.arrows' },
    { key: 'ArrowUp', shift: true, labelKey: 'canvas:keys.arrows' },
    { key: 'ArrowDown', shift: true, labelKey: 'canvas:keys.arrows' },
  ],
  keyScope: 'canvas',
  argsFromKey: (event) => nudgeOffset(event.key, false) ?? { dx: 0, dy: 0 },
  enabled: (editor) => editor.editable && editor.selectedCardIds().length > 0,
  visible: (editor) => editor.editable,
  perform: (editor, { dx, dy }) => editor.nudge(dx, dy),
};
