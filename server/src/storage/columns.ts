import type { Role } from '@benchlearn/shared';
import type { TokenHashes } from '../auth/tokens';

/** The `boards` columns holding each role's token hash, the same in every SQL adapter. */
export const HASH_COLUMN: Readonly<Record<Role, string>> = {
  facilitator: 'facilitator_hash',
  editor: 'editor_hash',
  viewer: 'viewer_hash',
};

export interface TokenHashColumns {
  facilitator_hash: string;
  editor_hash: string;
  viewer_hash: string;
}

export function tokenHashesOf(row: TokenHashColumns): TokenHashes {
  return { facilitator: row.facilitator_hash, editor: row.editor_hash, viewer: row.viewer_hash };
}
