import { DataSource } from 'typeorm';
import { normalizeInviteCode, randomInviteCode, sha256 } from '../../common/crypto';
import { InviteEntity } from './entities/invite.entity';

/**
 * A single-use ADMIN invite for `email`, valid for 7 days: how a fresh deployment gets its first
 * admin (`npm run create-admin`). Returns the code, which is stored only as a hash.
 */
export async function issueAdminInvite(dataSource: DataSource, email: string): Promise<string> {
  const code = randomInviteCode();
  const normalized = normalizeInviteCode(code);
  await dataSource.manager.insert(InviteEntity, {
    codeHash: sha256(normalized),
    codeHint: normalized.slice(0, 4),
    email: email.trim().toLowerCase(),
    role: 'ADMIN',
    createdById: null,
    expiresAt: new Date(Date.now() + 7 * 86_400_000),
  });
  return code;
}
