import { EntityManager } from 'typeorm';
import { displayNameKey } from '../../common/confusables';
import { conflict, DomainError } from '../../graphql/errors';

/**
 * Refuses a name an active member has in any case, or one that looks like theirs (same
 * displayNameKey: "Sam М" with a Cyrillic М beside "Sam M"). Claims of one key are serialised
 * for the rest of the transaction, so two look-alikes registering at once cannot both pass.
 */
export async function assertDisplayNameFree(manager: EntityManager, displayName: string, selfId?: string): Promise<void> {
  const key = displayNameKey(displayName);
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('display-name-key'), hashtext($1))`, [key]);
  const rows: { staff: boolean; exact: boolean }[] = await manager.query(
    `SELECT role IN ('MODERATOR', 'ADMIN') AS staff, lower(display_name) = lower($2) AS exact
       FROM users
      WHERE deleted_at IS NULL AND id IS DISTINCT FROM $3::uuid AND (display_name_key = $1 OR lower(display_name) = lower($2))
      ORDER BY staff DESC LIMIT 1`,
    [key, displayName, selfId ?? null],
  );
  const [taken] = rows;
  if (!taken) return;
  if (taken.exact) throw displayNameTaken();
  throw conflict(
    taken.staff
      ? "That display name looks too much like a staff member's. Please choose another."
      : "That display name looks too much like another member's. Please choose another.",
    'displayName',
  );
}

export function displayNameTaken(): DomainError {
  return conflict('That display name is already taken. Please choose another.', 'displayName');
}
