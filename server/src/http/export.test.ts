import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, parseBoardExport, readCards, setAnonymous, startVoting } from '@benchlearn/shared';
import { contentBoard } from '../testing/boards';
import { connectProvider, createBoard, startServer, waitFor, type TestServer } from '../testing/testkit';
import { fillStoredBoard, HOSTILE } from '../testing/boards';
import { asciiSlug, contentDisposition, unicodeSlug } from './filename';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

const today = () => new Date().toISOString().slice(0, 10);

describe('GET /api/boards/:id/export', () => {
  it('exports JSON: the contract format, re-importable, as an attachment named after the board', async () => {
    const board = await createBoard(server, { title: 'Q3 retro' });
    const ids = await fillStoredBoard(server, board.id);
    const response = await server.app.inject({ url: `/api/boards/${board.id}/export?format=json`, headers: bearer(board.tokens.viewer) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="q3-retro-${today()}.json"`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const data = parseBoardExport(response.body);
    expect(data.board.title).toBe('Q3 retro');
    expect(data.cards).toHaveLength(4);
    expect(data.links).toHaveLength(2);
    expect(data.frames.map((frame) => frame.title)).toEqual(['Successes', 'Problems', 'Lessons']);
    expect(data.cards.find((card) => card.id === ids.lesson)?.votes).toEqual({ 'u-ann': 2, 'u-bob': 1 });
  });

  it('exports the lessons report as Markdown in the board language', async () => {
    const board = await createBoard(server, { title: 'Terugblik', locale: 'nl' });
    await fillStoredBoard(server, board.id);
    const response = await server.app.inject({ url: `/api/boards/${board.id}/export?format=md`, headers: bearer(board.tokens.viewer) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="terugblik-${today()}.md"`);
    expect(response.body).toContain('# Lessenrapport: Terugblik');
    expect(response.body).toContain('### Les 1 · 3 stemmen');
    expect(response.body).toContain('- Daily stand-up works — Gemeente Utrecht, Ann');
    expect(response.body).toContain('\\<script\\>');
    expect(response.body).toContain('## Notities');
  });

  it('exports CSV with a byte order mark, CRLF rows and defused formulas', async () => {
    const board = await createBoard(server, { title: 'Sheet' });
    const ids = await fillStoredBoard(server, board.id);
    const response = await server.app.inject({ url: `/api/boards/${board.id}/export?format=csv`, headers: bearer(board.tokens.viewer) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="sheet-${today()}.csv"`);
    expect(response.body.startsWith('\uFEFFid,kind,text,organisation,author,votes,created,linked_lessons,source\r\n')).toBe(true);
    expect(response.body).toContain(`,note,"'=HYPERLINK(""http://x"")",,Ann,0,`);
    expect(response.body).toContain(`,problem,${HOSTILE},"Regio, Noord",Bob,0,`);
    expect(response.body).toContain(`,lesson,Share the backlog early,,Ann,3,`);
    expect(response.body.split('\r\n')).toHaveLength(6);
    expect(response.body).toContain(ids.lesson);
  });

  it('exports SVG drawn on the server, with no active content', async () => {
    const board = await createBoard(server, { title: 'Drawing' });
    await fillStoredBoard(server, board.id);
    const response = await server.app.inject({ url: `/api/boards/${board.id}/export?format=svg`, headers: bearer(board.tokens.viewer) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="drawing-${today()}.svg"`);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(response.body).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(response.body).not.toMatch(/<script|<image|<foreignObject|<[^>]*\s(on\w+|href|xlink:href)\s*=/);
    expect(response.body).toContain('Daily stand-up works');
  });

  it('exports what connected people see right now (the loaded room), and defaults to JSON', async () => {
    const board = await createBoard(server, { title: 'Live' });
    const client = connectProvider(server, board.id, board.tokens.editor);
    try {
      await client.synced;
      addCard(contentBoard(client.doc), { kind: 'lesson', x: 0, y: 0, text: 'typed just now', authorId: 'a', authorName: 'A' });
      await waitFor(() => server.rooms.peek(board.id) !== undefined && readCards(server.rooms.peek(board.id)!.docs).length === 1, 'the card on the server');
      const response = await server.app.inject({ url: `/api/boards/${board.id}/export?token=${board.tokens.viewer}` });
      expect(response.statusCode).toBe(200);
      expect(parseBoardExport(response.body).cards.map((card) => card.text)).toEqual(['typed just now']);
    } finally {
      client.destroy();
    }
  });

  it('leaves names out of md, csv and svg while the board is anonymous, and dots while a round is hidden; json keeps both', async () => {
    const board = await createBoard(server, { title: 'Anonymous' });
    const ids = await fillStoredBoard(server, board.id);
    await server.rooms.use(board.id, (room) =>
      room.submitChange((doc) => {
        startVoting(doc, { kinds: ['lesson'], dots: 3, stack: true });
        addCard(doc, { kind: 'lesson', x: 0, y: 900, text: 'Second lesson', authorId: 'u-cy', authorName: 'Cy' });
        setAnonymous(doc, true);
      }),
    );
    const get = (format: string) => server.app.inject({ url: `/api/boards/${board.id}/export?format=${format}`, headers: bearer(board.tokens.viewer) });
    for (const format of ['md', 'csv', 'svg']) {
      // Card ids (CSV's id column, the SVG's data-card) are random: one may hold "Cy" by chance.
      const body = (await get(format)).body.replace(/[A-Za-z0-9_-]{21}/g, '');
      expect(body, format).not.toMatch(/Ann|Bob|Cy/);
    }
    expect((await get('md')).body).toContain('Gemeente Utrecht');
    expect((await get('md')).body).toContain('0 votes');
    const json = parseBoardExport((await get('json')).body);
    expect(json.cards.find((card) => card.id === ids.success)?.authorName).toBe('Ann');
  });

  it('names a non-ASCII title with RFC 6266 filename*', async () => {
    const board = await createBoard(server, { title: 'Zürich – één dag' });
    const response = await server.app.inject({ url: `/api/boards/${board.id}/export?format=md`, headers: bearer(board.tokens.viewer) });
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="zurich-een-dag-${today()}.md"; filename*=UTF-8''z%C3%BCrich-%C3%A9%C3%A9n-dag-${today()}.md`,
    );
  });

  it('answers 400 naming querystring/format for an unknown format, 401 without a token, 404 for an unknown board', async () => {
    const board = await createBoard(server, { title: 'x' });
    const bad = await server.app.inject({ url: `/api/boards/${board.id}/export?format=pdf`, headers: bearer(board.tokens.viewer) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toEqual({ code: 'invalid_input', message: 'querystring/format must be equal to one of the allowed values' });
    const anonymous = await server.app.inject({ url: `/api/boards/${board.id}/export?format=json` });
    expect(anonymous.statusCode).toBe(401);
    const wrong = await server.app.inject({ url: `/api/boards/${board.id}/export`, headers: bearer('nope') });
    expect(wrong.statusCode).toBe(401);
    const unknown = await server.app.inject({ url: `/api/boards/${'x'.repeat(21)}/export`, headers: bearer(board.tokens.viewer) });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('download file names', () => {
  it('slugs titles to ASCII and keeps a Unicode form for filename*', () => {
    expect(asciiSlug('  Q3: Retro / "final" ')).toBe('q3-retro-final');
    expect(asciiSlug('Ærø Straße')).toBe('aero-strasse');
    expect(asciiSlug('日本語')).toBe('board');
    expect(unicodeSlug('日本語 ボード')).toBe('日本語-ボード');
    expect(asciiSlug('x'.repeat(100))).toHaveLength(60);
    expect(contentDisposition('Plain', '2025-01-31', 'csv')).toBe('attachment; filename="plain-2025-01-31.csv"');
    expect(contentDisposition('a"b\\c', '2025-01-31', 'csv')).toBe('attachment; filename="a-b-c-2025-01-31.csv"');
    expect(contentDisposition("it's (mine)*", '2025-01-31', 'md')).toBe('attachment; filename="it-s-mine-2025-01-31.md"');
  });
});
