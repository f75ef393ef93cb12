import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectLogger, Logger } from '../../../common/logger.module';
import { JobRegistry } from '../../../queue/job-registry';
import { NotificationsService } from '../notifications.service';
import { NOTIFY_REPLY } from './notifications.jobs';

/**
 * Turns domain events into notifications. Each handler reloads what it needs by id, skips what
 * is gone, and relies on the (user, source) unique key, so running a job twice writes one row.
 */
@Injectable()
export class NotificationsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly notifications: NotificationsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.registry.register(NOTIFY_REPLY, (payload) => this.reply(payload.postId));
  }

  async reply(postId: string): Promise<void> {
    const rows: {
      thread_id: string;
      position: number;
      status: string;
      replier_id: string;
      replier_name: string;
      thread_author_id: string;
      thread_title: string;
    }[] = await this.dataSource.query(
      `SELECT p.thread_id, p.position, p.status, p.author_id AS replier_id, u.display_name AS replier_name,
              t.author_id AS thread_author_id, t.title AS thread_title
         FROM posts p
         JOIN threads t ON t.id = p.thread_id
         JOIN users u ON u.id = p.author_id
        WHERE p.id = $1`,
      [postId],
    );
    const row = rows[0];
    if (!row || row.status !== 'VISIBLE') return; // gone or hidden since: nothing to tell
    if (row.thread_author_id === row.replier_id) return; // nobody is notified of their own reply

    const created = await this.notifications.create({
      userId: row.thread_author_id,
      type: 'REPLY',
      sourceKey: `reply:${postId}`,
      title: `${row.replier_name} replied to your thread`,
      body: row.thread_title,
      url: `/threads/${row.thread_id}?at=${row.position}#post-${row.position}`,
    });
    this.logger.debug({ postId, created }, 'reply notification');
  }
}
