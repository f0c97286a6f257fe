import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { MAX_CARD_TEXT, cardText } from '@benchlearn/shared';
import type { CanvasController } from './controller';
import { adjustCaret, type TextDeltaOp } from './caret';
import { useCard, useOffset } from './CardView';
import { BODY_FONT_SIZE, BODY_LINE_HEIGHT, FONT_FAMILY, KIND_FILLS, bodyBox } from '../ui/kinds';
import { useSignal } from '../editor/stores';
import { READABLE_SCALE, boardToScreen } from '../editor/viewport';

/**
 * The HTML editor over a card being edited, bound to the card's Y.Text: what is typed here goes
 * in as the smallest edit, what others type comes in with the caret kept in place. Uncontrolled
 * on purpose: React re-setting `value` would throw the caret to the end.
 */
function Editor({ ctl, id }: { ctl: CanvasController; id: string }) {
  const { t } = useTranslation('canvas');
  const ref = useRef<HTMLTextAreaElement>(null);
  const card = useCard(ctl, id);
  const offset = useOffset(ctl, id);
  const view = useSyncExternalStore(ctl.view.subscribe, ctl.view.get, ctl.view.get);

  useLayoutEffect(() => {
    const el = ref.current;
    const text = cardText(ctl.board, id);
    if (!el || !text) return;
    el.value = text.toString();
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (el.value === next) return; // our own keystroke, already shown
      const delta = event.delta as TextDeltaOp[];
      const start = adjustCaret(el.selectionStart, delta);
      const end = adjustCaret(el.selectionEnd, delta);
      el.value = next;
      if (ctl.container?.ownerDocument.activeElement === el) el.setSelectionRange(start, end);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [ctl, id]);

  if (!card) return null;
  const body = bodyBox(card.w, card.h);
  const topLeft = boardToScreen(view, { x: card.x + (offset?.dx ?? 0) + body.x, y: card.y + (offset?.dy ?? 0) + body.y });
  // Readable whatever the zoom: zoomed out, the editor stands over its card at the readable size.
  const scale = Math.max(view.scale, READABLE_SCALE);
  return (
    <textarea
      ref={ref}
      data-testid="card-editor"
      data-card-id={id}
      className="bl-card-editor"
      aria-label={t('editor.label')}
      maxLength={MAX_CARD_TEXT}
      spellCheck
      style={{
        left: topLeft.x,
        top: topLeft.y,
        width: body.w,
        height: body.h,
        transform: `scale(${scale})`,
        fontFamily: FONT_FAMILY,
        fontSize: BODY_FONT_SIZE,
        lineHeight: BODY_LINE_HEIGHT,
        background: KIND_FILLS[card.kind],
      }}
      onInput={(e) => {
        const el = e.currentTarget;
        ctl.editText(id, el.value);
      }}
      onKeyDown={(e) => {
        // Keys typed here are text, not canvas shortcuts.
        e.stopPropagation();
        // Enter or Escape finishes (as on a sticky note); Shift+Enter starts a new line.
        if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing)) {
          e.preventDefault();
          ctl.closeEditor();
        }
      }}
      onBlur={() => {
        if (ctl.editing.get() === id) ctl.editing.set(null);
      }}
    />
  );
}

export function CardEditor({ ctl }: { ctl: CanvasController }) {
  const editing = useSignal(ctl.editing);
  return editing ? <Editor key={editing} ctl={ctl} id={editing} /> : null;
}
