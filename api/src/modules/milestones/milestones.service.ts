import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isLocalDate, localDate, milestoneLadder, milestoneProgress, MilestoneDate } from '@kinship/shared';
import type { MilestoneStep } from '@kinship/shared';
import { isUuid } from '../../common/crypto';
import { inTransaction } from '../../database/transaction';
import { Connection, decodeCursor, PageArgs, pageSize, toConnection } from '../../graphql/connection';
import { badInput, forbidden, notFound } from '../../graphql/errors';
import { Viewer } from '../../auth/viewer';
import { UserEntity } from '../accounts/entities/user.entity';
import { blockedBetween, BlocksService } from '../accounts/blocks.service';
import { NotificationWriter } from '../notifications/notification-writer';
import { CategoriesService } from '../discussions/categories.service';
import { PostingService, Written } from '../discussions/posting.service';
import { CelebrateInput, Milestone, MilestoneProgress, Visibility } from './models/milestone.models';
import { CelebrationEntity } from './entities/celebration.entity';

export function toMilestone(m: MilestoneDate): Milestone {
  return { key: m.key, label: m.label, days: m.daysFromStart, date: m.date };
}

/** A ladder milestone from its key and the date it fell on (for celebrations). */
export function milestoneFromKey(key: string, date: string): Milestone | null {
  const step: MilestoneStep | undefined = milestoneLadder().find((m) => m.key === key);
  if (!step) return null;
  return { key, label: step.label, days: step.days ?? Math.round((step.months ?? 0) * 30.44), date };
}

@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: CategoriesService,
    private readonly posting: PostingService,
    private readonly blocks: BlocksService,
    private readonly notifications: NotificationWriter,
  ) {}

  async progress(userId: string, now = new Date()): Promise<MilestoneProgress> {
    const user = await this.dataSource.manager.findOneByOrFail(UserEntity, { id: userId });
    const base = { recoveryStart: user.recoveryStart, visibility: user.recoveryVisibility, announce: user.recoveryAnnounce };
    if (!user.recoveryStart) return { ...base, daysSober: null, reached: [], next: null };
    const progress = milestoneProgress(user.recoveryStart, localDate(now, user.timeZone));
    return {
      ...base,
      daysSober: progress.daysSober,
      reached: progress.reached.map(toMilestone),
      next: progress.next && toMilestone(progress.next),
    };
  }

  /** Private: setting, moving or clearing the date tells nobody and leaves no trace for others. */
  async setStart(viewer: Viewer, date: string, visibility: Visibility, announce: boolean, now = new Date()): Promise<MilestoneProgress> {
    if (!isLocalDate(date)) throw badInput('date', 'Date must be a real date written as YYYY-MM-DD.');
    const user = await this.dataSource.manager.findOneByOrFail(UserEntity, { id: viewer.id });
    if (date > localDate(now, user.timeZone)) throw badInput('date', 'Your start date cannot be in the future.');
    await this.dataSource.manager.update(
      UserEntity,
      { id: viewer.id },
      { recoveryStart: date, recoveryVisibility: visibility, recoveryAnnounce: announce },
    );
    return this.progress(viewer.id, now);
  }

  async clearStart(viewer: Viewer): Promise<void> {
    await this.dataSource.manager.update(UserEntity, { id: viewer.id }, { recoveryStart: null, recoveryAnnounce: false });
  }

  /** A member's own milestone ("first job interview"): a thread in the wall category, screened like any post. */
  async celebrate(input: CelebrateInput, viewer: Viewer): Promise<{ celebration: CelebrationEntity; written: Written }> {
    const categoryId = await this.categories.wallCategoryId();
    let celebration: CelebrationEntity | undefined;
    // The celebration row is written in the thread's transaction: both land, or neither does.
    const written = await this.posting.createThread({ categoryId, title: input.title, body: input.body }, viewer, {
      forWall: true,
      alongside: async (manager, post) => {
        celebration = await manager.save(
          manager.create(CelebrationEntity, { authorId: viewer.id, threadId: post.threadId, title: input.title }),
        );
      },
    });
    return { celebration: celebration!, written };
  }

  /** Idempotent: the (celebration, member) key makes 30 concurrent cheers from one member count once. */
  async cheer(celebrationId: string, viewer: Viewer): Promise<CelebrationEntity> {
    const celebration = await this.visible(celebrationId, viewer);
    await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO cheers (celebration_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
        [celebration.id, viewer.id],
      );
      if (inserted.length > 0) {
        await manager.query(`UPDATE celebrations SET cheer_count = cheer_count + 1 WHERE id = $1`, [celebration.id]);
      }
    });
    return this.dataSource.manager.findOneByOrFail(CelebrationEntity, { id: celebration.id });
  }

  async follow(viewer: Viewer, userId: string, following: boolean): Promise<UserEntity> {
    const user = isUuid(userId) ? await this.dataSource.manager.findOneBy(UserEntity, { id: userId }) : null;
    if (!user) throw notFound('That member');
    if (user.id === viewer.id) throw badInput('userId', "You can't follow yourself.");
    if (following && user.deletedAt) throw badInput('userId', 'This member has left the community.');
    if (following && (await this.blocks.separated(viewer.id, user.id))) throw forbidden("You can't follow this member.");
    if (following) {
      await this.dataSource.query(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [viewer.id, user.id]);
    } else {
      await this.dataSource.query(`DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2`, [viewer.id, user.id]);
    }
    return user;
  }

  /** Newest first: celebrations whose post the viewer may see, none across a block. */
  async wall(args: PageArgs, viewer: Viewer): Promise<Connection<CelebrationEntity>> {
    const first = pageSize(args);
    const after = decodeCursor(args.after, ['iso', 'uuid']);
    const query = this.dataSource.manager
      .createQueryBuilder(CelebrationEntity, 'c')
      .where(this.visibleSql(), { viewerId: viewer.id })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(first + 1);
    if (after) query.andWhere('(c.created_at, c.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, first, (c) => [c.createdAt.toISOString(), c.id], (c) => c);
  }

  async visible(id: string, viewer: Viewer): Promise<CelebrationEntity> {
    const found = isUuid(id)
      ? await this.dataSource.manager
          .createQueryBuilder(CelebrationEntity, 'c')
          .where('c.id = :id', { id })
          .andWhere(this.visibleSql(), { viewerId: viewer.id })
          .getOne()
      : null;
    if (!found) throw notFound('That celebration');
    return found;
  }

  async cheeredByViewer(ids: readonly string[], viewerId: string): Promise<boolean[]> {
    const rows: { celebration_id: string }[] = await this.dataSource.query(
      `SELECT celebration_id FROM cheers WHERE celebration_id = ANY($1::uuid[]) AND user_id = $2`,
      [ids, viewerId],
    );
    const cheered = new Set(rows.map((r) => r.celebration_id));
    return ids.map((id) => cheered.has(id));
  }

  async followingByUserIds(ids: readonly string[], viewerId: string): Promise<boolean[]> {
    const rows: { followee_id: string }[] = await this.dataSource.query(
      `SELECT followee_id FROM follows WHERE follower_id = $1 AND followee_id = ANY($2::uuid[])`,
      [viewerId, ids],
    );
    const following = new Set(rows.map((r) => r.followee_id));
    return ids.map((id) => following.has(id));
  }

  /**
   * The daily job (run hourly): members whose local date reached a ladder milestone today. Those
   * who announce get one celebration (a unique key: running twice, or in two workers, makes one)
   * and their followers a MILESTONE notification; the others get a private note only.
   */
  async celebrateToday(now = new Date()): Promise<{ celebrations: number; privateNotes: number }> {
    const members = await this.dataSource.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('u.recovery_start IS NOT NULL')
      .getMany();
    let celebrations = 0;
    let privateNotes = 0;
    const categoryId = await this.categories.wallCategoryId();
    for (const member of members) {
      const today = localDate(now, member.timeZone);
      const due = milestoneProgress(member.recoveryStart!, today).reached.filter((m) => m.date === today);
      for (const milestone of due) {
        if (member.recoveryAnnounce) {
          if (await this.postCelebration(member, milestone, categoryId)) celebrations++;
        } else {
          const told = await this.notifications.notify(this.dataSource, {
            userId: member.id,
            type: 'MILESTONE',
            sourceKey: `milestone-private:${milestone.key}:${milestone.date}`,
            title: `Today is ${milestone.label}. Well done.`,
            body: 'Only you can see this.',
            url: '/milestones',
          });
          if (told) privateNotes++;
        }
      }
    }
    return { celebrations, privateNotes };
  }

  private async postCelebration(member: UserEntity, milestone: MilestoneDate, categoryId: string): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      // The member may have changed their mind, their name, or left since the scan began.
      const [current]: { display_name: string }[] = await manager.query(
        `SELECT display_name FROM users WHERE id = $1 AND deleted_at IS NULL AND recovery_announce FOR KEY SHARE`,
        [member.id],
      );
      if (!current) return false;
      member = { ...member, displayName: current.display_name };
      // Claim the (member, milestone) first; a concurrent run stops here.
      const [claimed]: { id: string }[] = await manager.query(
        `INSERT INTO celebrations (author_id, milestone_key, milestone_date, thread_id, title)
         VALUES ($1, $2, $3, gen_random_uuid(), $4)
         ON CONFLICT (author_id, milestone_key, milestone_date) WHERE milestone_key IS NOT NULL DO NOTHING RETURNING id`,
        [member.id, milestone.key, milestone.date, `${member.displayName} is celebrating ${milestone.label}`],
      );
      if (!claimed) return false;
      const opening = await this.posting.startThread(manager, categoryId, `${member.displayName} is celebrating ${milestone.label}`, {
        authorId: member.id,
        body: `Celebrating ${milestone.label} today.`,
      });
      await manager.query(`UPDATE celebrations SET thread_id = $2 WHERE id = $1`, [claimed.id, opening.threadId]);
      await this.notifications.fanOut(manager, {
        type: 'MILESTONE',
        sourceKey: `milestone:${claimed.id}`,
        actor: '$1',
        recipients: `SELECT f.follower_id AS user_id, $2 || ' is celebrating ' || $3 AS title, 'Send them a cheer.' AS body,
                            '/milestones/' || $4 AS url
                       FROM follows f WHERE f.followee_id = $1`,
        params: [member.id, member.displayName, milestone.label, claimed.id],
      });
      return true;
    });
  }

  private visibleSql(): string {
    return `EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = c.thread_id AND p.position = 1 AND p.deleted_at IS NULL
              AND (p.status = 'VISIBLE' OR p.author_id = :viewerId))
            AND NOT ${blockedBetween('c.author_id', ':viewerId')}`;
  }
}

