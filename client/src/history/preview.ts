import { destroyBoardDocs, exportSvg, importBoard, newBoardDocs, validateBoardExport, type BoardExport } from '@benchlearn/shared';

export interface SnapshotPreview {
  /** The snapshot drawn by shared's SVG builder, as a data URL for an <img> (no script runs in one). */
  src: string;
  counts: { success: number; problem: number; lesson: number; note: number; links: number };
}

export function exportCounts(data: BoardExport): SnapshotPreview['counts'] {
  const counts = { success: 0, problem: 0, lesson: 0, note: 0, links: data.links.length };
  for (const card of data.cards) counts[card.kind] += 1;
  return counts;
}

/** A small read-only picture of a snapshot's JSON export (validated first: it crossed the network). */
export function snapshotPreview(value: unknown): SnapshotPreview {
  const data = validateBoardExport(value);
  const board = newBoardDocs();
  try {
    importBoard(board, data, { keepIds: true });
    const svg = exportSvg(board);
    return { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, counts: exportCounts(data) };
  } finally {
    destroyBoardDocs(board);
  }
}
