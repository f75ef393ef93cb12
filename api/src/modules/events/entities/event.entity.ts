import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ContentStatus, EventKind } from '@kinship/shared';

/** One occurrence of a sober activity. A recurring series is several rows sharing `seriesId`. */
@Entity('events')
@Index('events_upcoming_idx', ['startsAt', 'id'])
@Index('events_series_idx', ['seriesId', 'startsAt'])
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId: string | null;

  @Index('events_organizer_idx')
  @Column({ name: 'organizer_id', type: 'uuid' })
  organizerId: string;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'description_html', type: 'text', default: '' })
  descriptionHtml: string;

  @Column({ type: 'varchar', length: 16 })
  kind: EventKind;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** IANA zone the organiser set it in; shown next to every time. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  /** Only for members going, the organiser and moderators. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ name: 'online_url', type: 'varchar', length: 500, nullable: true })
  onlineUrl: string | null;

  /** Null: no limit. */
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Column({ name: 'rsvp_deadline', type: 'timestamptz', nullable: true })
  rsvpDeadline: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'VISIBLE' })
  status: ContentStatus;

  /** A member's edit moved the time or place while the event went back to review: tell those going once it is approved. */
  @Column({ name: 'changed_in_review', type: 'boolean', default: false })
  changedInReview: boolean;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  /**
   * iCalendar SEQUENCE: raised by a trigger (EventSequence migration) whenever what a calendar shows
   * changes (title, description, time, place, cancellation), so calendar apps update their copy
   * instead of keeping a stale one or adding a duplicate.
   */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  /** Kept in step with the RSVP rows inside the same locked transaction. */
  @Column({ name: 'going_count', type: 'integer', default: 0 })
  goingCount: number;

  @Column({ name: 'waitlist_count', type: 'integer', default: 0 })
  waitlistCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
