import { linkCards, linkRefusal, setCardBounds, unlink, updateFrame, type Card, type Frame } from '@benchlearn/shared';
import type { Action } from './actions';
import { announcerOf, shortenText } from './announcements';
import { canMoveToFrame, framesInOrder, moveSelectionToFrame, readingOrder } from './cardNavigation';
import type { Editor } from './Editor';
import { Signal } from './stores';
import { UNDO_CAPTURE_MS } from './undo';

/**
 * The canvas's list commands, the keyboard's and a single pointer's way to do what otherwise
 * takes a drag: "Link to…" (K) and "Move to frame…" (Shift+M) open a list to choose from
 * (ui/CommandList); Alt+Shift+arrows (and the toolbar's Bigger and Smaller) resize.
 */
export type CardCommand = { type: 'link'; cardId: string } | { type: 'move' };

const commands = new WeakMap<Editor, Signal<CardCommand | null>>();

/** The list command open on an editor's board (one at a time), null when none. */
export function cardCommandOf(editor: Editor): Signal<CardCommand | null> {
  let command = commands.get(editor);
  if (!command) commands.set(editor, (command = new Signal<CardCommand | null>(null)));
  return command;
}

/** A card the chosen card can be linked with, and the link they already have (null: none yet). */
export interface LinkChoice {
  card: Card;
  linkId: string | null;
}

/** The link between a card and a choice, as links go: from a success, problem or note to a lesson. */
function ends(card: Card, other: Card): { from: Card; to: Card } {
  return card.kind === 'lesson' ? { from: other, to: card } : { from: card, to: other };
}

/**
 * What a card can be linked with, in reading order: the lessons for a success, problem or note;
 * the successes, problems and notes for a lesson. Each says whether the link is already there.
 */
export function linkChoices(editor: Editor, cardId: string): LinkChoice[] {
  const card = editor.store.getCard(cardId);
  if (!card) return [];
  const links = new Map(editor.store.getLinks().map((link) => [`${link.from}>${link.to}`, link.id]));
  return readingOrder(editor.store.getCards()).flatMap((other) => {
    const { from, to } = ends(card, other);
    if (linkRefusal(from.kind, to.kind, from.id === to.id) !== null) return [];
    return [{ card: other, linkId: links.get(`${from.id}>${to.id}`) ?? null }];
  });
}

/** A choice taken from the "Link to…" list: links the two cards, or takes back the link they have. */
export function toggleLink(editor: Editor, cardId: string, choice: LinkChoice): void {
  const card = editor.store.getCard(cardId);
  if (!editor.editable || !card) return;
  const { from, to } = ends(card, choice.card);
  if (choice.linkId) {
    const id = choice.linkId;
    editor.write(() => unlink(editor.board, [id]));
    announcerOf(editor).sayNow({ type: 'unlinked', from: shortenText(from.text), to: shortenText(to.text) });
    return;
  }
  // The store's change feed says the new link ("You linked …").
  editor.write(() => linkCards(editor.board, from.id, to.id, editor.identity.get().id));
}

/** The frames the "Move to frame…" list offers, in reading order. */
export function frameChoices(editor: Editor): Frame[] {
  return framesInOrder(editor.store.getFrames());
}

/** A frame taken from the "Move to frame…" list: the selected cards go to its next free slot. */
export function moveToChosenFrame(editor: Editor, frameId: string): void {
  const frame = editor.store.getFrames().find((f) => f.id === frameId);
  if (frame) moveSelectionToFrame(editor, frame);
}

/** How much one key press (or a Bigger/Smaller press) resizes, in board units. */
export const RESIZE_STEP = 20;
/** The smallest frame a resize leaves: the canvas's corner handle stops there too (canvas/frameEditing.ts). */
export const MIN_FRAME_SIZE = 120;

const lastResizeAt = new WeakMap<Editor, number>();

/**
 * Resizes the selected cards by (dw, dh), keeping their top-left corner (shared's minimum card
 * size holds); with no card selected, a facilitator's selected frame. A held key is one undo
 * step, as a drag of the handle is.
 */
export function resizeSelection(editor: Editor, dw: number, dh: number, now = Date.now()): void {
  if (!editor.editable) return;
  const merge = now - (lastResizeAt.get(editor) ?? -Infinity) < UNDO_CAPTURE_MS;
  lastResizeAt.set(editor, now);
  const cards = editor.selectedCardIds().flatMap((id) => editor.store.getCard(id) ?? []);
  if (cards.length > 0) {
    const changes = cards.map((card) => ({ id: card.id, x: card.x, y: card.y, w: card.w + dw, h: card.h + dh }));
    editor.write(() => setCardBounds(editor.board, changes), merge);
    return;
  }
  const frame = selectedFrame(editor);
  if (!frame) return;
  const bounds = { w: Math.max(MIN_FRAME_SIZE, frame.w + dw), h: Math.max(MIN_FRAME_SIZE, frame.h + dh) };
  editor.write(() => updateFrame(editor.board, frame.id, bounds), merge);
}

/** The frame a facilitator selected on the canvas, when no card is selected. */
function selectedFrame(editor: Editor): Frame | null {
  if (!editor.facilitator.get() || editor.selectedCardIds().length > 0) return null;
  const id = editor.canvas.get()?.selectedFrame();
  return editor.store.getFrames().find((frame) => frame.id === id) ?? null;
}

/** What Alt+Shift and an arrow do: right and down grow, left and up shrink. */
export function resizeOfKey(key: string): { dw: number; dh: number } {
  switch (key) {
    case 'ArrowRight':
      return { dw: RESIZE_STEP, dh: 0 };
    case 'ArrowLeft':
      return { dw: -RESIZE_STEP, dh: 0 };
    case 'ArrowDown':
      return { dw: 0, dh: RESIZE_STEP };
    case 'ArrowUp':
      return { dw: 0, dh: -RESIZE_STEP };
    default:
      return { dw: 0, dh: 0 };
  }
}

const oneCard = (editor: Editor) => editor.editable && editor.selectedCardIds().length === 1;

/** K on the canvas: the list of cards the selected card can be linked with (and unlinked from). */
export const linkToAction: Action<'link-to'> = {
  id: 'link-to',
  labelKey: 'canvas:commands.linkTo',
  keys: [{ key: 'k', mod: false }],
  keyScope: 'canvas-or-toolbar',
  enabled: oneCard,
  visible: (editor) => editor.editable,
  perform: (editor) => {
    const [cardId] = editor.selectedCardIds();
    if (cardId) cardCommandOf(editor).set({ type: 'link', cardId });
  },
};

/** Shift+M on the canvas: the list of frames to move the selected cards into. */
export const chooseFrameAction: Action<'choose-frame'> = {
  id: 'choose-frame',
  labelKey: 'canvas:commands.moveTo',
  keys: [{ key: 'm', mod: false, shift: true }],
  keyScope: 'canvas-or-toolbar',
  enabled: canMoveToFrame,
  visible: (editor) => editor.editable,
  perform: (editor) => cardCommandOf(editor).set({ type: 'move' }),
};

const ARROWS = ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'] as const;

/** Alt+Shift+arrows: the selected cards (or frame) bigger or smaller; the toolbar's buttons give their own step. */
export const resizeAction: Action<'resize'> = {
  id: 'resize',
  labelKey: 'canvas:commands.resize',
  keys: ARROWS.map((key) => ({ key, alt: true, shift: true, labelKey: 'canvas:keys.arrows' })),
  keyScope: 'canvas',
  argsFromKey: (event) => resizeOfKey(event.key),
  enabled: (editor) => editor.editable && (editor.selectedCardIds().length > 0 || selectedFrame(editor) !== null),
  visible: (editor) => editor.editable,
  perform: (editor, { dw, dh }) => resizeSelection(editor, dw, dh),
};
