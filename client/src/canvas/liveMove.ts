import { round1, type PresencePublisher } from '../editor/presence';
import type { KeyedStore, Offset } from '../editor/stores';

/**
 * Cards travelling under a drag (of cards or of their frame): drawn here with a live offset and
 * shown to others through presence, while the document is written once, on the drop.
 */
export class LiveMove {
  constructor(
    private readonly offsets: KeyedStore<Offset>,
    private readonly publisher: PresencePublisher,
  ) {}

  show(ids: readonly string[], dx: number, dy: number): void {
    const offset = { dx, dy };
    this.offsets.replace(new Map(ids.map((id) => [id, offset])));
    // Others need the picture, not every id of a huge selection.
    this.publisher.set({ dragging: { ids: ids.slice(0, 100), dx: round1(dx), dy: round1(dy) } });
  }

  /** The move is over (dropped or given up): the offsets go, and others hear it at once. */
  end(): void {
    this.offsets.replace(new Map());
    this.publisher.set({ dragging: null });
    this.publisher.flush();
  }
}
