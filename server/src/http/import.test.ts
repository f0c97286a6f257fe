import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_PATTERN, parseBoardExport, readFrames, type BoardExport } from '@benchlearn/shared';
import { loadConfig } from '../config';
import { SqliteStorage } from '../storage';
import { createBoard, startServer, storedBoard, tempDataDir, type TestServer } from '../testing/testkit';
import { fillStoredBoard } from '../testing/boards';

/** Counts boards created, so a test can tell that a refused import created none. */
class CountingStorage extends SqliteStorage {
  creates = 0;
  override async createBoard(...args: Parameters<SqliteStorage['createBoard']>): Promise<void> {
    this.creates += 1;
    return super.createBoard(...args);
  }
}

let server: TestServer;
let storage: CountingStorage;

beforeAll(async () => {
  const dataDir = tempDataDir();
  storage = new CountingStorage(dataDir);
  // This file imports more often than the per-address import limit allows (limits.test.ts tests that).
  server = await startServer({ dataDir, publicUrl: 'https://bench.example', rateLimits: { ...loadConfig({}).rateLimits, import: 0 } }, { storage });
});
afterAll(() => server.stop());

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

async function exportOf(boardId: string, token: string): Promise<string> {
  const response = await server.app.inject({ url: `/api/boards/${boardId}/export?format=json`, headers: bearer(token) });
  expect(response.statusCode).toBe(200);
  return response.body;
}

function importFile(payload: string, contentType = 'application/json') {
  return server.app.inject({ method: 'POST', url: '/api/boards/import', headers: { 'content-type': contentType }, payload });
}

/** The export with ids replaced by positions and the export's and board's timestamps dropped. */
function normalized(data: BoardExport) {
  const ids = new Map(data.cards.map((card, i) => [card.id, `card${i}`]));
  return {
    board: { ...data.board, createdAt: 0 },
    cards: data.cards.map((card) => ({ ...card, id: ids.get(card.id) })),
    links: data.links
      .map((link) => ({ ...link, id: '', from: ids.get(link.from), to: ids.get(link.to) }))
      .sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`)),
    frames: data.frames.map((frame) => ({ ...frame, id: '' })),
  };
}

describe('POST /api/boards/import', () => {
  it('round trip: export -> import makes a new board (new id, tokens, the file frames) whose export equals the first', async () => {
    const original = await createBoard(server, { title: 'Retro Zürich', template: 'retrospective', locale: 'nl' });
    await fillStoredBoard(server, original.id);
    const file = await exportOf(original.id, original.tokens.viewer);

    const before = storage.creates;
    const response = await importFile(file);
    expect(response.statusCode).toBe(201);
    expect(storage.creates).toBe(before + 1);
    const imported = response.json();
    expect(imported.id).toMatch(new RegExp(ID_PATTERN));
    expect(imported.id).not.toBe(original.id);
    expect(imported.title).toBe('Retro Zürich');
    expect(new Set(Object.values(imported.tokens)).size).toBe(3);
    expect(imported.links.editor).toBe(`https://bench.example/b/${imported.id}#token=${imported.tokens.editor}`);

    const view = await server.app.inject({ url: `/api/boards/${imported.id}`, headers: bearer(imported.tokens.facilitator) });
    expect(view.json()).toMatchObject({ title: 'Retro Zürich', role: 'facilitator', counts: { success: 1, problem: 1, lesson: 1, note: 1, links: 2 } });

    const first = parseBoardExport(file);
    const second = parseBoardExport(await exportOf(imported.id, imported.tokens.viewer));
    expect(normalized(second)).toEqual(normalized(first));
    expect(second.cards.map((card) => card.id)).not.toEqual(first.cards.map((card) => card.id));
    // The frames are the file's, not written again from the template.
    expect(readFrames(await storedBoard(server, imported.id)).map((frame) => frame.title)).toEqual(first.frames.map((frame) => frame.title));
  });

  describe('refusals: 400 with a message naming what and where, and no board created', () => {
    let valid: BoardExport;
    let text: string;
    beforeAll(async () => {
      const board = await createBoard(server, { title: 'Source' });
      await fillStoredBoard(server, board.id);
      text = await exportOf(board.id, board.tokens.viewer);
      valid = parseBoardExport(text);
    });

    const variant = (change: (data: BoardExport & Record<string, unknown>) => void) => {
      const data = JSON.parse(JSON.stringify(valid)) as BoardExport & Record<string, unknown>;
      change(data);
      return JSON.stringify(data);
    };

    const cases: [string, () => string, () => string][] = [
      ['malformed JSON', () => '{"format": "benchlearn-board", ', () => 'file: not valid JSON'],
      ['another format', () => variant((d) => ((d as Record<string, unknown>).format = 'miro')), () => 'format: must be "benchlearn-board"'],
      ['a newer schema', () => variant((d) => (d.schema = 9)), () => 'schema: version 9 is newer than this version of Benchlearn understands (1)'],
      ['a card text over 2000 characters', () => variant((d) => (d.cards[3]!.text = 'x'.repeat(2001))), () => 'cards[3].text: must be at most 2000 characters'],
      [
        'an unknown kind',
        () => variant((d) => ((d.cards[0] as Record<string, unknown>).kind = 'idea')),
        () => 'cards[0].kind: must be one of success, problem, lesson, note',
      ],
      ['a duplicate card id', () => variant((d) => (d.cards[2]!.id = d.cards[1]!.id)), () => `cards[2].id: duplicate id ${valid.cards[1]!.id} (also cards[1])`],
      ['a dangling link', () => variant((d) => (d.links[1]!.to = 'Z'.repeat(21))), () => `links[1].to: no card with id ${'Z'.repeat(21)}`],
      [
        'a link into a non-lesson',
        () => variant((d) => (d.links[0]!.to = d.cards.find((card) => card.kind === 'note')!.id)),
        () => `links[0].to: card ${valid.cards.find((card) => card.kind === 'note')!.id} is a note; a link must end at a lesson`,
      ],
      [
        'a voter id __proto__',
        () => text.replace('"u-ann": 2', '"__proto__": 2'),
        () => `cards[${valid.cards.findIndex((card) => card.kind === 'lesson')}].votes.__proto__: forbidden key`,
      ],
      ['a constructor key', () => text.replace('"format"', '"constructor": {"prototype": {}}, "format"'), () => 'constructor: forbidden key'],
    ];

    it.each(cases)('refuses %s', async (_name, payload, message) => {
      const before = storage.creates;
      const response = await importFile(payload());
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
      expect(response.json().error.message.slice(0, message().length)).toBe(message());
      expect(storage.creates).toBe(before);
    });

    it('refuses a file over 8 MiB with 413, and a body that is not JSON with 415', async () => {
      const before = storage.creates;
      const huge = await importFile(variant((d) => ((d as Record<string, unknown>).padding = 'p'.repeat(8 * 1024 * 1024))));
      expect(huge.statusCode).toBe(413);
      expect(huge.json().error.code).toBe('payload_too_large');
      const plain = await importFile(text, 'text/plain');
      expect(plain.statusCode).toBe(415);
      expect(storage.creates).toBe(before);
    });

    it('takes a file between the API limit (1 MiB) and the import limit', async () => {
      const big = variant((d) => {
        for (const card of d.cards) card.text = 'w'.repeat(2000);
        const copies = 600;
        const template = d.cards[0]!;
        for (let i = 0; i < copies; i++) d.cards.push({ ...template, id: `${String(i).padStart(4, '0')}${'c'.repeat(17)}` });
      });
      expect(big.length).toBeGreaterThan(1024 * 1024);
      const response = await importFile(big);
      expect(response.statusCode).toBe(201);
    });
  });

  it('keeps the other routes on the standard JSON parser (a __proto__ body to POST /api/boards is still refused)', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/boards',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "x", "__proto__": {"polluted": true}}',
    });
    expect(response.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
