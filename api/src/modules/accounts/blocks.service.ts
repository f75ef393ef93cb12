import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/crypto';
import { badInput, notFound } from '../../graphql/errors';
import { inTransaction } from '../../database/transaction';
import { UserEntity } from './entities/user.entity';

/**
 * Blocking is mutual in effect: once either member blocks the other, neither sees the other's
 * content, and neither can mention or notify the other.
 */
@Injectable()
export class BlocksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async block(viewerId: string, userId: string): Promise<void> {
    if (userId === viewerId) throw badInput('userId', "You can't block yourself.");
    if (!isUuid(userId) || !(await this.dataSource.manager.existsBy(UserEntity, { id: userId }))) {
      throw notFound('That member');
    }
    await inTransaction(this.dataSource, async (manager) => {
      await manager.query(`INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [viewerId, userId]);
      // Following across a block would keep milestone news flowing: it ends both ways.
      await manager.query(
        `DELETE FROM follows WHERE (follower_id = $1 AND followee_id = $2) OR (follower_id = $2 AND followee_id = $1)`,
        [viewerId, userId],
      );
    });
  }

  /** True when either member has blocked the other. */
  async separated(a: string, b: string): Promise<boolean> {
    const [row]: { separated: boolean }[] = await this.dataSource.query(`SELECT ${blockedBetween('$1::uuid', '$2::uuid')} AS separated`, [a, b]);
    return row.separated;
  }

  async unblock(viewerId: string, userId: string): Promise<void> {
    if (!isUuid(userId)) throw notFound('That member');
    await this.dataSource.query(`DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2`, [viewerId, userId]);
  }

  /** Members the viewer blocked, most recent first. */
  async blockedBy(viewerId: string): Promise<UserEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(UserEntity, 'u')
      .innerJoin('blocks', 'b', 'b.blocked_id = u.id AND b.blocker_id = :viewerId', { viewerId })
      .orderBy('b.created_at', 'DESC')
      .getMany();
  }

  /** Everyone on the other side of a block with the viewer, in either direction. */
  async separatedFrom(viewerId: string): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT blocked_id AS id FROM blocks WHERE blocker_id = $1
       UNION SELECT blocker_id AS id FROM blocks WHERE blocked_id = $1`,
      [viewerId],
    );
    return new Set(rows.map((r) => r.id));
  }
}

/** SQL: true when users `a` and `b` (column expressions) are separated by a block either way. */
export function blockedBetween(a: string, b: string): string {
  return `EXISTS (SELECT 1 FROM blocks bl WHERE (bl.blocker_id = ${a} AND bl.blocked_id = ${b}) OR (bl.blocker_id = ${b} AND bl.blocked_id = ${a}))`;
}
