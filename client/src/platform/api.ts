import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LOCALES, ROLES, TEMPLATES, type Locale, type Role as RoleName, type Template } from '@benchlearn/shared';

const Role = Type.Union(ROLES.map((role) => Type.Literal(role)));
const ByRole = Type.Object({ facilitator: Type.String(), editor: Type.String(), viewer: Type.String() });

/** 201 of POST /api/boards (contract §4). */
export const CreatedBoard = Type.Object({ id: Type.String({ minLength: 1 }), title: Type.String(), tokens: ByRole, links: ByRole });
export type CreatedBoard = Static<typeof CreatedBoard>;

/** 200 of GET /api/boards/:id (contract §4). */
export const BoardInfo = Type.Object({
  id: Type.String({ minLength: 1 }),
  title: Type.String(),
  role: Role,
  locked: Type.Boolean(),
  createdAt: Type.Optional(Type.Number()),
  /** The network the board belongs to (docs/api.md); null or absent: none. */
  network: Type.Optional(Type.Union([Type.Object({ id: Type.String({ minLength: 1 }), name: Type.String() }), Type.Null()])),
});
export type BoardInfo = Static<typeof BoardInfo>;

const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

export type ApiErrorKind = 'network' | 'bad-response' | 'http';

/** A failed API call, with what the user should be told (see apiErrorMessageKey). */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status; 0 when there was no answer. */
    readonly status: number,
    /** The server's `{error: {code, message}}`, when it sent one. */
    readonly serverCode: string | null = null,
    readonly serverMessage: string | null = null,
  ) {
    super(serverMessage ?? `${kind} ${status}`);
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A JSON request whose answer must match `schema`; failures become an ApiError. */
export async function requestJson<S extends TSchema>(fetchImpl: Fetch, schema: S, path: string, init: RequestInit): Promise<Static<S>> {
  let response: Response;
  try {
    response = await fetchImpl(path, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw new ApiError('network', 0, 'timeout');
    throw new ApiError('network', 0);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // An empty or non-JSON body: judged by the status below.
  }
  if (!response.ok) {
    const error = Value.Check(ErrorBody, body) ? body.error : null;
    throw new ApiError('http', response.status, error?.code ?? null, error?.message ?? null);
  }
  if (!Value.Check(schema, body)) throw new ApiError('bad-response', response.status);
  return body;
}

export interface NewBoardInput {
  title: string;
  template: Template;
  locale: Locale;
  /** The columns of a by-organisation board. */
  organisations?: string[];
}

export function createBoard(input: NewBoardInput, fetchImpl: Fetch = fetch): Promise<CreatedBoard> {
  return requestJson(fetchImpl, CreatedBoard, '/api/boards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}

/** The board's title, your role and whether it is locked. Gives up after `timeoutMs` (offline). */
export async function getBoard(boardId: string, token: string, fetchImpl: Fetch = fetch, timeoutMs = 8000): Promise<BoardInfo> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    return await requestJson(fetchImpl, BoardInfo, `/api/boards/${encodeURIComponent(boardId)}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** A facilitator's change to the board: title, lock, the projector's join code. */
export function patchBoard(
  boardId: string,
  token: string,
  changes: { title?: string; locked?: boolean; showJoin?: boolean },
  fetchImpl: Fetch = fetch,
): Promise<BoardInfo> {
  return requestJson(fetchImpl, BoardInfo, `/api/boards/${encodeURIComponent(boardId)}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(changes),
  });
}

export const RotatedToken = Type.Object({ token: Type.String({ minLength: 1 }), link: Type.String() });
export type RotatedToken = Static<typeof RotatedToken>;

/** A new link for a role; the old one stops working (its open sockets are closed too). */
export function rotateToken(boardId: string, token: string, role: RoleName, fetchImpl: Fetch = fetch): Promise<RotatedToken> {
  return requestJson(fetchImpl, RotatedToken, `/api/boards/${encodeURIComponent(boardId)}/tokens/${role}/rotate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
}

export const JoinCode = Type.Object({ code: Type.String({ minLength: 1 }), url: Type.String({ minLength: 1 }) });
export type JoinCode = Static<typeof JoinCode>;

/** The board's short join code for the projector (docs/api.md): `token` may watch, `editorToken` is what the code leads to. */
export function joinCode(boardId: string, token: string, editorToken: string, fetchImpl: Fetch = fetch): Promise<JoinCode> {
  return requestJson(fetchImpl, JoinCode, `/api/boards/${encodeURIComponent(boardId)}/join-code`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ editorToken }),
  });
}

export type ApiErrorMessageKey =
  | 'errors.network'
  | 'errors.badResponse'
  | 'errors.badRequest'
  | 'errors.unauthorized'
  | 'errors.forbidden'
  | 'errors.notFound'
  | 'errors.tooLarge'
  | 'errors.tooMany'
  | 'errors.unknown';

/** Which words tell the user what went wrong (app namespace). */
export function apiErrorMessageKey(error: unknown): ApiErrorMessageKey {
  if (!(error instanceof ApiError)) return 'errors.unknown';
  if (error.kind === 'network') return 'errors.network';
  if (error.kind === 'bad-response') return 'errors.badResponse';
  switch (error.status) {
    case 400:
      return 'errors.badRequest';
    case 401:
      return 'errors.unauthorized';
    case 403:
      return 'errors.forbidden';
    case 404:
      return 'errors.notFound';
    case 413:
      return 'errors.tooLarge';
    case 429:
      return 'errors.tooMany';
    default:
      return 'errors.unknown';
  }
}

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);
export const isTemplate = (value: string): value is Template => (TEMPLATES as readonly string[]).includes(value);
