import { describe, expect, it } from 'vitest';
import { exportBoardJson, initBoard, MAX_IMPORT_BYTES, newBoardDocs } from '@benchlearn/shared';
import { checkBoardFile, importBoardFile, prepareBoardFile, problemLimit, problemPlace, validateBoardText } from './importBoard';
import { ApiError } from './api';

describe('importing a board file', () => {
  it('checks the file in the browser with the server’s messages', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'T', template: 'blank', locale: 'en', createdAt: 0 });
    expect(validateBoardText(exportBoardJson(board))).toBeNull();
    expect(validateBoardText('{nope')).toMatch(/^file: not valid JSON/);
    expect(validateBoardText('{"format":"x"}')).toBe('format: must be "benchlearn-board" (this is not a Benchlearn board file)');
    expect(checkBoardFile(MAX_IMPORT_BYTES)).toBeNull();
    expect(checkBoardFile(MAX_IMPORT_BYTES + 1)).toEqual({ path: [], rule: 'too-large', limit: MAX_IMPORT_BYTES });
    expect(problemLimit(checkBoardFile(MAX_IMPORT_BYTES + 1)!)).toBe(8);
  });

  it('names where a problem is as people count: card 4, not cards[3]', () => {
    expect(problemPlace(['cards', 3, 'text'])).toEqual({ where: 'card', n: 4, field: 'text' });
    expect(problemPlace(['links', 0])).toEqual({ where: 'link', n: 1 });
    expect(problemPlace(['board', 'title'])).toEqual({ where: 'board', field: 'title' });
    expect(problemPlace(['exportedAt'])).toEqual({ where: 'file', field: 'exportedAt' });
    expect(problemPlace([])).toEqual({ where: 'file' });
  });

  it('marks the title of a good file as imported, in the board’s language, and says what is wrong with a bad one', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'Terugblik', template: 'blank', locale: 'nl', createdAt: 0 });
    const prepared = prepareBoardFile(exportBoardJson(board), new Date(2026, 11, 3, 12).getTime());
    expect(prepared).toMatchObject({ ok: true, title: 'Terugblik (geïmporteerd 3 dec)' });
    expect(prepared.ok && (JSON.parse(prepared.text) as { board: { title: string } }).board.title).toBe('Terugblik (geïmporteerd 3 dec)');
    expect(validateBoardText(prepared.ok ? prepared.text : '')).toBeNull();
    const file = JSON.parse(exportBoardJson(board)) as Record<string, unknown>;
    delete file.exportedAt;
    expect(prepareBoardFile(JSON.stringify(file))).toEqual({ ok: false, problem: { path: ['exportedAt'], rule: 'missing' } });
  });

  it('sends the file as JSON and reports the server’s refusal', async () => {
    let sent: RequestInit | undefined;
    const refusing = async (_path: string, init?: RequestInit) => {
      sent = init;
      return new Response(JSON.stringify({ error: { code: 'invalid_input', message: 'links[0].to: no card with id x' } }), { status: 400 });
    };
    const error = await importBoardFile('{"a":1}', refusing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).serverMessage).toBe('links[0].to: no card with id x');
    expect(sent?.method).toBe('POST');
    expect(sent?.body).toBe('{"a":1}');
  });
});
