import { localDate } from '@kinship/shared';
import { blockedBetween } from '../accounts/blocks.service';
import { askEligibility, AskEligibility, offersWithoutApproval } from './mentor-rules';

/** A DataSource or a transaction's EntityManager. */
interface Db {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface Eligibility extends AskEligibility {
  /** A year or more since the recovery start date. */
  offersWithoutApproval: boolean;
}

/** Whether a member may ask for a mentor, and whether their offer to mentor is approved at once, today where they live. */
export async function eligibilityOf(db: Db, userId: string, now = new Date()): Promise<Eligibility> {
  const [user] = (await db.query(
    `SELECT recovery_start::text AS recovery_start, joined_at, time_zone FROM users WHERE id = $1`,
    [userId],
  )) as { recovery_start: string | null; joined_at: Date; time_zone: string }[];
  const facts = {
    recoveryStart: user.recovery_start,
    joinedOn: localDate(user.joined_at, user.time_zone),
    today: localDate(now, user.time_zone),
  };
  return { ...askEligibility(facts), offersWithoutApproval: offersWithoutApproval(facts) };
}

/** SQL: the number of ACTIVE pairings of mentor `mentor` (a column expression). */
export const activeMenteesSql = (mentor: string) =>
  `(SELECT count(*)::int FROM mentor_pairings ap WHERE ap.mentor_id = ${mentor} AND ap.status = 'ACTIVE')`;

/**
 * SQL: true when the mentor of profile row `p` (user row `u`) can be asked by `mentee` now:
 * approved and available, still a member and not suspended, with a free place, not the mentee
 * themself, not across a block, and not someone who already declined this mentee.
 */
export function availableToSql(p: string, u: string, mentee: string): string {
  return `${p}.status = 'APPROVED' AND ${p}.available
      AND ${u}.deleted_at IS NULL AND (${u}.suspended_until IS NULL OR ${u}.suspended_until <= now())
      AND ${p}.user_id <> ${mentee}
      AND ${activeMenteesSql(`${p}.user_id`)} < ${p}.capacity
      AND NOT ${blockedBetween(`${p}.user_id`, mentee)}
      AND NOT EXISTS (SELECT 1 FROM mentor_pairings dp WHERE dp.mentor_id = ${p}.user_id AND dp.mentee_id = ${mentee}
                        AND dp.status = 'DECLINED' AND dp.ended_by = ${p}.user_id)`;
}
