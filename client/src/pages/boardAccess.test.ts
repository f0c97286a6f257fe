import { describe, expect, it } from 'vitest';
import { ApiError } from '../platform/api';
import { accessAfterError, type BoardAccess } from './boardAccess';
import type { RecentBoard } from '../platform/recentBoards';

const loading: BoardAccess = { phase: 'loading' };
const remembered: RecentBoard = { boardId: 'b', role: 'editor', token: 't', title: 'T', lastOpened: 1, locked: false };

describe('board access when the server does not say yes', () => {
  it('shows refusals as the close code the socket would give', () => {
    expect(accessAfterError(new ApiError('http', 401), loading, remembered)).toEqual({ phase: 'refused', code: 4401 });
    expect(accessAfterError(new ApiError('http', 403), loading, null)).toEqual({ phase: 'refused', code: 4403 });
    expect(accessAfterError(new ApiError('http', 404), loading, null)).toEqual({ phase: 'refused', code: 4404 });
  });

  it('offline, uses the last known role for this token', () => {
    expect(accessAfterError(new ApiError('network', 0), loading, remembered)).toEqual({
      phase: 'ready',
      role: 'editor',
      locked: false,
      title: 'T',
      source: 'remembered',
    });
  });

  it('offline and never seen, opens read-only until the server answers', () => {
    expect(accessAfterError(new ApiError('network', 0), loading, null)).toMatchObject({ phase: 'ready', role: 'viewer', source: 'guessed' });
  });

  it('keeps what the server said when a later re-check fails', () => {
    const known: BoardAccess = { phase: 'ready', role: 'facilitator', locked: false, title: 'T', source: 'server' };
    expect(accessAfterError(new ApiError('network', 0), known, null)).toBe(known);
    expect(accessAfterError(new ApiError('http', 500), known, null)).toBe(known);
  });

  it('gives up with words on an answer it cannot use the first time', () => {
    expect(accessAfterError(new ApiError('http', 500), loading, null)).toMatchObject({ phase: 'failed' });
  });
});
