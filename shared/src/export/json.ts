import { Value } from '@sinclair/typebox/value';
import { addCard } from '../board/cards';
import { initBoard } from '../board/create';
import { transactBoard, type BoardDocs } from '../board/doc';
import { EXPORT_SCHEMA_VERSION } from '../migrate/export';
import { addFrame } from '../board/frames';
import { linkCards, MAX_LINK_LABEL } from '../board/links';
import { cardsById, isDrawnLink, readCards, readFrames, readLinks, readMeta } from '../board/read';
import { MAX_VOTES_PER_VOTER } from '../board/votes';
import { isId, linkId, newId } from '../model/ids';
import {
  BoardExport,
  EXPORT_FORMAT,
  MAX_IMPORT_BYTES,
  MAX_VOTER_ID_LENGTH,
  MAX_VOTERS_PER_CARD,
  type ExportCard,
  type ExportFrame,
  type ExportLink,
} from '../model/export';
import { LINKABLE_FROM_KINDS, TEMPLATES, type Card, type Frame, type Template } from '../model/schemas';
import { migrateExport, ExportSchemaError, type ExportData } from '../migrate/export';
import { MAX_CARD_TEXT, MAX_TITLE_LENGTH, MIB } from '../protocol/limits';
import { formatPath, ImportError, valueImportError } from './errors';

/** Keys that could reach an object's prototype when a file is merged into plain objects. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const COORD_LIMIT = 1e9;
const SIZE_LIMIT = 1e6;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function isVoterId(voter: string): boolean {
  return voter.length > 0 && voter.length <= MAX_VOTER_ID_LENGTH && !FORBIDDEN_KEYS.has(voter);
}

/** Position, size and stacking of a card or frame, brought within the export schema's limits. */
function exportPlace(item: { x: number; y: number; w: number; h: number; z: string }) {
  return {
    x: clamp(item.x, -COORD_LIMIT, COORD_LIMIT),
    y: clamp(item.y, -COORD_LIMIT, COORD_LIMIT),
    w: clamp(item.w, 1, SIZE_LIMIT),
    h: clamp(item.h, 1, SIZE_LIMIT),
    z: item.z.slice(0, 200) || 'a0',
  };
}

/**
 * A card as the file holds it. A board written by a foreign client may hold values past the
 * model's limits; they are clamped so that every export imports again (size permitting).
 */
function exportCard(card: Card): ExportCard {
  const out: ExportCard = {
    id: card.id,
    kind: card.kind,
    text: card.text.slice(0, MAX_CARD_TEXT),
    ...exportPlace(card),
    authorId: card.authorId.slice(0, 100),
    authorName: card.authorName.slice(0, 100),
    createdAt: Math.max(0, card.createdAt),
  };
  if (card.org) out.org = card.org.slice(0, 200);
  if (card.source) out.source = { ...card.source };
  if (card.votes) {
    const votes: Record<string, number> = {};
    let voters = 0;
    for (const [voter, count] of Object.entries(card.votes)) {
      if (voters >= MAX_VOTERS_PER_CARD || !isVoterId(voter) || !Number.isInteger(count) || count <= 0) continue;
      votes[voter] = Math.min(count, MAX_VOTES_PER_VOTER);
      voters += 1;
    }
    if (voters > 0) out.votes = votes;
  }
  return out;
}

function exportFrame(frame: Frame): ExportFrame {
  const out: ExportFrame = {
    id: frame.id,
    title: frame.title.slice(0, MAX_TITLE_LENGTH),
    ...exportPlace(frame),
  };
  if (frame.color) out.color = frame.color.slice(0, 50);
  return out;
}

/**
 * The board as the contract's JSON export. Only drawn links are exported: a link whose card was
 * deleted (or changed kind) elsewhere at the same moment stays in the document but means
 * nothing, and the importer would refuse it as dangling. Cards and frames whose key is not a
 * model id (only a foreign client writes those) are left out, with their links.
 */
export function exportBoard(board: BoardDocs, now: number = Date.now()): BoardExport {
  const meta = readMeta(board);
  const cards = readCards(board)
    .filter((card) => isId(card.id))
    .map(exportCard);
  const byId = cardsById(cards);
  const links: ExportLink[] = readLinks(board)
    .filter((link) => isDrawnLink(link, byId))
    .map((link) => {
      const out: ExportLink = {
        id: linkId(link.from, link.to),
        from: link.from,
        to: link.to,
        authorId: link.authorId.slice(0, 100),
        createdAt: Math.max(0, link.createdAt),
      };
      if (link.label) out.label = link.label.slice(0, MAX_LINK_LABEL);
      return out;
    });
  const frames = readFrames(board)
    .filter((frame) => isId(frame.id))
    .map(exportFrame);
  const template: Template = (TEMPLATES as readonly string[]).includes(meta.template) ? (meta.template as Template) : 'blank';
  return {
    format: EXPORT_FORMAT,
    schema: EXPORT_SCHEMA_VERSION,
    exportedAt: new Date(now).toISOString(),
    board: {
      title: meta.title.trim().slice(0, MAX_TITLE_LENGTH) || 'Board',
      template,
      locale: meta.locale,
      createdAt: Math.max(0, meta.createdAt),
    },
    cards,
    links,
    frames,
  };
}

/** The JSON export as a file's text (indented: people read and diff these files). */
export function exportBoardJson(board: BoardDocs, now: number = Date.now()): string {
  return `${JSON.stringify(exportBoard(board, now), null, 2)}\n`;
}

/** UTF-8 length of a string without TextEncoder (shared runs where only ES2022 is promised). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The first key anywhere in the value that could pollute a prototype, as a path. Iterative:
 * a hostile file may nest deeper than the call stack.
 */
function findForbiddenKey(root: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      for (const key of keys) {
        if (FORBIDDEN_KEYS.has(key)) return [...path, key];
      }
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: value[keys[i]!], path: [...path, keys[i]!] });
    }
  }
  return null;
}

/** Checks what a schema cannot: unique ids, links between existing cards of the right kinds. */
function checkReferences(data: BoardExport): void {
  const cardIndex = new Map<string, number>();
  data.cards.forEach((card, i) => {
    const first = cardIndex.get(card.id);
    if (first !== undefined)
      throw new ImportError(`cards[${i}].id: duplicate id ${card.id} (also cards[${first}])`, 'invalid', { path: ['cards', i, 'id'], rule: 'duplicate-id' });
    cardIndex.set(card.id, i);
    for (const voter of Object.keys(card.votes ?? {})) {
      if (!isVoterId(voter)) {
        throw new ImportError(`${formatPath(['cards', i, 'votes', voter])}: a voter id must be 1 to ${MAX_VOTER_ID_LENGTH} characters`, 'invalid', {
          path: ['cards', i, 'votes', voter],
          rule: 'bad-id',
        });
      }
    }
  });
  const frameIndex = new Map<string, number>();
  data.frames.forEach((frame, i) => {
    const first = frameIndex.get(frame.id);
    if (first !== undefined)
      throw new ImportError(`frames[${i}].id: duplicate id ${frame.id} (also frames[${first}])`, 'invalid', {
        path: ['frames', i, 'id'],
        rule: 'duplicate-id',
      });
    frameIndex.set(frame.id, i);
  });
  const linkIndex = new Map<string, number>();
  const pairIndex = new Map<string, number>();
  data.links.forEach((link, i) => {
    const first = linkIndex.get(link.id);
    if (first !== undefined)
      throw new ImportError(`links[${i}].id: duplicate id ${link.id} (also links[${first}])`, 'invalid', { path: ['links', i, 'id'], rule: 'duplicate-id' });
    linkIndex.set(link.id, i);
    const fromAt = cardIndex.get(link.from);
    if (fromAt === undefined)
      throw new ImportError(`links[${i}].from: no card with id ${link.from}`, 'invalid', { path: ['links', i, 'from'], rule: 'broken-link' });
    const toAt = cardIndex.get(link.to);
    if (toAt === undefined) throw new ImportError(`links[${i}].to: no card with id ${link.to}`, 'invalid', { path: ['links', i, 'to'], rule: 'broken-link' });
    if (link.from === link.to) throw new ImportError(`links[${i}]: a card cannot be linked to itself`, 'invalid', { path: ['links', i], rule: 'broken-link' });
    const to = data.cards[toAt]!;
    if (to.kind !== 'lesson')
      throw new ImportError(`links[${i}].to: card ${link.to} is a ${to.kind}; a link must end at a lesson`, 'invalid', {
        path: ['links', i, 'to'],
        rule: 'broken-link',
      });
    const from = data.cards[fromAt]!;
    if (!LINKABLE_FROM_KINDS.includes(from.kind)) {
      throw new ImportError(`links[${i}].from: card ${link.from} is a ${from.kind}; a link starts at a success, problem or note`, 'invalid', {
        path: ['links', i, 'from'],
        rule: 'broken-link',
      });
    }
    const pair = linkId(link.from, link.to);
    const samePair = pairIndex.get(pair);
    if (samePair !== undefined)
      throw new ImportError(`links[${i}]: duplicate link from ${link.from} to ${link.to} (also links[${samePair}])`, 'invalid', {
        path: ['links', i],
        rule: 'duplicate-id',
      });
    pairIndex.set(pair, i);
  });
}

/**
 * Validates parsed JSON as a board file: format, forbidden keys, schema version (older ones
 * migrated), the schema itself, then references. Throws an ImportError with the first problem.
 */
export function validateBoardExport(value: unknown): BoardExport {
  if (!isPlainObject(value)) throw new ImportError('file: must be a JSON object (a Benchlearn board export)', 'invalid', { path: [], rule: 'not-board-file' });
  if (value.format !== EXPORT_FORMAT) {
    throw new ImportError(`format: must be "${EXPORT_FORMAT}" (this is not a Benchlearn board file)`, 'invalid', { path: [], rule: 'not-board-file' });
  }
  const forbidden = findForbiddenKey(value);
  if (forbidden) throw new ImportError(`${formatPath(forbidden)}: forbidden key`, 'invalid', { path: forbidden, rule: 'forbidden-key' });
  let data: ExportData;
  try {
    data = migrateExport(value);
  } catch (error) {
    if (error instanceof ExportSchemaError) {
      const rule = error.schema > EXPORT_SCHEMA_VERSION ? 'newer-version' : Number.isInteger(error.schema) ? 'invalid' : 'wrong-type';
      throw new ImportError(error.message, 'invalid', { path: ['schema'], rule });
    }
    throw error;
  }
  const first = Value.Errors(BoardExport, data).First();
  if (first) throw valueImportError(first);
  const board = data as BoardExport;
  checkReferences(board);
  return board;
}

/** Parses and validates a board file's text (size first: nothing big is parsed for nothing). */
export function parseBoardExport(text: string, maxBytes: number = MAX_IMPORT_BYTES): BoardExport {
  // Cheap bound first; the exact UTF-8 count only when it could matter.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes)) {
    throw new ImportError(`file: larger than the import limit of ${formatBytes(maxBytes)}`, 'too-large', { path: [], rule: 'too-large', limit: maxBytes });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`file: not valid JSON (${error instanceof Error ? error.message : 'parse error'})`, 'invalid', { path: [], rule: 'not-json' });
  }
  return validateBoardExport(value);
}

function formatBytes(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

export interface ImportOptions {
  /** The new board's creation time (ms); default now. */
  now?: number;
  /**
   * Keep the file's card and frame ids. Default false: an import makes a new board, so it gets
   * new ids (two boards imported from one file share nothing). Links follow their cards.
   */
  keepIds?: boolean;
}

/**
 * Writes a validated board file into an empty document, through the board API, in one
 * transaction: meta (created now), the file's frames (not the template's), cards with their
 * stacking, votes and creation times, links with their labels and creation times.
 * Returns the map from the file's card ids to the board's.
 */
export function importBoard(board: BoardDocs, data: BoardExport, options: ImportOptions = {}): Map<string, string> {
  const fresh = (id: string) => (options.keepIds ? id : newId());
  const ids = new Map<string, string>();
  transactBoard(board, () => {
    initBoard(board, {
      title: data.board.title.trim(),
      template: data.board.template,
      locale: data.board.locale,
      createdAt: options.now ?? Date.now(),
      withTemplateFrames: false,
    });
    for (const frame of data.frames) {
      const { id, ...fields } = frame;
      addFrame(board, fields, fresh(id));
    }
    for (const card of data.cards) {
      const id = fresh(card.id);
      ids.set(card.id, id);
      addCard(
        board,
        {
          kind: card.kind,
          x: card.x,
          y: card.y,
          w: card.w,
          h: card.h,
          text: card.text,
          authorId: card.authorId,
          authorName: card.authorName,
          org: card.org,
          z: card.z,
          votes: card.votes,
          source: card.source,
        },
        id,
        card.createdAt,
      );
    }
    for (const link of data.links) {
      const result = linkCards(board, ids.get(link.from)!, ids.get(link.to)!, link.authorId, link.createdAt, link.label);
      // Validation guarantees both ends and their kinds; a refusal here is a bug, not bad input.
      if (!result.ok) throw new Error(`link ${link.id} was refused: ${result.reason}`);
    }
  });
  return ids;
}

/**
 * A board file's text into an empty document: parsed and validated completely first, so an
 * invalid file leaves the document untouched (nothing half-created). Throws an ImportError.
 */
export function importBoardText(board: BoardDocs, text: string, options: ImportOptions = {}): BoardExport {
  const data = parseBoardExport(text);
  importBoard(board, data, options);
  return data;
}
