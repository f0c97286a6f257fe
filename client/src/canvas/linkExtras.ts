import { setLinkLabel } from '@benchlearn/shared';
import type { Editor } from '../editor/Editor';
import { Signal } from '../editor/stores';

/**
 * The canvas's link extras (issue 14): a link's label being edited in place, and "links of the
 * selection only" — when on and cards are selected, their links stand out and the rest dim.
 */
export class LinkExtras {
  /** The link whose label is being edited; null when none. */
  readonly labelling = new Signal<string | null>(null);
  /** Links of the selection only is on and at least one card is selected: other links dim. */
  readonly dimOthers = new Signal(false);

  constructor(private readonly editor: Editor) {}

  start(): () => void {
    const update = () => this.dimOthers.set(this.editor.focusLinks.get() && this.editor.selectedCardIds().length > 0);
    update();
    const stops = [this.editor.focusLinks.subscribe(update), this.editor.selection.subscribe(update), this.editor.store.subscribeOrder(update)];
    // A link that disappears, or a board turning read-only, ends its label's editing.
    const check = () => {
      const id = this.labelling.get();
      if (id && (this.editor.readOnly.get() || !this.editor.store.getLinks().some((link) => link.id === id))) this.labelling.set(null);
    };
    stops.push(this.editor.store.subscribeLinks(check), this.editor.readOnly.subscribe(check));
    return () => stops.forEach((stop) => stop());
  }

  /** Double-click on a link, or the action on a selected link: edit its label. */
  open(id: string): void {
    if (this.editor.readOnly.get() || !this.editor.store.getLinks().some((link) => link.id === id)) return;
    this.editor.select([id]);
    this.labelling.set(id);
  }

  /** Sets the label (empty removes it) as one undo step and stops editing. */
  commit(id: string, label: string): void {
    if (this.labelling.get() !== id) return;
    this.labelling.set(null);
    const current = this.editor.store.getLinks().find((link) => link.id === id)?.label ?? '';
    if (!this.editor.readOnly.get() && label.trim() !== current) this.editor.write(() => setLinkLabel(this.editor.board, id, label));
  }

  cancel(): void {
    this.labelling.set(null);
  }
}
