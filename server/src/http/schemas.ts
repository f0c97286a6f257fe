import { Type, type Static } from '@sinclair/typebox';
import { Locale, MAX_ORGANISATION_LENGTH, MAX_ORGANISATIONS, MAX_TITLE_LENGTH, Template } from '@benchlearn/shared';

export const RoleName = Type.Union([Type.Literal('facilitator'), Type.Literal('editor'), Type.Literal('viewer')]);

/** Not the id pattern: a malformed id is an unknown board (404), not bad input. */
export const BoardParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** Trimmed by the handler; it must hold at least one visible character. */
export const TitleField = Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH, pattern: '\\S' });

export const CreateBoardBody = Type.Object(
  {
    title: TitleField,
    template: Type.Optional(Template),
    locale: Type.Optional(Locale),
    /** The columns of a `by-organisation` board (required there, ignored by other templates). */
    organisations: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: MAX_ORGANISATION_LENGTH, pattern: '\\S' }), {
        minItems: 1,
        maxItems: MAX_ORGANISATIONS,
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateBoardBody = Static<typeof CreateBoardBody>;

export const PatchBoardBody = Type.Object(
  {
    title: Type.Optional(TitleField),
    locked: Type.Optional(Type.Boolean()),
    /** Extension: whether projectors show the join QR code (room state, not stored). */
    showJoin: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const PerRole = Type.Object({ facilitator: Type.String(), editor: Type.String(), viewer: Type.String() });

export const CreatedBoard = Type.Object({
  id: Type.String(),
  title: Type.String(),
  tokens: PerRole,
  links: Type.Object({
    facilitator: Type.String(),
    editor: Type.String(),
    viewer: Type.String(),
    /** Extension: the projector view, with the viewer token. */
    present: Type.String(),
  }),
});

export const Counts = Type.Object({
  success: Type.Integer(),
  problem: Type.Integer(),
  lesson: Type.Integer(),
  note: Type.Integer(),
  links: Type.Integer(),
});

export const BoardView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  role: RoleName,
  createdAt: Type.Number(),
  locked: Type.Boolean(),
  counts: Counts,
  /** The network the board belongs to (docs/api.md, "Networks and the lessons library"); null: none. */
  network: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
});
export type BoardView = Static<typeof BoardView>;

export const RotatedToken = Type.Object({ token: Type.String(), link: Type.String() });

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
