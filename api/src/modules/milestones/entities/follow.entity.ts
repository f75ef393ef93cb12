import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** `followerId` hears of `followeeId`'s announced milestones. */
@Entity('follows')
@Index('follows_followee_idx', ['followeeId'])
export class FollowEntity {
  @PrimaryColumn({ name: 'follower_id', type: 'uuid' })
  followerId: string;

  @PrimaryColumn({ name: 'followee_id', type: 'uuid' })
  followeeId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
