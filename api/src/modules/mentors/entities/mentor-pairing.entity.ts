import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { ConversationEntity } from '../../conversations/entities/conversation.entity';

/** REQUESTED by the mentee (or made ACTIVE at once by staff), then ACTIVE, DECLINED or ENDED. */
export type PairingStatus = 'REQUESTED' | 'ACTIVE' | 'DECLINED' | 'ENDED';
export type PairingCheckIn = 'GOING_WELL' | 'COULD_BE_BETTER' | 'END_IT';

@Entity('mentor_pairings')
@Index('mentor_pairings_open_pair_key', { synchronize: false })
@Index('mentor_pairings_mentor_idx', ['mentorId', 'status'])
@Index('mentor_pairings_mentee_idx', ['menteeId', 'status'])
export class MentorPairingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'mentor_id', type: 'uuid' })
  mentorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mentor_id' })
  mentor?: UserEntity;

  @Column({ name: 'mentee_id', type: 'uuid' })
  menteeId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mentee_id' })
  mentee?: UserEntity;

  @Column({ type: 'varchar', length: 16, default: 'REQUESTED' })
  status: PairingStatus;

  /** The mentee's note with the request (seen by the mentor). */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** What the mentee would like help with. */
  @Column({ name: 'topic_ids', type: 'uuid', array: true, default: () => "'{}'" })
  topicIds: string[];

  /** Staff who paired them directly, if so. */
  @Column({ name: 'paired_by', type: 'uuid', nullable: true })
  pairedById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'ended_by', type: 'uuid', nullable: true })
  endedById: string | null;

  /** An optional note to staff when ending; the other side never reads it. */
  @Column({ name: 'end_note', type: 'text', nullable: true })
  endNote: string | null;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => ConversationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: ConversationEntity;

  /** When the 30-day "how is it going?" was sent (once per pairing). */
  @Index('mentor_pairings_check_in_due_idx', { where: `status = 'ACTIVE' AND check_in_sent_at IS NULL` })
  @Column({ name: 'check_in_sent_at', type: 'timestamptz', nullable: true })
  checkInSentAt: Date | null;

  /** Each side's one-tap answer; staff only. */
  @Column({ name: 'mentor_check_in', type: 'varchar', length: 16, nullable: true })
  mentorCheckIn: PairingCheckIn | null;

  @Column({ name: 'mentee_check_in', type: 'varchar', length: 16, nullable: true })
  menteeCheckIn: PairingCheckIn | null;
}
