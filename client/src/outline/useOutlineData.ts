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
 * re-reads them all; bursts (typing, remote updates) are folded into one read per ~frame.
 */
export function useOutlineData(doc: Y.Doc): OutlineModel {
  const [model, setModel] = useState(() => read(doc));
  useEffect(() => {
    const { cards, links } = boardMaps(doc);
    // A timer, not requestAnimationFrame: a hidden tab gets no frames, and its outline (what
    // assistive technology reads) would go stale.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        setModel(read(doc));
      }, 16);
    };
    setModel(read(doc));
    cards.observeDeep(schedule);
    links.observeDeep(schedule);
    return () => {
      cards.unobserveDeep(schedule);
      links.unobserveDeep(schedule);
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc]);
  return model;
}
