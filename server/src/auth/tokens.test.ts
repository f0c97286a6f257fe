import { describe, expect, it } from 'vitest';
import { hashToken, issueTokens, roleForToken, tokenFromRequest } from './tokens';

describe('tokens', () => {
  it('issues three different random tokens of 192 bits and keeps only their hashes', () => {
    const { tokens, hashes } = issueTokens();
    expect(new Set(Object.values(tokens)).size).toBe(3);
    for (const token of Object.values(tokens)) expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    expect(hashes.editor).toBe(hashToken(tokens.editor));
    expect(Object.values(hashes).join()).not.toContain(tokens.editor);
  });

  it('gives the role of a token, and none for a wrong, empty or revoked one', () => {
    const { tokens, hashes } = issueTokens();
    expect(roleForToken(tokens.facilitator, hashes)).toBe('facilitator');
    expect(roleForToken(tokens.editor, hashes)).toBe('editor');
    expect(roleForToken(tokens.viewer, hashes)).toBe('viewer');
    expect(roleForToken('nope', hashes)).toBeNull();
    expect(roleForToken('', hashes)).toBeNull();
    expect(roleForToken(null, hashes)).toBeNull();
    expect(roleForToken(tokens.editor, { ...hashes, editor: '' })).toBeNull();
  });

  it('reads a bearer header first, then ?token=', () => {
    expect(tokenFromRequest({ authorization: 'Bearer abc' }, { token: 'def' })).toBe('abc');
    expect(tokenFromRequest({}, { token: 'def' })).toBe('def');
    expect(tokenFromRequest({ authorization: 'Basic abc' }, {})).toBeNull();
    expect(tokenFromRequest({}, { token: ['a', 'b'] })).toBeNull();
  });
});
