import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ROLES, roleAtLeast, type Role } from '@benchlearn/shared';
import { writeJson, type KeyValueStore } from './storage';

export const RECENT_BOARDS_KEY = 'benchlearn:recent-boards';
export const MAX_RECENT_BOARDS = 30;

const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));

/**
 * One board this browser opened with one role. A facilitator who also opens the viewer link
 * keeps both entries, so trying the viewer link never loses the facilitator's access.
 */
const RecentBoard = Type.Object({
  boardId: Type.String({ minLength: 1, maxLength: 200 }),
  role: RoleSchema,
  token: Type.String({ minLength: 1, maxLength: 1000 }),
  title: Type.String({ maxLength: 1000 }),
  lastOpened: Type.Number(),
  locked: Type.Boolean(),
  /** Links the facilitator can hand out, known when this browser created the board. */
  share: Type.Optional(
    Type.Object({
      editor: Type.Optional(Type.String({ maxLength: 1000 })),
      viewer: Type.Optional(Type.String({ maxLength: 1000 })),
    }),
  ),
});
export type RecentBoard = Static<typeof RecentBoard>;

export function loadRecentBoards(store: KeyValueStore): RecentBoard[] {
  let raw: unknown;
  try {
    raw = JSON.parse(store.getItem(RECENT_BOARDS_KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  // One bad entry (an older format, a hand edit) must not hide the others.
  const boards = raw.filter((entry): entry is RecentBoard => Value.Check(RecentBoard, entry));
  return boards.sort((a, b) => b.lastOpened - a.lastOpened);
}

function save(store: KeyValueStore, boards: RecentBoard[]): RecentBoard[] {
  const kept = boards.sort((a, b) => b.lastOpened - a.lastOpened).slice(0, MAX_RECENT_BOARDS);
  writeJson(store, RECENT_BOARDS_KEY, kept);
  return kept;
}

export interface OpenedBoard {
  boardId: string;
  role: Role;
  token: string;
  title?: string;
  locked?: boolean;
  share?: RecentBoard['share'];
}

/** Records that this browser opened a board with a role; returns the new list. */
export function rememberBoard(store: KeyValueStore, opened: OpenedBoard, now: number = Date.now()): RecentBoard[] {
  const boards = loadRecentBoards(store);
  const previous = boards.find((b) => b.boardId === opened.boardId && (b.role === opened.role || b.token === opened.token));
  const others = boards.filter((b) => b !== previous);
  const entry: RecentBoard = {
    boardId: opened.boardId,
    role: opened.role,
    token: opened.token,
    title: opened.title ?? previous?.title ?? '',
    lastOpened: now,
    locked: opened.locked ?? previous?.locked ?? false,
  };
  const share = opened.share ?? (previous?.token === opened.token ? previous.share : undefined);
  if (share) entry.share = share;
  return save(store, [entry, ...others]);
}

/** Forgets a board on this browser: every role of it. */
export function forgetBoard(store: KeyValueStore, boardId: string): RecentBoard[] {
  return save(
    store,
    loadRecentBoards(store).filter((b) => b.boardId !== boardId),
  );
}

/** What this browser last knew about a token: lets a board open read/write while offline. */
export function knownAccess(store: KeyValueStore, boardId: string, token: string): RecentBoard | null {
  return loadRecentBoards(store).find((b) => b.boardId === boardId && b.token === token) ?? null;
}

/** The strongest token this browser holds for a board (to open it from a bare `/b/:id`). */
export function bestKnownToken(store: KeyValueStore, boardId: string): string | null {
  let best: RecentBoard | null = null;
  for (const board of loadRecentBoards(store)) {
    if (board.boardId !== boardId) continue;
    if (!best || (roleAtLeast(board.role, best.role) && board.role !== best.role)) best = board;
  }
  return best?.token ?? null;
}
