import { useEffect, useState } from 'react';
import { boardMaps, readMeta, type BoardDocs } from '@benchlearn/shared';

/** The board's title as the document has it (a rename shows at once), else `fallback`. */
export function useBoardTitle(board: BoardDocs, fallback: string): string {
  const [title, setTitle] = useState(() => readMeta(board).title);
  useEffect(() => {
    const { meta } = boardMaps(board);
    const update = () => setTitle(readMeta(board).title);
    update();
    meta.observe(update);
    return () => meta.unobserve(update);
  }, [board]);
  return title || fallback;
}
