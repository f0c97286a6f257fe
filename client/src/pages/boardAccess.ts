import type { Role } from '@benchlearn/shared';
import { ApiError, type BoardInfo } from '../platform/api';
import { closeCodeForHttpStatus } from '../sync/closeCodes';
import type { RecentBoard } from '../platform/recentBoards';

/** What the board page knows about your access to a board. */
export type BoardAccess =
  | { phase: 'loading' }
  | {
      phase: 'ready';
      role: Role;
      locked: boolean;
      title: string;
      /** Where the role came from: the server now, this browser's memory, or a guess (read-only). */
      source: 'server' | 'remembered' | 'guessed';
      /** The network the board belongs to (the Library panel, publishing); absent: none known. */
      network?: { id: string; name: string } | null;
    }
  | { phase: 'refused'; code: number }
  | { phase: 'failed'; error: unknown };

export function accessFromInfo(info: BoardInfo): BoardAccess {
  return { phase: 'ready', role: info.role, locked: info.locked, title: info.title, source: 'server', network: info.network ?? null };
}

/**
 * After GET /api/boards/:id failed. A refusal (401/403/404) is final, as the socket's close
 * code would be. Without an answer (offline, server down) the last known role for this token
 * is used, so an editor can keep working offline; unknown, it opens read-only until the
 * server answers.
 */
export function accessAfterError(error: unknown, previous: BoardAccess, remembered: RecentBoard | null): BoardAccess {
  if (error instanceof ApiError && error.kind === 'http') {
    const code = closeCodeForHttpStatus(error.status);
    if (code !== null) return { phase: 'refused', code };
  }
  // A later re-check that fails keeps what the server already said.
  if (previous.phase === 'ready' && previous.source === 'server') return previous;
  if (error instanceof ApiError && error.kind !== 'network' && previous.phase !== 'ready') return { phase: 'failed', error };
  if (remembered) {
    return { phase: 'ready', role: remembered.role, locked: remembered.locked, title: remembered.title, source: 'remembered' };
  }
  return { phase: 'ready', role: 'viewer', locked: false, title: '', source: 'guessed' };
}
