import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { NotificationType } from '@kinship/shared';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/config';
import { InjectLogger, Logger } from '../../../common/logger.module';
import { EmailMode, NOTIFICATION_TYPE_SETTINGS } from '../notification-types';
import { composeEmail, Mailer } from './mailer';
import { afterQuietHours } from './quiet-hours';
import { unsubscribeToken } from './unsubscribe-token';

interface NewRow {
  id: string;
  user_id: string;
  type: NotificationType;
  urgent: boolean;
  created_at: Date;
  email_pref: EmailMode | null;
  time_zone: string;
  quiet_hours_start: number | null;
  quiet_hours_end: number | null;
}

const DIGEST_HOUR = 8;

/**
 * Email for notifications, as a sweep over the notifications table (idempotent: each step claims
 * rows by their state under row locks, so two workers never send the same email). `now` is a
 * parameter so tests can move the clock.
 */
@Injectable()
export class EmailDeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: Mailer,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Decides each new notification's email (off, digest, or immediate after a wait and quiet hours). */
  async classify(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: NewRow[] = await manager.query(
        `SELECT n.id, n.user_id, n.type, n.urgent, n.created_at, p.email AS email_pref,
                u.time_zone, u.quiet_hours_start, u.quiet_hours_end
           FROM notifications n
           JOIN users u ON u.id = n.user_id
           LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.type = n.type
          WHERE n.email_state = 'NEW'
          ORDER BY n.created_at LIMIT 1000
          FOR UPDATE OF n SKIP LOCKED`,
      );
      const delayMs = this.config.email?.delayMs ?? 0;
      for (const row of rows) {
        const mode: EmailMode = row.urgent ? 'IMMEDIATE' : (row.email_pref ?? NOTIFICATION_TYPE_SETTINGS[row.type].defaultEmail);
        let state: 'SKIPPED' | 'DIGEST' | 'PENDING' = 'SKIPPED';
        let due: Date | null = null;
        if (this.mailer.enabled && mode === 'DAILY_DIGEST') state = 'DIGEST';
        if (this.mailer.enabled && mode === 'IMMEDIATE') {
          state = 'PENDING';
          due = row.urgent
            ? row.created_at
            : afterQuietHours(new Date(row.created_at.getTime() + delayMs), row.time_zone, row.quiet_hours_start, row.quiet_hours_end);
        }
        await manager.query(`UPDATE notifications SET email_state = $2, email_due_at = $3 WHERE id = $1`, [row.id, state, due]);
      }
      return rows.length;
    });
  }

  /**
   * Sends immediate emails that are due, skipping any the member already read in the app. Each
   * row is claimed on its own (SENDING, committed) before its email goes out, so one refused
   * address never makes the others resend; a send that fails is retried later (permanent SMTP
   * refusals are given up). A claim older than 10 minutes (a worker died mid-send) is taken again.
   */
  async sendDue(now = new Date()): Promise<number> {
    let sent = 0;
    for (let i = 0; i < 1000; i++) {
      const [rows]: [{ id: string; user_id: string; type: NotificationType; url: string; read_at: Date | null; urgent: boolean; email: string }[], number] =
        await this.dataSource.query(
          `UPDATE notifications n SET email_state = 'SENDING', email_due_at = $1
             FROM users u
            WHERE u.id = n.user_id AND n.id = (
                    SELECT id FROM notifications
                     WHERE (email_state = 'PENDING' AND email_due_at <= $1)
                        OR (email_state = 'SENDING' AND email_due_at < $1::timestamptz - interval '10 minutes')
                     ORDER BY urgent DESC, email_due_at LIMIT 1
                     FOR UPDATE SKIP LOCKED)
          RETURNING n.id, n.user_id, n.type, n.url, n.read_at, n.urgent, u.email`,
          [now],
        );
      const row = rows[0];
      if (!row) return sent;
      if (row.read_at && !row.urgent) {
        await this.dataSource.query(`UPDATE notifications SET email_state = 'SKIPPED' WHERE id = $1`, [row.id]);
        continue;
      }
      const settings = NOTIFICATION_TYPE_SETTINGS[row.type];
      try {
        await this.mailer.send({
          to: row.email,
          subject: settings.subject,
          ...composeEmail([{ sentence: `${settings.subject}.`, link: this.link(row.url) }], this.footer(row.user_id, row.type)),
          unsubscribeUrl: this.unsubscribeUrl(row.user_id, row.type),
        });
        await this.dataSource.query(`UPDATE notifications SET email_state = 'SENT' WHERE id = $1`, [row.id]);
        sent++;
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode ?? 0;
        const permanent = code >= 500 && code < 600;
        this.logger.warn({ notificationId: row.id, code, permanent }, 'email not sent');
        await this.dataSource.query(
          `UPDATE notifications SET email_state = $2, email_due_at = $3 WHERE id = $1`,
          [row.id, permanent ? 'FAILED' : 'PENDING', new Date(now.getTime() + 10 * 60_000)],
        );
      }
    }
    return sent;
  }

  /**
   * One email per member, at 08:00 their time (outside their quiet hours), listing their unread
   * digest notifications as counts and links only; nothing is sent when there is nothing to say.
   */
  async sendDigests(now = new Date()): Promise<number> {
    const members: { user_id: string; time_zone: string; last_digest_on: string | null; email: string; quiet_hours_start: number | null; quiet_hours_end: number | null }[] =
      await this.dataSource.query(
        `SELECT DISTINCT u.id AS user_id, u.time_zone, to_char(u.last_digest_on, 'YYYY-MM-DD') AS last_digest_on, u.email,
                u.quiet_hours_start, u.quiet_hours_end
           FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.email_state = 'DIGEST'`,
      );
    let sent = 0;
    for (const member of members) {
      const local = DateTime.fromJSDate(now, { zone: member.time_zone });
      const today = local.toISODate();
      if (local.hour < DIGEST_HOUR || member.last_digest_on === today) continue;
      if (afterQuietHours(now, member.time_zone, member.quiet_hours_start, member.quiet_hours_end).getTime() !== now.getTime()) continue;
      sent += await this.dataSource.transaction(async (manager) => {
        // Claim the member for today first: a second worker finds nothing to do.
        const [claimed]: [unknown[], number] = await manager.query(
          `UPDATE users SET last_digest_on = $2::date WHERE id = $1 AND (last_digest_on IS NULL OR last_digest_on < $2::date) RETURNING id`,
          [member.user_id, today],
        );
        if (claimed.length === 0) return 0;
        const [rows]: [{ type: NotificationType; read_at: Date | null }[], number] = await manager.query(
          `UPDATE notifications SET email_state = CASE WHEN read_at IS NULL THEN 'SENT' ELSE 'SKIPPED' END
            WHERE user_id = $1 AND email_state = 'DIGEST' RETURNING type, read_at`,
          [member.user_id],
        );
        const counts = new Map<NotificationType, number>();
        for (const row of rows.filter((r) => !r.read_at)) counts.set(row.type, (counts.get(row.type) ?? 0) + 1);
        if (counts.size === 0) return 0;
        const lines = [...counts].map(([type, count]) => ({
          sentence: `${NOTIFICATION_TYPE_SETTINGS[type].label}: ${count} new.`,
          link: this.link('/notifications'),
        }));
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        await this.mailer.send({
          to: member.email,
          subject: `Your Kinship daily summary: ${total} unread`,
          ...composeEmail(lines, {
            unsubscribeUrl: this.settingsUrl(),
            settingsUrl: this.settingsUrl(),
            what: 'these notifications',
          }),
          unsubscribeUrl: this.settingsUrl(),
        });
        return 1;
      });
    }
    if (sent) this.logger.info({ sent }, 'daily digests sent');
    return sent;
  }

  private link(path: string): string {
    return `${this.config.webOrigin}${path}`;
  }

  private settingsUrl(): string {
    return this.link('/settings/notifications');
  }

  private unsubscribeUrl(userId: string, type: NotificationType): string {
    return this.link(`/unsubscribe?token=${unsubscribeToken(this.config.appSecret, userId, type)}`);
  }

  private footer(userId: string, type: NotificationType) {
    return {
      unsubscribeUrl: this.unsubscribeUrl(userId, type),
      settingsUrl: this.settingsUrl(),
      what: NOTIFICATION_TYPE_SETTINGS[type].label.toLowerCase(),
    };
  }
}
