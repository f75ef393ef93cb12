import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { ConversationEntity } from './conversation.entity';

/**
 * ACTIVE: reads and writes. REQUESTED: a first message from someone they have not accepted yet
 * (they see it as a request). DECLINED: they said no (the sender reads only "not accepted").
 * LEFT: they left; they no longer read it.
 */
export type MemberStatus = 'ACTIVE' | 'REQUESTED' | 'DECLINED' | 'LEFT';

@Entity('conversation_members')
@Index('conversation_members_user_idx', ['userId', 'status'])
export class ConversationMemberEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: ConversationEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: MemberStatus;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;

  /** Messages after this are unread for them. */
  @Column({ name: 'last_read_at', type: 'timestamptz', nullable: true })
  lastReadAt: Date | null;

  /** Muted: no notifications (and so no email) for new messages; the unread count still shows. */
  @Column({ type: 'boolean', default: false })
  muted: boolean;
}
