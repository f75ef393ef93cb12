import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/crypto';
import { Connection, decodeCursor, pageSize, toConnection } from '../../graphql/connection';
import { badInput } from '../../graphql/errors';
import { NotificationsArgs } from './dto/notifications.args';
import { NotificationEntity } from './entities/notification.entity';
import { Notification, toNotification } from './models/notification.model';

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first. */
  async list(userId: string, args: NotificationsArgs): Promise<Connection<Notification>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const query = this.dataSource.manager
      .createQueryBuilder(NotificationEntity, 'n')
      .where('n.user_id = :userId AND n.in_app', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(first + 1);
    if (args.unreadOnly) query.andWhere('n.read_at IS NULL');
    if (after) query.andWhere('(n.created_at, n.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (n) => [n.createdAt.toISOString(), n.id], toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND in_app AND read_at IS NULL`,
      [userId],
    );
    return count;
  }

  /** Marks the viewer's own notifications read (all of them when `ids` is absent); returns how many changed. */
  async markRead(userId: string, ids?: string[] | null): Promise<number> {
    if (ids) {
      const bad = ids.find((id) => !isUuid(id));
      if (bad !== undefined) throw badInput('ids', 'ids must be notification ids.');
      if (ids.length === 0) return 0;
      const [, count]: [unknown, number] = await this.dataSource.query(
        `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND id = ANY($2::uuid[])`,
        [userId, ids],
      );
      return count;
    }
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return count;
  }
}
