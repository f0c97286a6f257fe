import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addFrame, initBoard, linkCards, newBoardDocs, parseBoardExport } from '@benchlearn/shared';
import { validateBoardText } from '../platform/importBoard';
import { localCopyFile } from './localCopy';

const author = { authorId: 'ann', authorName: 'Ann' };

describe('the local copy of a refused board', () => {
  it('is a board file with what this browser holds, unsynced changes included, that the import accepts', () => {
    const server = newBoardDocs();
    initBoard(server, { title: 'Q3 retro', template: 'blank', locale: 'nl', createdAt: 1_700_000_000_000 });
    const lesson = addCard(server, { kind: 'lesson', x: 0, y: 0, text: 'Share the agenda', ...author });
    // This browser: the board as synced, then changes the server never took.
    const local = newBoardDocs();
    Y.applyUpdate(local.content, Y.encodeStateAsUpdate(server.content));
    Y.applyUpdate(local.control, Y.encodeStateAsUpdate(server.control));
    const success = addCard(local, { kind: 'success', x: 300, y: 0, text: 'Written while refused', ...author });
    linkCards(local, success, lesson, 'ann');
    addFrame(local, { title: 'Parking lot', x: 0, y: 400, w: 600, h: 300 });

    const file = localCopyFile(local, 'Board', Date.UTC(2026, 0, 31, 12));
    expect(file.name).toBe('q3-retro-2026-01-31-my-copy.json');
    expect(validateBoardText(file.text)).toBeNull();
    const data = parseBoardExport(file.text);
    expect(data.board).toMatchObject({ title: 'Q3 retro', locale: 'nl' });
    expect(data.cards.map((card) => card.text).sort()).toEqual(['Share the agenda', 'Written while refused']);
    expect(data.links).toHaveLength(1);
    expect(data.frames.map((frame) => frame.title)).toEqual(['Parking lot']);
  });

  it('is named after the page’s title when the board’s own has not arrived', () => {
    const file = localCopyFile(newBoardDocs(), 'Team board', Date.UTC(2026, 0, 31, 12));
    expect(file.name).toBe('team-board-2026-01-31-my-copy.json');
    expect(validateBoardText(file.text)).toBeNull();
  });
});
