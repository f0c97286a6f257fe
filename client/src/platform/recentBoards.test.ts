import { describe, expect, it } from 'vitest';
import { MAX_RECENT_BOARDS, RECENT_BOARDS_KEY, bestKnownToken, forgetBoard, knownAccess, loadRecentBoards, rememberBoard } from './recentBoards';
import { memoryStore } from './storage';

describe('recent boards', () => {
  it('lists boards newest first with title, role and last opened', () => {
    const store = memoryStore();
    rememberBoard(store, { boardId: 'b1', role: 'facilitator', token: 't1', title: 'One' }, 1000);
    rememberBoard(store, { boardId: 'b2', role: 'viewer', token: 't2', title: 'Two' }, 2000);
    const boards = loadRecentBoards(store);
    expect(boards.map((b) => [b.boardId, b.role, b.title, b.lastOpened])).toEqual([
      ['b2', 'viewer', 'Two', 2000],
      ['b1', 'facilitator', 'One', 1000],
    ]);
  });

  it('updates an entry when the same board and role is opened again, keeping what it knew', () => {
    const store = memoryStore();
    rememberBoard(store, { boardId: 'b1', role: 'facilitator', token: 't1', title: 'One', share: { editor: 'e', viewer: 'v' } }, 1000);
    rememberBoard(store, { boardId: 'b1', role: 'facilitator', token: 't1', locked: true }, 5000);
    const [entry, ...rest] = loadRecentBoards(store);
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({ title: 'One', lastOpened: 5000, locked: true, share: { editor: 'e', viewer: 'v' } });
  });

  it('keeps a facilitator entry when the same browser opens the viewer link', () => {
    const store = memoryStore();
    rememberBoard(store, { boardId: 'b1', role: 'facilitator', token: 'fac' }, 1000);
    rememberBoard(store, { boardId: 'b1', role: 'viewer', token: 'view' }, 2000);
    expect(loadRecentBoards(store).map((b) => b.role)).toEqual(['viewer', 'facilitator']);
    expect(bestKnownToken(store, 'b1')).toBe('fac');
    expect(bestKnownToken(store, 'nope')).toBeNull();
  });

  it('remembers the role of a token for offline use', () => {
    const store = memoryStore();
    rememberBoard(store, { boardId: 'b1', role: 'editor', token: 'ed', title: 'T', locked: false }, 1000);
    expect(knownAccess(store, 'b1', 'ed')).toMatchObject({ role: 'editor', locked: false, title: 'T' });
    expect(knownAccess(store, 'b1', 'other')).toBeNull();
  });

  it('forgets every role of a board', () => {
    const store = memoryStore();
    rememberBoard(store, { boardId: 'b1', role: 'facilitator', token: 'fac' }, 1000);
    rememberBoard(store, { boardId: 'b1', role: 'viewer', token: 'view' }, 2000);
    rememberBoard(store, { boardId: 'b2', role: 'viewer', token: 'v2' }, 3000);
    forgetBoard(store, 'b1');
    expect(loadRecentBoards(store).map((b) => b.boardId)).toEqual(['b2']);
  });

  it('skips entries it cannot read instead of losing the list', () => {
    const good = { boardId: 'b1', role: 'editor', token: 't', title: 'x', lastOpened: 1, locked: false };
    const store = memoryStore({ [RECENT_BOARDS_KEY]: JSON.stringify([good, { boardId: 'b2' }, 'junk', { ...good, role: 'owner' }]) });
    expect(loadRecentBoards(store)).toEqual([good]);
    expect(loadRecentBoards(memoryStore({ [RECENT_BOARDS_KEY]: '{oops' }))).toEqual([]);
  });

  it('keeps a bounded list', () => {
    const store = memoryStore();
    for (let i = 0; i < MAX_RECENT_BOARDS + 5; i++) rememberBoard(store, { boardId: `b${i}`, role: 'viewer', token: `t${i}` }, i);
    const boards = loadRecentBoards(store);
    expect(boards).toHaveLength(MAX_RECENT_BOARDS);
    expect(boards[0]?.boardId).toBe(`b${MAX_RECENT_BOARDS + 4}`);
  });
});
