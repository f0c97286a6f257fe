import { describe, expect, it } from 'vitest';
import { newId } from '@benchlearn/shared';
import type { BoardRecord } from '../storage/types';
import { decideAccess, mayWrite, type BoardLookup } from './access';
import { hashToken, issueTokens } from './tokens';

function boards(...records: BoardRecord[]): BoardLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    getBoard: async (id) => {
      asked.push(id);
      return records.find((record) => record.id === id) ?? null;
    },
  };
}

function board(deleted = false) {
  const { tokens, hashes } = issueTokens();
  const record: BoardRecord = { id: newId(), title: 'Retro', createdAt: 0, locked: false, deleted, tokenHashes: hashes };
  return { record, tokens };
}

describe('decideAccess', () => {
  it('grants the role a token gives, with the board and the token’s hash', async () => {
    const { record, tokens } = board();
    const decision = await decideAccess(boards(record), record.id, tokens.editor);
    expect(decision).toEqual({ ok: true, board: record, role: 'editor', tokenHash: hashToken(tokens.editor) });
  });

  it('refuses an unknown, deleted or malformed board before looking at the token', async () => {
    const { record, tokens } = board(true);
    const lookup = boards(record);
    expect(await decideAccess(lookup, record.id, tokens.facilitator)).toEqual({ ok: false, reason: 'no-board' });
    expect(await decideAccess(lookup, newId(), null)).toEqual({ ok: false, reason: 'no-board' });
    expect(await decideAccess(lookup, '../etc', tokens.facilitator)).toEqual({ ok: false, reason: 'no-board' });
    // A malformed id is not even looked up.
    expect(lookup.asked).not.toContain('../etc');
  });

  it('tells a missing token from a wrong one', async () => {
    const { record } = board();
    const other = board();
    expect(await decideAccess(boards(record), record.id, null)).toEqual({ ok: false, reason: 'no-token' });
    expect(await decideAccess(boards(record), record.id, '')).toEqual({ ok: false, reason: 'no-token' });
    expect(await decideAccess(boards(record), record.id, other.tokens.facilitator)).toEqual({ ok: false, reason: 'wrong-token' });
  });

  it('refuses a role below the one needed, saying which it is', async () => {
    const { record, tokens } = board();
    expect(await decideAccess(boards(record), record.id, tokens.viewer, 'facilitator')).toEqual({
      ok: false,
      reason: 'role-too-low',
      role: 'viewer',
      needed: 'facilitator',
    });
    expect((await decideAccess(boards(record), record.id, tokens.facilitator, 'editor')).ok).toBe(true);
  });
});

describe('mayWrite', () => {
  it('lets facilitators write both documents, editors the content while unlocked, viewers nothing', () => {
    for (const locked of [false, true]) {
      expect(mayWrite('facilitator', 'content', locked)).toBe(true);
      expect(mayWrite('facilitator', 'control', locked)).toBe(true);
      expect(mayWrite('editor', 'control', locked)).toBe(false);
      expect(mayWrite('viewer', 'content', locked)).toBe(false);
      expect(mayWrite('viewer', 'control', locked)).toBe(false);
    }
    expect(mayWrite('editor', 'content', false)).toBe(true);
    expect(mayWrite('editor', 'content', true)).toBe(false);
  });
});
