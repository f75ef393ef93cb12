import { Check, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';

/**
 * Two members who may message each other because one accepted the other's message request. One
 * row per pair, the smaller id first. A block between them deletes it (trigger).
 */
@Entity('message_contacts')
@Check('message_contacts_ordered', 'user_a < user_b')
export class MessageContactEntity {
  @PrimaryColumn({ name: 'user_a', type: 'uuid' })
  userA: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_a' })
  a?: UserEntity;

  @PrimaryColumn({ name: 'user_b', type: 'uuid' })
  userB: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_b' })
  b?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
