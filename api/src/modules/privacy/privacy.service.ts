import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FORMER_MEMBER_NAME } from '@kinship/shared';
import { Viewer } from '../../auth/viewer';
import { InjectLogger, Logger } from '../../common/logger.module';
import { renderMarkdown } from '../../common/markdown';
import { mentionPattern } from '../../common/mentions';
import { inTransaction } from '../../database/transaction';
import { AccountsService } from '../accounts/accounts.service';
import { RsvpService } from '../events/rsvp.service';
import { PairingsService } from '../mentors/pairings.service';
import { buildDataExport } from './data-export';

/** A member's right to take their data with them, and to leave without a trace. */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly rsvps: RsvpService,
    private readonly pairings: PairingsService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Everything held about the viewer, read in one consistent snapshot. */
  async exportMyData(viewer: Viewer): Promise<string> {
    const document = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      buildDataExport(manager, viewer.id, viewer.sessionId),
    );
    this.logger.info({ userId: viewer.id }, 'data export');
    return JSON.stringify(document, null, 2);
  }

  /**
   * Deletes the viewer's account at once, in one transaction: either all of it is gone or none.
   * The user row stays as "Former member" so threads keep their shape; nothing personal remains.
   */
  async deleteMyAccount(viewer: Viewer, password: string, keepPosts: boolean): Promise<void> {
    await this.accounts.confirmPassword(viewer, password, 'password');
    await inTransaction(this.dataSource, async (manager) => {
      const [user]: { display_name: string; email: string }[] = await manager.query(
        `SELECT display_name, email FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
        [viewer.id],
      );
      if (!user) return;
      const q = (sql: string, params: unknown[] = [viewer.id]) => manager.query(sql, params);

      // Seats go back first, so the first member waiting is promoted (and told) as usual.
      await this.rsvps.withdrawMember(manager, viewer.id);
      // Mentoring: their offer goes, their open pairings and requests end (the other side told,
      // without a name), and what they wrote in pairings (a request's note, an end note) is erased.
      await this.pairings.leave(manager, viewer.id);

      // Celebrations are removed with their threads (their titles carry the member's name).
      await q(`DELETE FROM cheers WHERE celebration_id IN (SELECT id FROM celebrations WHERE author_id = $1)`);
      await q(
        `WITH gone AS (DELETE FROM celebrations WHERE author_id = $1 RETURNING thread_id)
         DELETE FROM threads WHERE id IN (SELECT thread_id FROM gone)`,
      );

      if (!keepPosts) {
        // Each post keeps its place in its thread, shown as removed by its author; search follows
        // through the posts' trigger.
        await q(`DELETE FROM post_revisions WHERE post_id IN (SELECT id FROM posts WHERE author_id = $1)`);
        await q(
          `UPDATE posts SET body = '', body_html = '', content_warning = NULL, topics = '{}',
                  mentioned_user_ids = '{}', deleted_at = COALESCE(deleted_at, now())
            WHERE author_id = $1`,
        );
        await q(
          `UPDATE resources SET status = 'REMOVED', description = '', description_html = '', location = NULL
            WHERE author_id = $1`,
        );
      }
      await this.unmentionInOthersPosts(manager, viewer.id, user.display_name);

      // Personal data and everything that only makes sense for a living account.
      for (const sql of [
        `DELETE FROM follows WHERE follower_id = $1 OR followee_id = $1`,
        // Their own blocks go; a block someone else placed on them stays that member's choice.
        `DELETE FROM blocks WHERE blocker_id = $1`,
        `DELETE FROM resource_saves WHERE user_id = $1`,
        `DELETE FROM drafts WHERE user_id = $1`,
        `DELETE FROM notifications WHERE user_id = $1`,
        `DELETE FROM notification_preferences WHERE user_id = $1`,
        `DELETE FROM sessions WHERE user_id = $1`,
        `DELETE FROM password_resets WHERE user_id = $1`,
        `DELETE FROM calendar_tokens WHERE user_id = $1`,
        `DELETE FROM thread_watches WHERE user_id = $1`,
        `DELETE FROM moderator_notes WHERE user_id = $1`,
        // My recovery, check-ins: health data, all of it.
        `DELETE FROM check_ins WHERE user_id = $1`,
        `DELETE FROM recovery_capital_checks WHERE user_id = $1`,
        `DELETE FROM check_in_settings WHERE user_id = $1`,
        // My recovery's safety net: their plan, their reach-outs, and every support link on
        // either side (the other person is not told); their answers to others' reach-outs lose their name.
        `DELETE FROM safety_plans WHERE user_id = $1`,
        `DELETE FROM reach_outs WHERE member_id = $1`,
        `UPDATE reach_outs SET answered_by = NULL WHERE answered_by = $1`,
        `DELETE FROM support_links WHERE member_id = $1 OR supporter_id = $1`,
        // Conversations: their messages are removed (the others read "message removed" from
        // "Former member"), they leave every conversation, and their contacts and settings go.
        `UPDATE messages SET body = '', body_html = '', deleted_at = COALESCE(deleted_at, now()) WHERE author_id = $1`,
        `UPDATE conversation_members SET status = 'LEFT', muted = false WHERE user_id = $1 AND status IN ('ACTIVE', 'REQUESTED')`,
        `DELETE FROM message_contacts WHERE user_a = $1 OR user_b = $1`,
        `DELETE FROM message_settings WHERE user_id = $1`,
        `UPDATE resources SET contact = NULL WHERE author_id = $1`,
        `UPDATE flags SET note = NULL WHERE flagger_id = $1`,
        `UPDATE resource_reports SET note = NULL WHERE user_id = $1`,
        `UPDATE appeals SET text = '' WHERE appellant_id = $1`,
        // The log keeps who, what and when (by id); the excerpt of the member's words goes.
        `UPDATE moderation_actions SET excerpt = NULL WHERE target_user_id = $1 AND excerpt IS NOT NULL`,
      ]) {
        await q(sql);
      }
      // An unused invite for their address would, without it, work for anyone: it is withdrawn.
      await q(
        `UPDATE invites SET email = NULL, revoked_at = CASE WHEN used_at IS NULL THEN COALESCE(revoked_at, now()) END
          WHERE used_by = $1 OR email = $2`,
        [viewer.id, user.email],
      );
      // Other members' notifications that start with their name ("River replied…") now say
      // "Former member" (only as the first words: "Al" must not touch "Alcohol-free weekend").
      await q(
        `UPDATE notifications SET title = $2 || substr(title, length($1) + 1)
          WHERE left(title, length($1) + 1) = $1 || ' '`,
        [user.display_name, FORMER_MEMBER_NAME],
      );
      await q(
        `UPDATE users SET email = 'deleted-' || id || '@kinship.invalid', password_hash = '',
                display_name = $2, display_name_key = '', bio = NULL, pronouns = NULL, role = 'MEMBER', time_zone = 'UTC',
                topic_filters = '{}', suspended_until = NULL, recovery_start = NULL,
                recovery_visibility = 'ONLY_ME', recovery_announce = false, quiet_hours_start = NULL,
                quiet_hours_end = NULL, last_digest_on = NULL, deleted_at = now()
          WHERE id = $1`,
        [viewer.id, FORMER_MEMBER_NAME],
      );
    });
    this.logger.info({ userId: viewer.id, keepPosts }, 'account deleted');
  }

  /** "@River" in someone else's post becomes plain "Former member", no longer a link. */
  private async unmentionInOthersPosts(manager: EntityManager, userId: string, displayName: string): Promise<void> {
    const posts: { id: string; body: string; mentioned: { id: string; displayName: string }[] }[] = await manager.query(
      `SELECT p.id, p.body,
              COALESCE((SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name))
                          FROM users u WHERE u.id = ANY(p.mentioned_user_ids) AND u.id <> $1), '[]') AS mentioned
         FROM posts p WHERE $1 = ANY(p.mentioned_user_ids)`,
      [userId],
    );
    const pattern = mentionPattern([displayName])!;
    for (const post of posts) {
      const body = post.body.replace(pattern, FORMER_MEMBER_NAME);
      await manager.query(
        `UPDATE posts SET body = $2, body_html = $3, mentioned_user_ids = array_remove(mentioned_user_ids, $4::uuid)
          WHERE id = $1`,
        [post.id, body, renderMarkdown(body, post.mentioned), userId],
      );
      const revisions: { id: string; body: string }[] = await manager.query(
        `SELECT id, body FROM post_revisions WHERE post_id = $1`,
        [post.id],
      );
      for (const revision of revisions) {
        const revised = revision.body.replace(pattern, FORMER_MEMBER_NAME);
        if (revised !== revision.body) {
          await manager.query(`UPDATE post_revisions SET body = $2 WHERE id = $1`, [revision.id, revised]);
        }
      }
    }
  }
}
