import { describe, expect, it } from 'vitest';
import { exportBoardJson, initBoard, MAX_IMPORT_BYTES, newBoardDocs } from '@benchlearn/shared';
import { checkBoardFile, importBoardFile, validateBoardText } from './importBoard';
import { ApiError } from './api';

describe('importing a board file', () => {
  it('checks the file in the browser with the server’s messages', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'T', template: 'blank', locale: 'en', createdAt: 0 });
    expect(validateBoardText(exportBoardJson(board))).toBeNull();
    expect(validateBoardText('{nope')).toMatch(/^file: not valid JSON/);
    expect(validateBoardText('{"format":"x"}')).toBe('format: must be "benchlearn-board" (this is not a Benchlearn board file)');
    expect(checkBoardFile(MAX_IMPORT_BYTES)).toBeNull();
    expect(checkBoardFile(MAX_IMPORT_BYTES + 1)).toBe('file: larger than the import limit of 8 MiB');
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
