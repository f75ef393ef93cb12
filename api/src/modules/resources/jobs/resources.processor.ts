import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRegistry } from '../../../queue/job-registry';
import { NotificationWriter } from '../../notifications/notification-writer';
import { NOTIFY_RESOURCE_DECISION, RESOURCES_EXPIRY } from './resources.jobs';

@Injectable()
export class ResourcesProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationWriter,
  ) {}

  onModuleInit(): void {
    this.registry.register(NOTIFY_RESOURCE_DECISION, (p) => this.decision(p.resourceId, p.approved));
    this.registry.register(RESOURCES_EXPIRY, async () => void (await this.expiry()));
  }

  async decision(resourceId: string, approved: boolean): Promise<void> {
    await this.notifications.fanOut(this.dataSource, {
      type: approved ? 'RESOURCE_APPROVED' : 'MODERATION_OUTCOME',
      sourceKey: `resource-decision:${resourceId}:${approved}`,
      recipients: `
        SELECT r.author_id AS user_id,
               CASE WHEN $2 THEN 'Your posting is live: ' || r.title ELSE 'Your posting was not approved: ' || r.title END AS title,
               CASE WHEN $2 THEN 'Members can find it on the board now.' ELSE 'A moderator reviewed it; see the posting for details.' END AS body,
               '/resources/' || r.id AS url
          FROM resources r WHERE r.id = $1`,
      params: [resourceId, approved],
    });
  }

  /**
   * Seven days before expiry, and on the day, the author is told (with a renew link), once per
   * expiry date: renewing moves the date, so the next reminder is a new one. Listings hide
   * expired postings by their date; nothing has to be rewritten for that.
   */
  async expiry(now = new Date()): Promise<{ reminders: number; expired: number }> {
    // Marking the posting and telling its author are one statement: neither happens without the other.
    const reminded = await this.notifications.fanOut(this.dataSource, {
      type: 'RESOURCE_EXPIRING',
      with: `WITH due AS (
               UPDATE resources SET reminded_for = expires_at
                WHERE status = 'VISIBLE' AND expires_at > $1 AND expires_at <= $1::timestamptz + interval '7 days'
                  AND (reminded_for IS DISTINCT FROM expires_at)
                RETURNING id, author_id, title, expires_at)`,
      recipients: `
        SELECT author_id AS user_id, 'resource-expiring:' || id || ':' || extract(epoch FROM expires_at)::bigint AS source_key,
               'Your posting leaves the board soon: ' || title AS title, 'Renew it for 30 days if it is still current.' AS body,
               '/resources/' || id || '?renew=1' AS url
          FROM due`,
      params: [now],
    });
    const expired = await this.notifications.fanOut(this.dataSource, {
      type: 'RESOURCE_EXPIRING',
      with: `WITH gone AS (
               UPDATE resources SET expired_notified_for = expires_at
                WHERE status = 'VISIBLE' AND expires_at <= $1 AND (expired_notified_for IS DISTINCT FROM expires_at)
                RETURNING id, author_id, title, expires_at)`,
      recipients: `
        SELECT author_id AS user_id, 'resource-expired:' || id || ':' || extract(epoch FROM expires_at)::bigint AS source_key,
               'Your posting has left the board: ' || title AS title, 'Renew it for 30 days to bring it back.' AS body,
               '/resources/' || id || '?renew=1' AS url
          FROM gone`,
      params: [now],
    });
    return { reminders: reminded.length, expired: expired.length };
  }
}
