import { describe, expect, it } from 'vitest';
import { addCard, exportBoard, ImportError, initBoard, newBoardDocs } from '@benchlearn/shared';
import { snapshotPreview } from './preview';

describe('snapshot preview', () => {
  it('draws the snapshot’s export as an SVG data URL with its counts', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'T', template: 'blank', locale: 'en', createdAt: 0 });
    addCard(board, { kind: 'lesson', x: 0, y: 0, text: 'Keep <b>notes</b>', authorId: 'u', authorName: 'U' });
    addCard(board, { kind: 'note', x: 300, y: 0, text: 'n', authorId: 'u', authorName: 'U' });
    const preview = snapshotPreview(JSON.parse(JSON.stringify(exportBoard(board))));
    expect(preview.counts).toEqual({ success: 0, problem: 0, lesson: 1, note: 1, links: 0 });
    expect(preview.src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(preview.src)).toContain('Keep &lt;b&gt;notes&lt;/b&gt;');
  });

  it('refuses what is not a board export', () => {
    expect(() => snapshotPreview({ format: 'other' })).toThrow(ImportError);
  });
});
