import { describe, expect, it } from 'vitest';
import { newBoardDocs } from '../board/doc';
import fc from 'fast-check';
import * as Y from 'yjs';
import { addCard, addFrame, boardMaps, initBoard, linkCards, readCards, readFrames, readLinks, readMeta, setVote } from '../board';
import { isId, linkId, newId } from '../model/ids';
import { CARD_KINDS, LINKABLE_FROM_KINDS, type BoardExport } from '../model';
import { EXPORT_MIGRATIONS, migrateExport } from '../migrate';
import { MAX_CARD_TEXT } from '../protocol/limits';
import { exportBoard, exportBoardJson, importBoard, importBoardText, parseBoardExport, ImportError } from './index';
import { sampleBoard } from './testing';

const NOW = Date.UTC(2025, 1, 3, 12);

/** The export with ids replaced by positions and the timestamps of the export and board dropped. */
function normalized(data: BoardExport) {
  const cardIds = new Map(data.cards.map((card, i) => [card.id, `card${i}`]));
  return {
    board: { ...data.board, createdAt: 0 },
    cards: data.cards.map((card) => ({ ...card, id: cardIds.get(card.id) })),
    links: data.links
      .map((link) => ({ ...link, id: `${cardIds.get(link.from)}>${cardIds.get(link.to)}`, from: cardIds.get(link.from), to: cardIds.get(link.to) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    frames: data.frames.map((frame, i) => ({ ...frame, id: `frame${i}` })),
  };
}

describe('exportBoard', () => {
  it('writes the contract shape: format, schema, exportedAt, board, cards with votes, drawn links, frames', () => {
    const { board, ids } = sampleBoard();
    const data = exportBoard(board, NOW);
    expect(data.format).toBe('benchlearn-board');
    expect(data.schema).toBe(1);
    expect(data.exportedAt).toBe('2025-02-03T12:00:00.000Z');
    expect(data.board).toEqual({ title: 'Q3 retro', template: 'benchlearning', locale: 'en', createdAt: Date.UTC(2025, 0, 31, 9) });
    expect(data.cards).toHaveLength(8);
    expect(data.cards.find((card) => card.id === ids.lesson2)).toMatchObject({
      kind: 'lesson',
      text: 'Write *things* down\n# right away',
      votes: { 'u-ann': 2, 'u-bob': 1 },
      authorName: 'Bob',
    });
    expect(data.cards.find((card) => card.id === ids.success1)?.org).toBe('Gemeente Utrecht');
    expect(data.links).toHaveLength(4);
    expect(data.links.find((link) => link.from === ids.problem1 && link.to === ids.lesson1)).toEqual({
      id: linkId(ids.problem1, ids.lesson1),
      from: ids.problem1,
      to: ids.lesson1,
      label: 'caused by',
      authorId: 'u-bob',
      createdAt: Date.UTC(2025, 0, 31, 10),
    });
    expect(data.frames.map((frame) => frame.title)).toEqual(['Successes', 'Problems', 'Lessons']);
    // What the exporter writes, the importer takes.
    expect(parseBoardExport(exportBoardJson(board, NOW))).toEqual(data);
  });

  it('leaves out links that are not drawn (an end deleted or of the wrong kind by a concurrent edit)', () => {
    const { board, ids } = sampleBoard();
    // What a concurrent delete leaves behind: a link entry whose `to` card is gone.
    const ghost = new Y.Map<unknown>();
    boardMaps(board).links.set(linkId(ids.success2, 'gone'), ghost);
    ghost.set('from', ids.success2);
    ghost.set('to', 'x'.repeat(21));
    ghost.set('authorId', 'u');
    ghost.set('createdAt', 1);
    expect(readLinks(board)).toHaveLength(5);
    expect(exportBoard(board, NOW).links).toHaveLength(4);
  });

  it('clamps values a foreign client wrote past the limits, so every export imports again', () => {
    const board = newBoardDocs();
    initBoard(board, { title: 'x', template: 'blank', locale: 'en' });
    const id = addCard(board, { kind: 'note', x: 0, y: 0, authorId: 'a', authorName: 'A' });
    const card = boardMaps(board).cards.get(id)!;
    card.set('text', new Y.Text('y'.repeat(MAX_CARD_TEXT + 5)));
    card.set('x', 5e12);
    card.set('authorName', 'n'.repeat(300));
    boardMaps(board).cards.set('not-an-id', card.clone());
    const data = exportBoard(board, NOW);
    expect(data.cards).toHaveLength(1);
    expect(data.cards[0]?.text).toHaveLength(MAX_CARD_TEXT);
    expect(data.cards[0]?.x).toBe(1e9);
    expect(() => parseBoardExport(JSON.stringify(data))).not.toThrow();
  });
});

describe('importBoard', () => {
  it('makes a new board with new ids, the file frames (not the template), votes, labels and creation times', () => {
    const { board } = sampleBoard('nl');
    const data = exportBoard(board, NOW);
    const copy = newBoardDocs();
    const ids = importBoard(copy, data, { now: NOW });
    expect(readMeta(copy)).toEqual({ schema: 2, title: 'Q3 retro', template: 'benchlearning', createdAt: NOW, locale: 'nl' });
    const cards = readCards(copy);
    expect(cards).toHaveLength(8);
    for (const card of cards) {
      expect(isId(card.id)).toBe(true);
      expect(data.cards.some((original) => original.id === card.id)).toBe(false);
    }
    expect([...ids.values()].sort()).toEqual(cards.map((card) => card.id).sort());
    expect(readFrames(copy).map((frame) => frame.title)).toEqual(['Successen', 'Problemen', 'Lessen']);
    expect(readLinks(copy).find((link) => link.label === 'caused by')?.createdAt).toBe(Date.UTC(2025, 0, 31, 10));
    expect(normalized(exportBoard(copy, NOW))).toEqual(normalized(data));
  });

  it('keeps the ids when asked (a preview of the same board)', () => {
    const { board } = sampleBoard();
    const data = exportBoard(board, NOW);
    const copy = newBoardDocs();
    importBoard(copy, data, { keepIds: true, now: data.board.createdAt });
    expect(exportBoard(copy, NOW)).toEqual(data);
  });

  it('writes the whole board in one transaction per document', () => {
    const copy = newBoardDocs();
    const transactions = { content: 0, control: 0 };
    copy.content.on('afterTransaction', () => transactions.content++);
    copy.control.on('afterTransaction', () => transactions.control++);
    importBoard(copy, exportBoard(sampleBoard().board, NOW));
    expect(transactions).toEqual({ content: 1, control: 1 });
  });

  it('round trip: export -> import -> export is equal apart from ids and timestamps, on random boards', () => {
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ maxLength: 40, unit: 'grapheme' }), fc.constantFrom('', '<script>', '=1+1', 'a,"b"\r\nc'));
    const voter = fc.string({ minLength: 1, maxLength: 12 }).filter((id) => !['__proto__', 'constructor', 'prototype'].includes(id));
    const cardArb = fc.record({
      kind: fc.constantFrom(...CARD_KINDS),
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.double({ min: -5000, max: 5000, noNaN: true }).map((y) => y + 0), // -0 is written as 0 in JSON
      w: fc.integer({ min: 80, max: 600 }),
      h: fc.integer({ min: 50, max: 400 }),
      text,
      authorName: fc.string({ maxLength: 20 }),
      org: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined }),
      createdAt: fc.integer({ min: 0, max: 4e12 }),
      votes: fc.dictionary(voter, fc.integer({ min: 1, max: 9 }), { maxKeys: 4 }),
    });
    const frameArb = fc.record({
      title: fc.string({ maxLength: 30 }),
      x: fc.integer({ min: -3000, max: 3000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      w: fc.integer({ min: 1, max: 3000 }),
      h: fc.integer({ min: 1, max: 3000 }),
      color: fc.option(fc.constantFrom('#2e7d32', '#c62828', 'teal'), { nil: undefined }),
    });
    const boardArb = fc.record({
      title: fc.string({ minLength: 1, maxLength: 40 }).filter((title) => /\S/.test(title)),
      locale: fc.constantFrom('nl' as const, 'en' as const),
      template: fc.constantFrom('benchlearning' as const, 'blank' as const),
      cards: fc.array(cardArb, { maxLength: 14 }),
      frames: fc.array(frameArb, { maxLength: 4 }),
      links: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), label: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }) }), {
        maxLength: 20,
      }),
    });
    fc.assert(
      fc.property(boardArb, (data) => {
        const board = newBoardDocs();
        initBoard(board, { title: data.title.trim(), template: data.template, locale: data.locale, withTemplateFrames: false });
        for (const frame of data.frames) addFrame(board, frame);
        const ids = data.cards.map((card) => {
          const id = addCard(board, { ...card, authorId: 'u' }, newId(), card.createdAt);
          for (const [who, count] of Object.entries(card.votes)) setVote(board, id, who, count);
          return id;
        });
        if (ids.length > 0) {
          for (const link of data.links) {
            const from = data.cards[link.from % ids.length]!;
            const to = data.cards[link.to % ids.length]!;
            if (to.kind === 'lesson' && LINKABLE_FROM_KINDS.includes(from.kind)) {
              linkCards(board, ids[link.from % ids.length]!, ids[link.to % ids.length]!, 'u', 7, link.label);
            }
          }
        }
        const first = exportBoard(board, NOW);
        const copy = newBoardDocs();
        importBoardText(copy, exportBoardJson(board, NOW), { now: NOW + 1 });
        const second = exportBoard(copy, NOW + 2);
        expect(normalized(second)).toEqual(normalized(first));
        expect(second.cards.map((card) => card.id)).not.toEqual(first.cards.length > 0 ? first.cards.map((card) => card.id) : ['none']);
      }),
      { numRuns: 150 },
    );
  });
});

describe('import validation', () => {
  const { board, ids } = sampleBoard();
  const valid = exportBoard(board, NOW);
  const lessonAt = valid.cards.findIndex((card) => card.id === ids.lesson1);
  const cardAt = (id: string) => valid.cards.findIndex((card) => card.id === id);

  function variant(change: (data: BoardExport & Record<string, unknown>) => void): string {
    const data = JSON.parse(JSON.stringify(valid)) as BoardExport & Record<string, unknown>;
    change(data);
    return JSON.stringify(data);
  }

  const cases: [string, string, string][] = [
    ['not JSON', '{"format": "benchlearn-board",', 'file: not valid JSON'],
    ['a list', '[]', 'file: must be a JSON object (a Benchlearn board export)'],
    ['another format', variant((d) => (d.format = 'trello' as 'benchlearn-board')), 'format: must be "benchlearn-board" (this is not a Benchlearn board file)'],
    ['a newer schema', variant((d) => (d.schema = 2)), 'schema: version 2 is newer than this version of Benchlearn understands (1)'],
    ['an older schema without migration', variant((d) => (d.schema = 0)), 'schema: version 0 is not supported (no migration from version 0)'],
    ['a schema that is not a number', variant((d) => ((d as Record<string, unknown>).schema = '1')), 'schema: must be a whole number'],
    ['a card text over the limit', variant((d) => (d.cards[3]!.text = 'x'.repeat(2001))), 'cards[3].text: must be at most 2000 characters'],
    ['a missing title', variant((d) => delete (d.board as Partial<BoardExport['board']>).title), 'board.title: is missing'],
    ['a blank title', variant((d) => (d.board.title = '   ')), 'board.title: must not be blank'],
    [
      'an unknown kind',
      variant((d) => ((d.cards[1] as Record<string, unknown>).kind = 'idea')),
      'cards[1].kind: must be one of success, problem, lesson, note',
    ],
    ['an unknown locale', variant((d) => ((d.board as Record<string, unknown>).locale = 'de')), 'board.locale: must be one of nl, en'],
    ['a malformed id', variant((d) => (d.cards[0]!.id = 'short')), 'cards[0].id: must be an id of 21 characters from A-Z, a-z, 0-9, _ and -'],
    ['a coordinate out of range', variant((d) => (d.cards[2]!.x = 1e10)), 'cards[2].x: must be at most 1000000000'],
    ['a text that is a number', variant((d) => ((d.cards[4] as Record<string, unknown>).text = 42)), 'cards[4].text: must be a string'],
    [
      'an unknown field',
      variant((d) => ((d.cards[0] as Record<string, unknown>).colour = 'red')),
      'cards[0].colour: is not a field of a Benchlearn board file',
    ],
    ['a fractional vote', variant((d) => (d.cards[lessonAt]!.votes = { 'u-ann': 1.5 })), `cards[${lessonAt}].votes["u-ann"]: must be a whole number`],
    [
      'a voter id that is too long',
      variant((d) => (d.cards[lessonAt]!.votes = { ['v'.repeat(101)]: 1 })),
      `cards[${lessonAt}].votes.${'v'.repeat(101)}: a voter id must be 1 to 100 characters`,
    ],
    ['a bad exportedAt', variant((d) => (d.exportedAt = 'yesterday')), 'exportedAt: must be a date and time in ISO-8601'],
    ['a duplicate card id', variant((d) => (d.cards[5]!.id = d.cards[2]!.id)), `cards[5].id: duplicate id ${valid.cards[2]!.id} (also cards[2])`],
    ['a duplicate frame id', variant((d) => (d.frames[2]!.id = d.frames[0]!.id)), `frames[2].id: duplicate id ${valid.frames[0]!.id} (also frames[0])`],
    ['a dangling link end', variant((d) => (d.links[2]!.to = 'A'.repeat(21))), `links[2].to: no card with id ${'A'.repeat(21)}`],
    ['a dangling link start', variant((d) => (d.links[1]!.from = 'B'.repeat(21))), `links[1].from: no card with id ${'B'.repeat(21)}`],
    ['a link into a success', variant((d) => (d.links[0]!.to = ids.success2)), `links[0].to: card ${ids.success2} is a success; a link must end at a lesson`],
    [
      'a link out of a lesson',
      variant((d) => (d.links[0] = { ...d.links[0]!, from: ids.lesson2, to: ids.lesson1 })),
      `links[0].from: card ${ids.lesson2} is a lesson; a link starts at a success, problem or note`,
    ],
    ['a self link', variant((d) => (d.links[0] = { ...d.links[0]!, from: ids.lesson1, to: ids.lesson1 })), 'links[0]: a card cannot be linked to itself'],
    [
      'a duplicate link',
      variant((d) => d.links.push({ ...d.links[0]!, id: 'another' })),
      `links[4]: duplicate link from ${valid.links[0]!.from} to ${valid.links[0]!.to} (also links[0])`,
    ],
    ['a duplicate link id', variant((d) => (d.links[3]!.id = d.links[1]!.id)), `links[3].id: duplicate id ${valid.links[1]!.id} (also links[1])`],
    ['too many cards', variant((d) => (d.cards = Array.from({ length: 20_001 }, () => ({ ...d.cards[0]! })))), 'cards: must have at most 20000 entries'],
  ];

  it.each(cases)('refuses %s', (_name, text, message) => {
    const target = newBoardDocs();
    let error: unknown;
    try {
      importBoardText(target, text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message.slice(0, message.length)).toBe(message);
    expect((error as ImportError).kind).toBe('invalid');
    // Nothing half-created.
    const empty = newBoardDocs();
    expect(Y.encodeStateAsUpdate(target.content)).toEqual(Y.encodeStateAsUpdate(empty.content));
    expect(Y.encodeStateAsUpdate(target.control)).toEqual(Y.encodeStateAsUpdate(empty.control));
  });

  it.each([
    ['a missing exportedAt', variant((d) => delete (d as Partial<BoardExport>).exportedAt), { path: ['exportedAt'], rule: 'missing' }],
    ['a card text over the limit', variant((d) => (d.cards[3]!.text = 'x'.repeat(2001))), { path: ['cards', 3, 'text'], rule: 'too-long', limit: 2000 }],
    ['a text that is a number', variant((d) => ((d.cards[4] as Record<string, unknown>).text = 42)), { path: ['cards', 4, 'text'], rule: 'wrong-type' }],
    ['a bad exportedAt', variant((d) => (d.exportedAt = 'yesterday')), { path: ['exportedAt'], rule: 'bad-date' }],
    ['a dangling link end', variant((d) => (d.links[2]!.to = 'A'.repeat(21))), { path: ['links', 2, 'to'], rule: 'broken-link' }],
    ['not JSON', '{"format": ', { path: [], rule: 'not-json' }],
    ['another format', variant((d) => (d.format = 'trello' as 'benchlearn-board')), { path: [], rule: 'not-board-file' }],
    ['a newer schema', variant((d) => (d.schema = 99)), { path: ['schema'], rule: 'newer-version' }],
  ])('names the rule and the field of %s, for a message in the reader’s language', (_name, text, problem) => {
    let error: unknown;
    try {
      parseBoardExport(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).problem).toEqual(problem);
  });

  it.each([
    ['a voter id __proto__', (json: string) => json.replace('"u-ann": 2', '"__proto__": 2'), `cards[${cardAt(ids.lesson2)}].votes.__proto__: forbidden key`],
    [
      'a card field constructor',
      (json: string) => json.replace('"kind": "lesson"', '"constructor": {"prototype": {"polluted": true}}, "kind": "lesson"'),
      `cards[${lessonAt}].constructor: forbidden key`,
    ],
    ['a top-level prototype', (json: string) => json.replace('"format"', '"prototype": 1, "format"'), 'prototype: forbidden key'],
    [
      'a nested __proto__ in an unknown field',
      (json: string) => json.replace('"authorId": "u-ann"', '"extra": [{"__proto__": {"x": 1}}], "authorId": "u-ann"'),
      'cards[0].extra[0].__proto__: forbidden key',
    ],
  ])('refuses prototype-polluting keys: %s', (_name, edit, message) => {
    const text = edit(exportBoardJson(board, NOW));
    expect(text).not.toBe(exportBoardJson(board, NOW));
    expect(() => parseBoardExport(text)).toThrow(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a file over the size limit before parsing it', () => {
    const text = exportBoardJson(board, NOW);
    expect(() => parseBoardExport(text, text.length - 1)).toThrow(/^file: larger than the import limit/);
    try {
      parseBoardExport(`"${'é'.repeat(600)}"`, 1000);
    } catch (error) {
      expect((error as ImportError).kind).toBe('too-large');
    }
    expect.assertions(2);
  });
});

describe('export migrations', () => {
  it('brings an older file up step by step before validating it (the hook a schema change uses)', () => {
    // A made-up schema 0 that called the card text `body`.
    const steps = {
      0: (data: Record<string, unknown>) => ({
        ...data,
        cards: (data.cards as Record<string, unknown>[]).map(({ body, ...card }) => ({ ...card, text: body })),
      }),
    };
    const old = { format: 'benchlearn-board', schema: 0, cards: [{ id: 'x', body: 'hello' }] };
    expect(migrateExport(old, steps, 1)).toEqual({ format: 'benchlearn-board', schema: 1, cards: [{ id: 'x', text: 'hello' }] });
    expect(() => migrateExport({ schema: 3 }, steps, 1)).toThrow('schema: version 3 is newer');
    expect(EXPORT_MIGRATIONS).toEqual({});
  });
});
