import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { boardMaps } from '@benchlearn/shared';
import { type OutlineModel } from './model';
import { OutlineReader } from './reader';

/**
 * The outline's view of the board. A change re-reads the cards it touched (OutlineReader) and
 * rebuilds the model; bursts (typing, remote updates) are folded into one read, made in the task
 * after the next frame so the canvas paints a change (and a big board's first load) first.
 */
export function useOutlineData(doc: Y.Doc): OutlineModel {
  const [model, setModel] = useState(() => new OutlineReader(doc).read());
  useEffect(() => {
    const { cards, links } = boardMaps(doc);
    const reader = new OutlineReader(doc);
    // A timer as well as the frame: a hidden tab gets no frames, and its outline (what
    // assistive technology reads) would go stale.
    let timer: ReturnType<typeof setTimeout> | null = null;
    let frame: number | null = null;
    const run = () => {
      if (timer !== null) clearTimeout(timer);
      if (frame !== null) cancelAnimationFrame(frame);
      timer = null;
      frame = null;
      setModel(reader.read());
    };
    const schedule = () => {
      if (timer !== null || frame !== null) return;
      timer = setTimeout(run, 100);
      frame = requestAnimationFrame(() => {
        frame = null;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(run, 0);
      });
    };
    const onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      reader.noteCardEvents(events, cards);
      schedule();
    };
    const onLinks = () => {
      reader.noteLinksChanged();
      schedule();
    };
    setModel(reader.read());
    cards.observeDeep(onCards);
    links.observeDeep(onLinks);
    return () => {
      cards.unobserveDeep(onCards);
      links.unobserveDeep(onLinks);
      if (timer !== null) clearTimeout(timer);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return model;
}
