import { createHash, timingSafeEqual } from 'node:crypto';
import { hashToken, newToken } from '../auth/tokens';
import { NETWORK_ROLES, type NetworkRole } from '../storage/networks';

/** Longer strings are not tokens; refusing them early keeps hashing cheap (as for boards). */
const MAX_TOKEN_LENGTH = 256;

export function issueNetworkTokens(): { tokens: Record<NetworkRole, string>; hashes: Record<NetworkRole, string> } {
  const tokens = { coordinator: newToken(), member: newToken() };
  return { tokens, hashes: { coordinator: hashToken(tokens.coordinator), member: hashToken(tokens.member) } };
}

/** The role a token grants in a network, or null; both roles are compared, so timing does not tell which. */
export function networkRoleForToken(token: string | null, hashes: Record<NetworkRole, string>): NetworkRole | null {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const candidate = createHash('sha256').update(token, 'utf8').digest();
  let found: NetworkRole | null = null;
  for (const role of NETWORK_ROLES) {
    const stored = Buffer.from(hashes[role], 'hex');
    if (stored.length === candidate.length && timingSafeEqual(stored, candidate) && found === null) found = role;
  }
  return found;
}

/** The network page in the web app; the token rides in the fragment, as a board link's does. */
export function networkLink(publicUrl: string, networkId: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/n/${encodeURIComponent(networkId)}#token=${encodeURIComponent(token)}`;
}
