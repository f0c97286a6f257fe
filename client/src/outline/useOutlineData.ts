import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { boardMaps, drawnLinks, readCards } from '@benchlearn/shared';
import { outlineModel, type OutlineModel } from './model';

function read(doc: Y.Doc): OutlineModel {
  const cards = readCards(doc);
  return outlineModel(cards, drawnLinks(doc, cards));
}

/**
 * The outline's view of the board. It lists every card, so any change to cards or links
 * re-reads them all; bursts (typing, remote updates) are folded into one read, made in the task
 * after the next frame so the canvas paints a change (and a big board's first load) first.
 */
export function useOutlineData(doc: Y.Doc): OutlineModel {
  const [model, setModel] = useState(() => read(doc));
  useEffect(() => {
    const { cards, links } = boardMaps(doc);
    // A timer as well as the frame: a hidden tab gets no frames, and its outline (what
    // assistive technology reads) would go stale.
    let timer: ReturnType<typeof setTimeout> | null = null;
    let frame: number | null = null;
    const run = () => {
      if (timer !== null) clearTimeout(timer);
      if (frame !== null) cancelAnimationFrame(frame);
      timer = null;
      frame = null;
      setModel(read(doc));
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
    setModel(read(doc));
    cards.observeDeep(schedule);
    links.observeDeep(schedule);
    return () => {
      cards.unobserveDeep(schedule);
      links.unobserveDeep(schedule);
      if (timer !== null) clearTimeout(timer);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return model;
}
