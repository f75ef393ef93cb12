import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';

/**
 * DIRECT: started by a member or staff; MENTORING: opened by an accepted mentor pairing; CARE: a
 * moderator reaching a member from a crisis or support case. The kind only labels it: who may
 * read and write is always the participants' rows.
 */
export type ConversationKind = 'DIRECT' | 'MENTORING' | 'CARE';

/** A private conversation of 2 to 6 people. Nobody but its participants reads it, whatever their role. */
@Entity('conversations')
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16, default: 'DIRECT' })
  kind: ConversationKind;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Moves with every message; the list is ordered by it. */
  @Index('conversations_last_message_idx')
  @Column({ name: 'last_message_at', type: 'timestamptz', default: () => 'now()' })
  lastMessageAt: Date;
}
