import { describe, expect, it } from 'vitest';
import { resolveToken } from './boardToken';
import { rememberBoard } from './recentBoards';
import { memoryStore } from './storage';

describe('the board token', () => {
  it('comes from the link fragment and is kept for this tab', () => {
    const session = memoryStore();
    expect(resolveToken({ boardId: 'b1', hash: '#token=abc%2Bdef', session, local: memoryStore() })).toBe('abc+def');
    // A reload without the fragment still finds it.
    expect(resolveToken({ boardId: 'b1', hash: '', session, local: memoryStore() })).toBe('abc+def');
    expect(resolveToken({ boardId: 'b2', hash: '', session, local: memoryStore() })).toBeNull();
  });

  it('falls back to the strongest token this browser remembers', () => {
    const local = memoryStore();
    rememberBoard(local, { boardId: 'b1', role: 'viewer', token: 'view' }, 2);
    rememberBoard(local, { boardId: 'b1', role: 'editor', token: 'edit' }, 1);
    expect(resolveToken({ boardId: 'b1', hash: '', session: memoryStore(), local })).toBe('edit');
  });

  it('prefers the link over anything remembered', () => {
    const local = memoryStore();
    rememberBoard(local, { boardId: 'b1', role: 'facilitator', token: 'fac' }, 1);
    expect(resolveToken({ boardId: 'b1', hash: '#token=view', session: memoryStore(), local })).toBe('view');
  });
});
