import { Type, type Static } from '@sinclair/typebox';
import { Locale } from '../model/schemas';

/**
 * A library entry as the API answers it (GET /api/networks/:id/lessons, a board's library): one
 * schema for the server's route answers and the web app's check of them.
 */
export const LibraryEvidenceView = Type.Object({
  kind: Type.String(),
  text: Type.String(),
  organisation: Type.Union([Type.String(), Type.Null()]),
  votes: Type.Integer(),
  author: Type.Optional(Type.String()),
});
export type LibraryEvidenceView = Static<typeof LibraryEvidenceView>;

/** `[from, to)` character ranges of the matched words in `text`. */
export const LibrarySnippet = Type.Object({ text: Type.String(), marks: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])) });
export type LibrarySnippet = Static<typeof LibrarySnippet>;

/** One published lesson with its evidence; `snippet` only in a search with words. */
export const LibraryEntryView = Type.Object({
  id: Type.String({ minLength: 1 }),
  version: Type.Integer({ minimum: 1 }),
  lessonId: Type.String(),
  text: Type.String(),
  organisation: Type.Union([Type.String(), Type.Null()]),
  votes: Type.Integer(),
  author: Type.Optional(Type.String()),
  evidence: Type.Array(LibraryEvidenceView),
  organisations: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  boardId: Type.String(),
  boardTitle: Type.String(),
  language: Locale,
  publishedAt: Type.Number(),
  snippet: Type.Optional(LibrarySnippet),
});
export type LibraryEntryView = Static<typeof LibraryEntryView>;
