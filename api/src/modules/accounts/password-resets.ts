import { EntityManager } from 'typeorm';
import { randomToken, sha256 } from '../../common/crypto';
import { PasswordResetEntity } from './entities/password-reset.entity';

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Makes a single-use reset link for a member and returns its token (shown once). Only the hash
 * is stored. `createdById` is the admin who issued it, or null when the member asked by email.
 */
export async function issuePasswordReset(
  manager: EntityManager,
  userId: string,
  createdById: string | null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
  await manager.insert(PasswordResetEntity, { userId, tokenHash: sha256(token), createdById, expiresAt });
  return { token, expiresAt };
}

export function passwordResetPath(token: string): string {
  return `/reset-password?token=${encodeURIComponent(token)}`;
}
