import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '@benchlearn/shared';

/** A board's three token hashes (hex SHA-256); the tokens themselves are never stored. */
export type TokenHashes = Record<Role, string>;

/** Longer strings are not tokens; refusing them early keeps hashing cheap. */
const MAX_TOKEN_LENGTH = 256;

/** 24 random bytes = 192 bits, 32 URL-safe characters. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface IssuedTokens {
  tokens: Record<Role, string>;
  hashes: TokenHashes;
}

export function issueTokens(): IssuedTokens {
  const tokens = { facilitator: newToken(), editor: newToken(), viewer: newToken() };
  return {
    tokens,
    hashes: { facilitator: hashToken(tokens.facilitator), editor: hashToken(tokens.editor), viewer: hashToken(tokens.viewer) },
  };
}

function sameHash(candidate: Buffer, storedHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  // A stored hash of the wrong length (a revoked or corrupt entry) never matches.
  return stored.length === candidate.length && timingSafeEqual(stored, candidate);
}

/** The role a token grants on a board, or null. Every role is compared, so timing does not tell which. */
export function roleForToken(token: string | null | undefined, hashes: TokenHashes): Role | null {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const candidate = createHash('sha256').update(token, 'utf8').digest();
  let found: Role | null = null;
  for (const role of ROLES) {
    if (sameHash(candidate, hashes[role]) && found === null) found = role;
  }
  return found;
}

/** The token of a request: `Authorization: Bearer X` first, else `?token=X` (for links and sockets). */
export function tokenFromRequest(headers: { authorization?: string | undefined }, query: unknown): string | null {
  const header = headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1]) return match[1];
  }
  if (query !== null && typeof query === 'object' && 'token' in query) {
    const value = (query as { token: unknown }).token;
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return null;
}
