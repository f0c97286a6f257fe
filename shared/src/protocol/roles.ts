export const ROLES = ['facilitator', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { viewer: 0, editor: 1, facilitator: 2 };

/** facilitator > editor > viewer */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}

/** Whether a connection with this role may change the board document. */
export function canEdit(role: Role, locked: boolean): boolean {
  if (role === 'facilitator') return true;
  return role === 'editor' && !locked;
}
