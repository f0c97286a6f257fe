import type { LinkRefusal } from '@benchlearn/shared';
import { Signal } from '../editor/stores';

export type Toast = { key: number; text: ToastText };
/** Toast content by meaning; the view turns it into words in the current language. */
export type ToastText = { kind: 'refusal'; reason: LinkRefusal } | { kind: 'pick-lesson' } | { kind: 'linked' } | { kind: 'already-linked' };

const TOAST_MS = 3000;

/** The canvas's one short message at a time, gone after a few seconds. */
export class Toasts {
  readonly toast = new Signal<Toast | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A new key each time, so the same words shown again restart their animation. */
  private seq = 0;

  show(text: ToastText): void {
    if (this.timer) clearTimeout(this.timer);
    this.toast.set({ key: ++this.seq, text });
    this.timer = setTimeout(() => this.toast.set(null), TOAST_MS);
  }

  hide(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.toast.set(null);
  }

  /** The canvas goes away: no timer outlives it (the message itself may stay for a remount). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
