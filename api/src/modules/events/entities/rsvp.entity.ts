import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RsvpStatus } from '@kinship/shared';
import { UserEntity } from '../../accounts/entities/user.entity';
import { EventEntity } from './event.entity';

/** A member's answer for one occurrence. Waitlisted GOING answers queue by `waitlistSeq` (arrival order). */
@Entity('rsvps')
@Index('rsvps_waitlist_idx', ['eventId', 'waitlistSeq'], { where: 'waitlisted' })
@Index('rsvps_user_idx', ['userId'])
export class RsvpEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  status: RsvpStatus;

  @Column({ type: 'boolean', default: false })
  waitlisted: boolean;

  /** From a database sequence when the member joined the waitlist; null otherwise. */
  @Column({ name: 'waitlist_seq', type: 'bigint', nullable: true })
  waitlistSeq: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
