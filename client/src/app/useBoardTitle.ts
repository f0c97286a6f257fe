import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { boardMaps, readMeta } from '@benchlearn/shared';

/** The board's title as the document has it (a rename shows at once), else `fallback`. */
export function useBoardTitle(doc: Y.Doc, fallback: string): string {
  const [title, setTitle] = useState(() => readMeta(doc).title);
  useEffect(() => {
    const { meta } = boardMaps(doc);
    const update = () => setTitle(readMeta(doc).title);
    update();
    meta.observe(update);
    return () => meta.unobserve(update);
  }, [doc]);
  return title || fallback;
}
