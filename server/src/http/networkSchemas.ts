import { Type, type Static } from '@sinclair/typebox';
import { LibraryEntryView, Locale, MAX_TITLE_LENGTH } from '@benchlearn/shared';
import { Counts } from './schemas';

export const NetworkRoleName = Type.Union([Type.Literal('coordinator'), Type.Literal('member')]);

/** Not an id pattern: a malformed id is an unknown network (404), not bad input. */
export const NetworkParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const EntryParams = Type.Object({ id: Type.String({ maxLength: 64 }), entryId: Type.String({ maxLength: 64 }) });

export const CreateNetworkBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH, pattern: '\\S' }), locale: Type.Optional(Locale) },
  { additionalProperties: false },
);

const PerNetworkRole = Type.Object({ coordinator: Type.String(), member: Type.String() });
export const CreatedNetwork = Type.Object({ id: Type.String(), name: Type.String(), tokens: PerNetworkRole, links: PerNetworkRole });

export const NetworkView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  locale: Locale,
  role: NetworkRoleName,
  createdAt: Type.Number(),
  boards: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), createdAt: Type.Number(), counts: Counts })),
  entries: Type.Integer(),
});
export type NetworkView = Static<typeof NetworkView>;

/** At most this many tags, each this long: a publication is not a place for essays. */
const Tag = Type.String({ minLength: 1, maxLength: 40, pattern: '\\S' });

export const PublishBody = Type.Object(
  {
    lessons: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1000 })),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 10 })),
  },
  { additionalProperties: false },
);

export const Published = Type.Object({ entries: Type.Array(Type.Object({ id: Type.String(), version: Type.Integer() })) });

/** A query longer than this, or of more words, is refused (400): search cost grows with both. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 12;
export const MAX_PAGE = 100;

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH })),
  org: Type.Optional(Type.String({ maxLength: 200 })),
  tag: Type.Optional(Type.String({ maxLength: 40 })),
  board: Type.Optional(Type.String({ maxLength: 64 })),
  /** A query string is text (no coercion here): digits, 1 to MAX_PAGE. */
  limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$' })),
  cursor: Type.Optional(Type.String({ maxLength: 40 })),
  token: Type.Optional(Type.String()),
});

export const SearchAnswer = Type.Object({ entries: Type.Array(LibraryEntryView), next: Type.Union([Type.String(), Type.Null()]) });

export const LIBRARY_FORMATS = ['md', 'csv', 'json'] as const;
export type LibraryFormat = (typeof LIBRARY_FORMATS)[number];

export const LibraryExportQuery = Type.Object({
  format: Type.Optional(Type.Unsafe<LibraryFormat>({ type: 'string', enum: [...LIBRARY_FORMATS] })),
  org: Type.Optional(Type.String({ maxLength: 200 })),
  tag: Type.Optional(Type.String({ maxLength: 40 })),
  token: Type.Optional(Type.String()),
});

export const FeedQuery = Type.Object({ tag: Type.Optional(Type.String({ maxLength: 40 })), token: Type.Optional(Type.String()) });
