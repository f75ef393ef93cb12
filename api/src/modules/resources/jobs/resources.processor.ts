import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRegistry } from '../../../queue/job-registry';
import { NOTIFY_RESOURCE_DECISION, RESOURCES_EXPIRY } from './resources.jobs';

@Injectable()
export class ResourcesProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(NOTIFY_RESOURCE_DECISION, (p) => this.decision(p.resourceId, p.approved));
    this.registry.register(RESOURCES_EXPIRY, async () => void (await this.expiry()));
  }

  async decision(resourceId: string, approved: boolean): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notifications (user_id, type, source_key, title, body, url)
       SELECT r.author_id, $3, $2, CASE WHEN $4 THEN 'Your posting is live: ' || r.title ELSE 'Your posting was not approved: ' || r.title END,
              CASE WHEN $4 THEN 'Members can find it on the board now.' ELSE 'A moderator reviewed it; see the posting for details.' END,
              '/resources/' || r.id
         FROM resources r WHERE r.id = $1
       ON CONFLICT (user_id, source_key) DO NOTHING`,
      [resourceId, `resource-decision:${resourceId}:${approved}`, approved ? 'RESOURCE_APPROVED' : 'MODERATION_OUTCOME', approved],
    );
  }

  /**
   * Seven days before expiry, and on the day, the author is told (with a renew link), once per
   * expiry date: renewing moves the date, so the next reminder is a new one. Listings hide
   * expired postings by their date; nothing has to be rewritten for that.
   */
  async expiry(now = new Date()): Promise<{ reminders: number; expired: number }> {
    const reminded: { id: string }[] = await this.dataSource.query(
      `WITH due AS (
         UPDATE resources SET reminded_for = expires_at
          WHERE status = 'VISIBLE' AND expires_at > $1 AND expires_at <= $1::timestamptz + interval '7 days'
            AND (reminded_for IS DISTINCT FROM expires_at)
          RETURNING id, author_id, title, expires_at)
       INSERT INTO notifications (user_id, type, source_key, title, body, url)
       SELECT author_id, 'RESOURCE_EXPIRING', 'resource-expiring:' || id || ':' || extract(epoch FROM expires_at)::bigint,
              'Your posting leaves the board soon: ' || title, 'Renew it for 30 days if it is still current.', '/resources/' || id || '?renew=1'
         FROM due
       ON CONFLICT (user_id, source_key) DO NOTHING RETURNING user_id AS id`,
      [now],
    );
    const expired: { id: string }[] = await this.dataSource.query(
      `WITH gone AS (
         UPDATE resources SET expired_notified_for = expires_at
          WHERE status = 'VISIBLE' AND expires_at <= $1 AND (expired_notified_for IS DISTINCT FROM expires_at)
          RETURNING id, author_id, title, expires_at)
       INSERT INTO notifications (user_id, type, source_key, title, body, url)
       SELECT author_id, 'RESOURCE_EXPIRING', 'resource-expired:' || id || ':' || extract(epoch FROM expires_at)::bigint,
              'Your posting has left the board: ' || title, 'Renew it for 30 days to bring it back.', '/resources/' || id || '?renew=1'
         FROM gone
       ON CONFLICT (user_id, source_key) DO NOTHING RETURNING user_id AS id`,
      [now],
    );
    return { reminders: reminded.length, expired: expired.length };
  }
}
