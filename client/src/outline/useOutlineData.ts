import { useEffect, useState } from 'react';
import { useEditor } from '../editor/react';
import { type OutlineModel } from './model';
import { ReadSchedule } from './readSchedule';
import { OutlineReader } from './reader';

/**
 * The outline's view of the open board, from the editor's read model. A change re-places the
 * cards it touched (OutlineReader) and rebuilds the model, when ReadSchedule says: once per
 * burst, after the canvas has painted, and spaced by what a read costs on a big board.
 */
export function useOutlineData(): OutlineModel {
  const { store } = useEditor();
  const [model, setModel] = useState(() => new OutlineReader(store).read());
  useEffect(() => {
    const reader = new OutlineReader(store);
    const schedule = new ReadSchedule(() => setModel(reader.read()));
    schedule.run();
    const stop = store.subscribeChanges((cards) => {
      reader.noteChanges(cards);
      schedule.changed();
    });
    return () => {
      stop();
      schedule.cancel();
    };
  }, [store]);
  return model;
}
