import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { boardMaps, type BoardDocs } from '@benchlearn/shared';
import { type OutlineModel } from './model';
import { ReadSchedule } from './readSchedule';
import { OutlineReader } from './reader';

/**
 * The outline's view of the board. A change re-reads the cards it touched (OutlineReader) and
 * rebuilds the model, when ReadSchedule says: once per burst, after the canvas has painted, and
 * spaced by what a read costs on a big board.
 */
export function useOutlineData(board: BoardDocs): OutlineModel {
  const [model, setModel] = useState(() => new OutlineReader(board).read());
  useEffect(() => {
    const { cards, links } = boardMaps(board);
    const reader = new OutlineReader(board);
    const schedule = new ReadSchedule(() => setModel(reader.read()));
    const onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      reader.noteCardEvents(events, cards);
      schedule.changed();
    };
    const onLinks = () => {
      reader.noteLinksChanged();
      schedule.changed();
    };
    schedule.run();
    cards.observeDeep(onCards);
    links.observeDeep(onLinks);
    return () => {
      cards.unobserveDeep(onCards);
      links.unobserveDeep(onLinks);
      schedule.cancel();
    };
  }, [board]);
  return model;
}
