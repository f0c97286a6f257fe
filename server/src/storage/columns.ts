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

/** Bytes as a driver parameter, without a copy (a Uint8Array may be a view into a larger buffer). */
export function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
