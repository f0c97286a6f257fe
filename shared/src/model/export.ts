import { Type, type Static } from '@sinclair/typebox';
import { MAX_TITLE_LENGTH, MIB } from '../protocol/limits';
import { Card, Frame, Link, Locale, Template } from './schemas';

/** The JSON export's `format` value: what tells a Benchlearn board file from any other JSON. */
export const EXPORT_FORMAT = 'benchlearn-board';

/** Import limits. A board file beyond them is refused as a whole, before anything is created. */
export const MAX_IMPORT_BYTES = 8 * MIB;
export const MAX_IMPORT_CARDS = 20_000;
export const MAX_IMPORT_LINKS = 50_000;
export const MAX_IMPORT_FRAMES = 1_000;
export const MAX_VOTERS_PER_CARD = 1_000;
export const MAX_VOTER_ID_LENGTH = 100;

const strict = { additionalProperties: false } as const;

/**
 * One card of the export: the model's card, and nothing else (a file is either exactly this
 * or refused). Voter ids are checked by the importer (length, forbidden keys) since a record's
 * key schema does not carry constraints.
 */
export const ExportCard = Type.Object(
  {
    ...Card.properties,
    votes: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 1000 }), { maxProperties: MAX_VOTERS_PER_CARD })),
  },
  strict,
);
export type ExportCard = Static<typeof ExportCard>;

export const ExportLink = Type.Object({ ...Link.properties, id: Type.String({ minLength: 1, maxLength: 100 }) }, strict);
export type ExportLink = Static<typeof ExportLink>;

export const ExportFrame = Type.Object(Frame.properties, strict);
export type ExportFrame = Static<typeof ExportFrame>;

export const ExportBoardMeta = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH, pattern: '\\S' }),
    template: Template,
    locale: Locale,
    createdAt: Type.Number({ minimum: 0 }),
  },
  strict,
);

/** The contract's JSON export (§1 "The JSON export"), current schema. Text as plain strings. */
export const BoardExport = Type.Object(
  {
    format: Type.Literal(EXPORT_FORMAT),
    schema: Type.Integer({ minimum: 1 }),
    exportedAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}', maxLength: 40 }),
    board: ExportBoardMeta,
    cards: Type.Array(ExportCard, { maxItems: MAX_IMPORT_CARDS }),
    links: Type.Array(ExportLink, { maxItems: MAX_IMPORT_LINKS }),
    frames: Type.Array(ExportFrame, { maxItems: MAX_IMPORT_FRAMES }),
  },
  strict,
);
export type BoardExport = Static<typeof BoardExport>;
