export const ROLES = ['MEMBER', 'MODERATOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { MEMBER: 0, MODERATOR: 1, ADMIN: 2 };

/** True when `role` carries at least the powers of `required` (an admin is also a moderator). */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
