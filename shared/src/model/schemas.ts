import { Type, type Static } from '@sinclair/typebox';
import { ID_PATTERN } from './ids';
import { MAX_CARD_TEXT, MAX_TITLE_LENGTH } from '../protocol/limits';

export const CARD_KINDS = ['success', 'problem', 'lesson', 'note'] as const;
export const CardKind = Type.Union(CARD_KINDS.map((k) => Type.Literal(k)));
export type CardKind = (typeof CARD_KINDS)[number];

/** Kinds that may be the `from` end of a link; `to` is always a lesson. */
export const LINKABLE_FROM_KINDS: readonly CardKind[] = ['success', 'problem', 'note'];

export const TEMPLATES = ['benchlearning', 'retrospective', 'by-organisation', 'blank'] as const;
export const Template = Type.Union(TEMPLATES.map((t) => Type.Literal(t)));
export type Template = (typeof TEMPLATES)[number];

export const LOCALES = ['nl', 'en'] as const;
export const Locale = Type.Union(LOCALES.map((l) => Type.Literal(l)));
export type Locale = (typeof LOCALES)[number];

export const Id = Type.String({ pattern: ID_PATTERN });
const Finite = Type.Number({ minimum: -1e9, maximum: 1e9 });
const Size = Type.Number({ minimum: 1, maximum: 1e6 });
const Ms = Type.Number({ minimum: 0 });

export const Title = Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH });

export const Meta = Type.Object({
  schema: Type.Integer({ minimum: 1 }),
  title: Type.String({ maxLength: MAX_TITLE_LENGTH }),
  template: Type.String(),
  createdAt: Ms,
  locale: Locale,
});
export type Meta = Static<typeof Meta>;

/**
 * Where a lesson placed from its network's library came from (docs/model.md, "Card source"):
 * the entry and its version, the network, the source board's title and how much evidence
 * backed it there. Written once, whole, when the card is placed; never edited.
 */
export const CardSource = Type.Object(
  {
    entryId: Type.String({ minLength: 1, maxLength: 64 }),
    version: Type.Integer({ minimum: 1, maximum: 1e9 }),
    networkId: Type.String({ minLength: 1, maxLength: 64 }),
    boardTitle: Type.String({ maxLength: MAX_TITLE_LENGTH }),
    evidence: Type.Integer({ minimum: 0, maximum: 1e6 }),
  },
  { additionalProperties: false },
);
export type CardSource = Static<typeof CardSource>;

/** A card as plain data (the `text` Y.Text read as a string). */
export const Card = Type.Object({
  id: Id,
  kind: CardKind,
  text: Type.String({ maxLength: MAX_CARD_TEXT }),
  x: Finite,
  y: Finite,
  w: Size,
  h: Size,
  z: Type.String({ minLength: 1, maxLength: 200 }),
  authorId: Type.String({ maxLength: 100 }),
  authorName: Type.String({ maxLength: 100 }),
  org: Type.Optional(Type.String({ maxLength: 200 })),
  createdAt: Ms,
  votes: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Integer({ minimum: 0, maximum: 1000 }))),
  source: Type.Optional(CardSource),
});
export type Card = Static<typeof Card>;

export const Link = Type.Object({
  id: Type.String(),
  from: Id,
  to: Id,
  label: Type.Optional(Type.String({ maxLength: 200 })),
  authorId: Type.String({ maxLength: 100 }),
  createdAt: Ms,
});
export type Link = Static<typeof Link>;

export const Frame = Type.Object({
  id: Id,
  title: Type.String({ maxLength: MAX_TITLE_LENGTH }),
  x: Finite,
  y: Finite,
  w: Size,
  h: Size,
  z: Type.String({ minLength: 1, maxLength: 200 }),
  color: Type.Optional(Type.String({ maxLength: 50 })),
});
export type Frame = Static<typeof Frame>;

export const Point = Type.Object({ x: Type.Number(), y: Type.Number() });

/** Awareness state of one client (contract §2). Coordinates in board units. */
export const Presence = Type.Object({
  user: Type.Object({
    id: Type.String({ maxLength: 100 }),
    name: Type.String({ maxLength: 100 }),
    color: Type.String({ maxLength: 50 }),
  }),
  cursor: Type.Union([Point, Type.Null()]),
  viewport: Type.Object({
    x: Type.Number(),
    y: Type.Number(),
    scale: Type.Number(),
    width: Type.Number(),
    height: Type.Number(),
  }),
  selection: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 5000 }),
  presenting: Type.Boolean(),
  dragging: Type.Union([
    Type.Object({ ids: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 5000 }), dx: Type.Number(), dy: Type.Number() }),
    Type.Null(),
  ]),
});
export type Presence = Static<typeof Presence>;
